"""The exact adoption day gives way to the EDTF one filled before."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("declarations", "0006_adoption_as_known")]

    operations = [
        migrations.RemoveField(
            model_name='declaration',
            name='adopted_on',
        ),
        migrations.RemoveField(
            model_name='historicaldeclaration',
            name='adopted_on',
        ),
    ]
