"""Today's text is English: copy each translated field into its `_en` column (and in the
history, so a record's past reads the same). Reversed by dropping the columns: the field's own
column still holds the English."""

from django.db import migrations
from django.db.models import F

TRANSLATED = {
    "declaration": ("title", "preamble"),
    "clause": ("text",),
}


def copy_english(apps, schema_editor):
    for model_name, fields in TRANSLATED.items():
        for name in (model_name, f"historical{model_name}"):
            model = apps.get_model("declarations", name)
            model._base_manager.update(**{f"{field}_en": F(field) for field in fields})


class Migration(migrations.Migration):
    dependencies = [("declarations", "0012_text_in_english_and_japanese")]

    operations = [migrations.RunPython(copy_english, migrations.RunPython.noop)]
