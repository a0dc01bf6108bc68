from django.db import migrations

# Issue types belong to 0002; this migration reloads them harmlessly but never removes them.
OWNED_BY_EARLIER_MIGRATION = {"issue_type"}


def seed(apps, schema_editor):
    from hub.vocab.seed import THESAURI

    Term = apps.get_model("vocab", "Term")
    for vocabulary, terms in THESAURI.items():
        for position, (code, label_id, label_en) in enumerate(terms):
            Term.objects.update_or_create(
                vocabulary=vocabulary,
                code=code,
                defaults={"label_id": label_id, "label_en": label_en, "position": position},
            )


def unseed(apps, schema_editor):
    from hub.vocab.seed import THESAURI

    vocabularies = set(THESAURI) - OWNED_BY_EARLIER_MIGRATION
    apps.get_model("vocab", "Term").objects.filter(vocabulary__in=vocabularies).delete()


class Migration(migrations.Migration):
    dependencies = [("vocab", "0002_seed_issue_types")]
    operations = [migrations.RunPython(seed, unseed)]
