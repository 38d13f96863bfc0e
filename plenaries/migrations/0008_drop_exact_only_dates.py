"""The exact-only date and year fields give way to the EDTF ones filled before."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("plenaries", "0007_dates_as_known")]

    operations = [
        migrations.RemoveField(
            model_name='historicalmembership',
            name='since_year',
        ),
        migrations.RemoveField(
            model_name='historicalmembership',
            name='until_year',
        ),
        migrations.RemoveField(
            model_name='historicalplenarymeeting',
            name='end_date',
        ),
        migrations.RemoveField(
            model_name='historicalplenarymeeting',
            name='start_date',
        ),
        migrations.RemoveField(
            model_name='historicalrelatedevent',
            name='end_date',
        ),
        migrations.RemoveField(
            model_name='historicalrelatedevent',
            name='start_date',
        ),
        migrations.RemoveField(
            model_name='membership',
            name='since_year',
        ),
        migrations.RemoveField(
            model_name='membership',
            name='until_year',
        ),
        migrations.RemoveField(
            model_name='plenarymeeting',
            name='end_date',
        ),
        migrations.RemoveField(
            model_name='plenarymeeting',
            name='start_date',
        ),
        migrations.RemoveField(
            model_name='relatedevent',
            name='end_date',
        ),
        migrations.RemoveField(
            model_name='relatedevent',
            name='start_date',
        ),
    ]
