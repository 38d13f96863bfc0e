"""Search documents rebuilt: Japanese as two-character pieces, titles weighted above bodies.

A generated column cannot be altered, so each is removed and added again (the database
computes it anew for every row); its index goes with it and is made again.
"""

import core.search
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('plenaries', '0011_search_documents'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='relatedevent',
            name='search_document',
            field=models.GeneratedField(db_persist=True, expression=core.search.SearchDocument('name', body=('place', 'audience', 'description')), output_field=core.search.SearchDocumentField()),
        ),
        migrations.RemoveField(
            model_name='city',
            name='search_document',
        ),
        migrations.AddField(
            model_name='city',
            name='search_document',
            field=models.GeneratedField(db_persist=True, expression=core.search.SearchDocument('name', body=('description',)), output_field=core.search.SearchDocumentField()),
        ),
        migrations.RemoveIndex(
            model_name='jointproject',
            name='jointproject_search',
        ),
        migrations.RemoveField(
            model_name='jointproject',
            name='search_document',
        ),
        migrations.AddField(
            model_name='jointproject',
            name='search_document',
            field=models.GeneratedField(db_persist=True, expression=core.search.SearchDocument('name', body=('description',)), output_field=core.search.SearchDocumentField()),
        ),
        migrations.AddIndex(
            model_name='jointproject',
            index=core.search.SearchIndex(fields=['search_document'], name='jointproject_search'),
        ),
        migrations.RemoveIndex(
            model_name='outcome',
            name='outcome_search',
        ),
        migrations.RemoveField(
            model_name='outcome',
            name='search_document',
        ),
        migrations.AddField(
            model_name='outcome',
            name='search_document',
            field=models.GeneratedField(db_persist=True, expression=core.search.SearchDocument(body=('text',)), output_field=core.search.SearchDocumentField()),
        ),
        migrations.AddIndex(
            model_name='outcome',
            index=core.search.SearchIndex(fields=['search_document'], name='outcome_search'),
        ),
        migrations.RemoveField(
            model_name='plenarymeeting',
            name='search_document',
        ),
        migrations.AddField(
            model_name='plenarymeeting',
            name='search_document',
            field=models.GeneratedField(db_persist=True, expression=core.search.SearchDocument(body=('summary', 'venue')), output_field=core.search.SearchDocumentField()),
        ),
        migrations.RemoveIndex(
            model_name='source',
            name='source_search',
        ),
        migrations.RemoveField(
            model_name='source',
            name='search_document',
        ),
        migrations.AddField(
            model_name='source',
            name='search_document',
            field=models.GeneratedField(db_persist=True, expression=core.search.SearchDocument('title', body=('publisher', 'body')), output_field=core.search.SearchDocumentField()),
        ),
        migrations.AddIndex(
            model_name='source',
            index=core.search.SearchIndex(fields=['search_document'], name='source_search'),
        ),
        migrations.AddIndex(
            model_name='city',
            index=core.search.SearchIndex(fields=['search_document'], name='city_search'),
        ),
        migrations.AddIndex(
            model_name='relatedevent',
            index=core.search.SearchIndex(fields=['search_document'], name='relatedevent_search'),
        ),
    ]
