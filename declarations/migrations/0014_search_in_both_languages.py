"""Search documents read each text in English and in Japanese (`name_en`, `name_ja`), the
columns staff write: a generated column cannot be altered, so each is removed and added again,
with its index."""

import core.search
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('declarations', '0013_text_in_english_copied'),
    ]

    operations = [
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
            field=models.GeneratedField(db_persist=True, expression=core.search.SearchDocument(body=('text_en', 'text_ja')), output_field=core.search.SearchDocumentField()),
        ),
        migrations.AddIndex(
            model_name='clause',
            index=core.search.SearchIndex(fields=['search_document'], name='clause_search'),
        ),
        migrations.RemoveIndex(
            model_name='declaration',
            name='declaration_search',
        ),
        migrations.RemoveField(
            model_name='declaration',
            name='search_document',
        ),
        migrations.AddField(
            model_name='declaration',
            name='search_document',
            field=models.GeneratedField(db_persist=True, expression=core.search.SearchDocument('title_en', 'title_ja', body=('preamble_en', 'preamble_ja')), output_field=core.search.SearchDocumentField()),
        ),
        migrations.AddIndex(
            model_name='declaration',
            index=core.search.SearchIndex(fields=['search_document'], name='declaration_search'),
        ),
    ]
