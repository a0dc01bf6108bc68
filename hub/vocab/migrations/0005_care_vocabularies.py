from django.db import migrations, models

ADDED = ("service_type", "contact_kind")


def seed(apps, schema_editor):
    from hub.vocab.seed import THESAURI

    Term = apps.get_model("vocab", "Term")
    for vocabulary in ADDED:
        for position, (code, label_id, label_en) in enumerate(THESAURI[vocabulary]):
            Term.objects.update_or_create(
                vocabulary=vocabulary,
                code=code,
                defaults={"label_id": label_id, "label_en": label_en, "position": position},
            )


def unseed(apps, schema_editor):
    apps.get_model("vocab", "Term").objects.filter(vocabulary__in=ADDED).delete()


class Migration(migrations.Migration):
    dependencies = [("vocab", "0004_alter_term_vocabulary")]
    operations = [
        migrations.AlterField(
            model_name="term",
            name="vocabulary",
            field=models.CharField(choices=[('issue_type', 'Issue type'), ('case_type', 'Case type'), ('right_violated', 'Right violated'), ('perpetrator_type', 'Perpetrator type'), ('occupation', 'Occupation'), ('rejection_reason', 'Reason for rejection'), ('not_accompanied_reason', 'Reason for not accompanying'), ('termination_reason', 'Reason for termination'), ('legal_basis', 'Legal basis'), ('education', 'Education'), ('disability', 'Disability'), ('income_band', 'Income band'), ('arrival_channel', 'Arrival channel'), ('proceeding_type', 'Proceeding type'), ('proceeding_stage', 'Proceeding stage'), ('legal_status', 'Legal status'), ('relation_type', 'Relation type'), ('service_type', 'Service'), ('contact_kind', 'Kind of contact')], max_length=40),
        ),
        migrations.RunPython(seed, unseed),
    ]
