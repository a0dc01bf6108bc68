"""Admin registrations for organisations: adding one provisions its schema."""

from django.contrib import admin

from hub.organisations.models import Organisation
from hub.organisations.provisioning import organisation_save_new


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "slug",
        "kind",
        "schema_name",
        "accepts_complaints",
        "is_national_office",
        "national_office",
    ]
    search_fields = ["name", "slug"]
    list_filter = ["kind", "accepts_complaints", "is_national_office"]
    readonly_fields = ["schema_name", "created_at"]
    fields = [
        "name",
        "slug",
        "kind",
        "schema_name",
        "regions",
        "countries",
        "issue_types",
        "languages",
        "contact_email",
        "contact_phone",
        "address",
        "accepts_complaints",
        "monthly_capacity",
        "is_national_office",
        "national_office",
        "created_at",
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).members()

    def get_readonly_fields(self, request, obj=None):
        # The slug is the organisation's address (/org/<slug>/) and names its schema.
        return [*self.readonly_fields, "slug"] if obj else self.readonly_fields

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
        else:
            organisation_save_new(organisation=obj)

    def has_delete_permission(self, request, obj=None):
        # An organisation's schema holds its case files; removal is an operator's task.
        return False
