"""Search documents read each text in English and in Japanese (`name_en`, `name_ja`), the
columns staff write: a generated column cannot be altered, so each is removed and added again,
with its index."""

import core.search
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('contacts', '0008_text_in_english_copied'),
    ]

    operations = [
        migrations.RemoveField(
            model_name='organisationunit',
            name='search_document',
        ),
        migrations.AddField(
            model_name='organisationunit',
            name='search_document',
            field=models.GeneratedField(db_persist=True, expression=core.search.SearchDocument('name_en', 'name_ja', body=()), output_field=core.search.SearchDocumentField()),
        ),
    ]
