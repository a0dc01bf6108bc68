"""Template tag: the case page's consent panel (history, and the withdrawal form)."""

from django import template

from hub.accounts.policy import Action
from tenants.cases.consent import case_consent
from tenants.cases.forms_consent import ConsentWithdrawForm

register = template.Library()


@register.inclusion_tag("cases/_consent_panel.html", takes_context=True)
def case_consent_panel(context, case, can):
    request = context["request"]
    consent = case_consent(actor=request.actor, case=case)
    form = None
    if Action.CONSENT_WITHDRAW in can and consent.allowed:
        form = ConsentWithdrawForm(auto_id="withdraw_%s")
        form.fields["purposes"].choices = list(consent.allowed)
    return {
        "organisation": context["organisation"],
        "case": case,
        "consent": consent,
        "withdraw_form": form,
    }
