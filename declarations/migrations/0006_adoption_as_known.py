"""The adoption day becomes EDTF text with its bounds."""

from django.db import migrations

from core.dates import bounds

def adoption_as_known(apps, schema_editor):
    """The adoption day becomes EDTF text with its bounds."""
    db = schema_editor.connection.alias
    for label in ("Declaration", "HistoricalDeclaration"):
        for declaration in apps.get_model("declarations", label).objects.using(db):
            text = declaration.adopted_on.isoformat()
            declaration.adopted = text
            declaration.adopted_earliest, declaration.adopted_latest = bounds(text)
            declaration.save(update_fields=["adopted", "adopted_earliest", "adopted_latest"])





class Migration(migrations.Migration):
    dependencies = [("declarations", "0005_history_as_known")]

    operations = [
        migrations.RunPython(adoption_as_known, migrations.RunPython.noop),
    ]
