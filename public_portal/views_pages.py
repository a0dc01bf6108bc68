"""The portal's reading pages: the member directory and the privacy notice."""

from __future__ import annotations

from django.shortcuts import render

from hub.intake.countries import DESTINATION_COUNTRIES
from hub.organisations.selectors import organisation_directory

# The languages members list, by the names their speakers use.
LANGUAGE_NAMES = {
    "id": "Bahasa Indonesia",
    "en": "English",
    "jv": "Basa Jawa",
    "su": "Basa Sunda",
    "zh": "中文",
    "ms": "Bahasa Melayu",
    "ar": "العربية",
}


def directory(request):
    countries = dict(DESTINATION_COUNTRIES)
    members = [
        {
            "organisation": organisation,
            "countries": [str(countries.get(code, code)) for code in organisation.countries],
            "languages": [LANGUAGE_NAMES.get(code, code) for code in organisation.languages],
        }
        for organisation in organisation_directory()
    ]
    return render(request, "public_portal/directory.html", {"members": members})


def privacy(request):
    return render(request, "public_portal/privacy.html")
