from django.db import migrations

from core.search import search_indexes_without_pending_list


class Migration(migrations.Migration):
    dependencies = [("declarations", "0015_adoption_order_index")]

    operations = [search_indexes_without_pending_list("declaration_search", "clause_search")]
