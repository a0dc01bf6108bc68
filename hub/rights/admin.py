"""Network admins edit the rights pages in the Django admin."""

from django.contrib import admin

from hub.rights.models import RightsTopic


@admin.register(RightsTopic)
class RightsTopicAdmin(admin.ModelAdmin):
    list_display = ("title_id", "slug", "position", "published", "updated_at")
    list_editable = ("position", "published")
    search_fields = ("title_id", "title_en", "body_id", "body_en")
    fieldsets = (
        (None, {"fields": ("slug", "position", "published")}),
        ("Bahasa Indonesia", {"fields": ("title_id", "summary_id", "body_id")}),
        ("English", {"fields": ("title_en", "summary_en", "body_en")}),
    )
