"""Search documents read each text in English and in Japanese (`name_en`, `name_ja`), the
columns staff write: a generated column cannot be altered, so each is removed and added again,
with its index."""

import core.search
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('plenaries', '0014_text_in_english_copied'),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='city',
            name='city_search',
        ),
        migrations.RemoveField(
            model_name='city',
            name='search_document',
        ),
        migrations.AddField(
            model_name='city',
            name='search_document',
            field=models.GeneratedField(db_persist=True, expression=core.search.SearchDocument('name_en', 'name_ja', body=('description_en', 'description_ja')), output_field=core.search.SearchDocumentField()),
        ),
        migrations.AddIndex(
            model_name='city',
            index=core.search.SearchIndex(fields=['search_document'], name='city_search'),
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
            field=models.GeneratedField(db_persist=True, expression=core.search.SearchDocument('name_en', 'name_ja', body=('description_en', 'description_ja')), output_field=core.search.SearchDocumentField()),
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
            field=models.GeneratedField(db_persist=True, expression=core.search.SearchDocument(body=('text_en', 'text_ja')), output_field=core.search.SearchDocumentField()),
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
            field=models.GeneratedField(db_persist=True, expression=core.search.SearchDocument(body=('summary_en', 'summary_ja', 'venue_en', 'venue_ja')), output_field=core.search.SearchDocumentField()),
        ),
        migrations.RemoveIndex(
            model_name='relatedevent',
            name='relatedevent_search',
        ),
        migrations.RemoveField(
            model_name='relatedevent',
            name='search_document',
        ),
        migrations.AddField(
            model_name='relatedevent',
            name='search_document',
            field=models.GeneratedField(db_persist=True, expression=core.search.SearchDocument('name_en', 'name_ja', body=('place_en', 'place_ja', 'audience_en', 'audience_ja', 'description_en', 'description_ja')), output_field=core.search.SearchDocumentField()),
        ),
        migrations.AddIndex(
            model_name='relatedevent',
            index=core.search.SearchIndex(fields=['search_document'], name='relatedevent_search'),
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
            field=models.GeneratedField(db_persist=True, expression=core.search.SearchDocument('title_en', 'title_ja', body=('publisher', 'body')), output_field=core.search.SearchDocumentField()),
        ),
        migrations.AddIndex(
            model_name='source',
            index=core.search.SearchIndex(fields=['search_document'], name='source_search'),
        ),
    ]
