"""`manage.py create_organisation <slug> <name> [--kind ...]`: a new member and its schema."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from hub.organisations.models import OrganisationKind
from hub.organisations.provisioning import organisation_provision


def _csv(value: str) -> list[str]:
    return [item.strip() for item in value.split(",") if item.strip()]


class Command(BaseCommand):
    help = "Create a member organisation and its schema (from the template schema)."

    def add_arguments(self, parser):
        parser.add_argument("slug")
        parser.add_argument("name")
        parser.add_argument(
            "--kind",
            default=OrganisationKind.LEGAL_AID,
            choices=[k for k in OrganisationKind.values if k != OrganisationKind.TEMPLATE],
        )
        parser.add_argument("--regions", type=_csv, default=[])
        parser.add_argument("--countries", type=_csv, default=[], help="e.g. HK,MY")
        parser.add_argument("--issue-types", type=_csv, default=[])
        parser.add_argument("--languages", type=_csv, default=["id"])
        parser.add_argument("--contact-email", default="")
        parser.add_argument("--contact-phone", default="")
        parser.add_argument("--method", choices=["clone", "migrate"], default=None)

    def handle(self, *args, slug, name, kind, method, **options):
        try:
            organisation = organisation_provision(
                slug=slug,
                name=name,
                kind=kind,
                method=method,
                regions=options["regions"],
                countries=[c.upper() for c in options["countries"]],
                issue_types=options["issue_types"],
                languages=options["languages"],
                contact_email=options["contact_email"],
                contact_phone=options["contact_phone"],
            )
        except ValidationError as exc:
            problems = "; ".join(f"{k}: {', '.join(v)}" for k, v in exc.message_dict.items())
            raise CommandError(problems) from None
        where = f"/org/{organisation.slug}/ (schema {organisation.schema_name})"
        self.stdout.write(self.style.SUCCESS(f"Created {organisation.name}: {where}"))
