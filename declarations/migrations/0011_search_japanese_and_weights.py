"""Search documents rebuilt: Japanese as two-character pieces, titles weighted above bodies.

A generated column cannot be altered, so each is removed and added again (the database
computes it anew for every row); its index goes with it and is made again.
"""

import core.search
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('declarations', '0010_search_documents'),
        ('plenaries', '0012_search_japanese_and_weights'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='declaration',
            name='search_document',
            field=models.GeneratedField(db_persist=True, expression=core.search.SearchDocument('title', body=('preamble',)), output_field=core.search.SearchDocumentField()),
        ),
        migrations.RemoveIndex(
            model_name='clause',
            name='clause_search',
        ),
        migrations.RemoveField(
            model_name='clause',
            name='search_document',
        ),
        migrations.AddField(
            model_name='clause',
            name='search_document',
            field=models.GeneratedField(db_persist=True, expression=core.search.SearchDocument(body=('text',)), output_field=core.search.SearchDocumentField()),
        ),
        migrations.AddIndex(
            model_name='clause',
            index=core.search.SearchIndex(fields=['search_document'], name='clause_search'),
        ),
        migrations.AddIndex(
            model_name='declaration',
            index=core.search.SearchIndex(fields=['search_document'], name='declaration_search'),
        ),
    ]
