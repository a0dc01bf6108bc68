"""Admin registrations for organisations."""

from django.contrib import admin

from hub.organisations.models import Organisation


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "kind", "schema_name", "accepts_complaints"]
    search_fields = ["name", "slug"]
    readonly_fields = ["schema_name"]
