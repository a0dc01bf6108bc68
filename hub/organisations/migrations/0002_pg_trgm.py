"""pg_trgm in the public schema: organisations' schemas reach it through their search path
(possible-duplicate hints on people's names)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("organisations", "0001_initial")]

    operations = [
        migrations.RunSQL(
            "CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public",
            reverse_sql=migrations.RunSQL.noop,
        )
    ]
