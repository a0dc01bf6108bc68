from django.db import migrations


def seed(apps, schema_editor):
    from hub.vocab.seed import ISSUE_TYPES

    Term = apps.get_model("vocab", "Term")
    for position, (code, label_id, label_en) in enumerate(ISSUE_TYPES):
        Term.objects.update_or_create(
            vocabulary="issue_type",
            code=code,
            defaults={"label_id": label_id, "label_en": label_en, "position": position},
        )


def unseed(apps, schema_editor):
    apps.get_model("vocab", "Term").objects.filter(vocabulary="issue_type").delete()


class Migration(migrations.Migration):
    dependencies = [("vocab", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
