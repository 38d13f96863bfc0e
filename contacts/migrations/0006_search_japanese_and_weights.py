"""Search documents rebuilt: Japanese as two-character pieces, titles weighted above bodies.

A generated column cannot be altered, so each is removed and added again (the database
computes it anew for every row); its index goes with it and is made again.
"""

import core.search
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('contacts', '0005_search_documents'),
    ]

    operations = [
        migrations.RemoveField(
            model_name='inquirycontact',
            name='search_document',
        ),
        migrations.AddField(
            model_name='inquirycontact',
            name='search_document',
            field=models.GeneratedField(db_persist=True, expression=core.search.SearchDocument('person', body=()), output_field=core.search.SearchDocumentField()),
        ),
        migrations.RemoveField(
            model_name='organisationunit',
            name='search_document',
        ),
        migrations.AddField(
            model_name='organisationunit',
            name='search_document',
            field=models.GeneratedField(db_persist=True, expression=core.search.SearchDocument('name', body=()), output_field=core.search.SearchDocumentField()),
        ),
    ]
