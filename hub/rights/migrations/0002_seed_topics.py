from django.db import migrations


def seed(apps, schema_editor):
    from hub.rights.content import TOPICS

    RightsTopic = apps.get_model("rights", "RightsTopic")
    for position, (slug, title_id, title_en, summary_id, summary_en, body_id, body_en) in enumerate(
        TOPICS
    ):
        RightsTopic.objects.get_or_create(
            slug=slug,
            defaults={
                "position": position,
                "title_id": title_id,
                "title_en": title_en,
                "summary_id": summary_id,
                "summary_en": summary_en,
                "body_id": body_id,
                "body_en": body_en,
            },
        )


def unseed(apps, schema_editor):
    from hub.rights.content import TOPICS

    apps.get_model("rights", "RightsTopic").objects.filter(
        slug__in=[topic[0] for topic in TOPICS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("rights", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
