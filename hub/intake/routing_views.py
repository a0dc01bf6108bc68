"""The network's routing rules page (/network/routing/): coordinators read the rules and the
preview of who would get which recent complaint; network admins add, edit and deactivate
rules, and preview an edit before saving it. Anyone else gets the 404 of a missing page."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hub.accounts import policy
from hub.accounts.network_pages import network_page
from hub.accounts.policy import Action
from hub.core.errors import DomainError
from hub.intake.models import RoutingRule
from hub.intake.routing import routing_preview, routing_rules_in_force
from hub.intake.routing_forms import RoutingRuleForm
from hub.intake.routing_rules import (
    routing_rule_create,
    routing_rule_deactivate,
    routing_rule_draft,
    routing_rule_update,
)

network_routing_page = network_page(Action.ROUTING_VIEW)


def _rule_or_404(rule_id: int) -> RoutingRule:
    rule = RoutingRule.objects.select_related("organisation").filter(pk=rule_id).first()
    if rule is None:
        raise Http404
    return rule


@network_routing_page
def routing_rules_page(request):
    rules = RoutingRule.objects.select_related("organisation").order_by(
        "-active", "-priority", "organisation__name", "id"
    )
    return render(
        request,
        "intake/routing_rules.html",
        {
            "rules": list(rules),
            "preview": routing_preview(),
            "may_manage": policy.allows(request.actor, Action.ROUTING_MANAGE),
        },
    )


def _refused(form: RoutingRuleForm, exc: DomainError) -> None:
    """The service's messages next to their fields; the rule as a whole's at the top."""
    form.add_error(None, exc.message)
    for name, said in exc.fields.items():
        for message in said:
            form.add_error(name if name in form.fields else None, message)


def _with_draft(draft: RoutingRule) -> list[RoutingRule]:
    """The rules in force, with the draft in place of the rule it edits (or added)."""
    rules = [rule for rule in routing_rules_in_force() if rule.pk != draft.pk]
    return [*rules, draft]


def _rule_form(request, rule: RoutingRule | None):
    policy.require(request.actor, Action.ROUTING_MANAGE)
    form = RoutingRuleForm(request.POST or None, rule=rule)
    preview = None
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.rule_input()
            try:
                if "preview" in request.POST:
                    draft = routing_rule_draft(data=data, rule=rule)
                    preview = routing_preview(rules=_with_draft(draft))
                    status = 200
                elif rule is None:
                    routing_rule_create(actor=request.actor, data=data)
                elif rule is not None:
                    routing_rule_update(actor=request.actor, rule_id=rule.pk, data=data)
            except DomainError as exc:
                if exc.status != 400:
                    raise
                _refused(form, exc)
            else:
                if preview is None:
                    messages.success(request, _("The routing rule is saved."))
                    return redirect("network-routing")
    return render(
        request,
        "intake/routing_rule_form.html",
        {"form": form, "rule": rule, "preview": preview, "invalid": status == 400},
        status=status,
    )


@network_routing_page
def routing_rule_new(request):
    return _rule_form(request, None)


@network_routing_page
def routing_rule_edit(request, rule_id: int):
    return _rule_form(request, _rule_or_404(rule_id))


@network_routing_page
@require_POST
def routing_rule_deactivate_view(request, rule_id: int):
    rule = routing_rule_deactivate(actor=request.actor, rule_id=_rule_or_404(rule_id).pk)
    messages.success(
        request,
        _("The routing rule for %(name)s is deactivated.") % {"name": rule.organisation.name},
    )
    return redirect("network-routing")
