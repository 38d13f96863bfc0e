"""Press releases become sources (of which a press release is one kind): the model, its history
and its links keep their rows under the new names."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("contacts", "0004_organisationunit_version"),
        ("plenaries", "0004_versions_of_the_network_and_meeting_parts"),
    ]

    operations = [
        migrations.RenameModel("PressRelease", "Source"),
        migrations.RenameModel("HistoricalPressRelease", "HistoricalSource"),
        migrations.RenameModel("HistoricalPressRelease_contacts", "HistoricalSource_contacts"),
        migrations.RenameField("HistoricalSource_contacts", "pressrelease", "source"),
    ]
