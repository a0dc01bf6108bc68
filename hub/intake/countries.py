"""Countries where Indonesian migrant workers most often work (ISO 3166-1 alpha-2)."""

from django.utils.translation import gettext_lazy as _

DESTINATION_COUNTRIES = [
    ("MY", _("Malaysia")),
    ("HK", _("Hong Kong")),
    ("TW", _("Taiwan")),
    ("SG", _("Singapore")),
    ("SA", _("Saudi Arabia")),
    ("KR", _("South Korea")),
    ("JP", _("Japan")),
    ("AE", _("United Arab Emirates")),
    ("QA", _("Qatar")),
    ("KW", _("Kuwait")),
    ("OM", _("Oman")),
    ("BN", _("Brunei Darussalam")),
    ("MO", _("Macau")),
    ("ID", _("Indonesia (before departure or after return)")),
]
