"""Routing by rules instead of by directory profiles: one rule per organisation that takes
complaints, written from its profile, so complaints keep going roughly where they went.

A rule needs every criterion it lists, where the profile scored any of them, so the rule takes
the profile's countries and issue types (the two the old scoring weighed most); the home
regions only for an organisation that lists neither (a rule needing the region would miss every
complaint that gives none); never the languages (complaints come in Indonesian or English, and
the profile's languages are those the staff speak). Network admins refine them at
/network/routing/."""

from django.db import migrations

WRITTEN_BY = "migration 0004 (directory profile)"


def rules_from_profiles(apps, schema_editor):
    Organisation = apps.get_model("organisations", "Organisation")
    RoutingRule = apps.get_model("intake", "RoutingRule")
    for organisation in (
        Organisation.objects.filter(accepts_complaints=True).exclude(kind="template").order_by("pk")
    ):
        if RoutingRule.objects.filter(organisation=organisation).exists():
            continue
        countries = list(dict.fromkeys(organisation.countries))
        issue_types = list(dict.fromkeys(organisation.issue_types))
        regions = [] if countries or issue_types else list(dict.fromkeys(organisation.regions))
        if not (countries or issue_types or regions):
            continue  # nothing to match on: its complaints go to triage until a rule is made
        note = "From the directory profile"
        if organisation.regions and not regions:
            note += "; regions not used: " + ", ".join(organisation.regions)
        RoutingRule.objects.create(
            organisation=organisation,
            countries=countries,
            home_regions=[r[:100] for r in regions],
            issue_types=issue_types,
            note=note[:300],
            updated_by=WRITTEN_BY,
        )


def remove_written_rules(apps, schema_editor):
    RoutingRule = apps.get_model("intake", "RoutingRule")
    RoutingRule.objects.filter(updated_by=WRITTEN_BY).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("intake", "0003_public_door"),
        ("organisations", "0003_service_level_settings"),
    ]

    operations = [migrations.RunPython(rules_from_profiles, remove_written_rules)]
