from django.db import migrations

from core.search import search_indexes_without_pending_list


class Migration(migrations.Migration):
    dependencies = [("plenaries", "0015_search_in_both_languages")]

    operations = [
        search_indexes_without_pending_list(
            "city_search",
            "outcome_search",
            "relatedevent_search",
            "jointproject_search",
            "source_search",
        )
    ]
