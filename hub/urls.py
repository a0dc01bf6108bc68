"""The one URLconf: public portal and APIs, and each organisation's space under /org/<slug>/.

This module is the composition root: it is the only place in `hub` that wires in
`tenants`, `sharing` and `public_portal` (import-linter contracts exempt it).
"""

from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from oauth2_provider import urls as oauth2_urls

from hub.accounts import views_staff
from hub.accounts.locks import ThrottledTokenView
from hub.core.views import healthz
from hub.intake import routing_views
from hub.intake import views as intake_views
from hub.intake.api import ComplaintCreateApi, ComplaintStatusApi, VocabularyListApi
from hub.intake.routing_api import RoutingRuleListApi
from hub.network import views as network_views
from hub.network.api import NetworkStatsApi
from hub.organisations import views as organisation_views
from hub.organisations.api import OrganisationDirectoryApi
from hub.vocab.api import VocabularyTermsApi
from sharing import api as sharing_api
from sharing import urls as share_urls
from sharing.access import urls as access_urls
from sharing.identity import urls as identity_urls
from sharing.queues import urls as queue_urls
from sharing.referrals import urls as referral_urls
from sharing.transfers import urls as transfer_urls
from tenants.care import api as care_api
from tenants.care import api_interventions as care_services_api
from tenants.care import views as care_views
from tenants.cases import api as cases_api
from tenants.cases import (
    api_assignments,
    api_consent,
    api_decisions,
    views_consent,
    views_register,
    views_work,
)
from tenants.cases import views as case_views
from tenants.cases.api_imports import CaseImportApi
from tenants.cases.views_import import case_import_page
from tenants.clientlinks import api as clientlinks_api
from tenants.clientlinks import views as clientlinks_views
from tenants.clocks import api as clocks_api
from tenants.clocks import views as clock_views
from tenants.contributions import urls as contribution_urls
from tenants.documents import api as documents_api
from tenants.documents import views as document_views
from tenants.events import api as events_api
from tenants.events import views as event_views
from tenants.inbox import api as api_inbox
from tenants.inbox import views as inbox_views
from tenants.litigation import api as litigation_api
from tenants.litigation import views as litigation_views
from tenants.notifications import api as notifications_api
from tenants.notifications import views as notification_views
from tenants.people import api as people_api
from tenants.people import views as people_views
from tenants.search import api as search_api
from tenants.search import views as search_views

intake_api = (
    [
        path("complaints/", ComplaintCreateApi.as_view(), name="complaint-create"),
        path(
            "complaints/<str:receipt_code>/", ComplaintStatusApi.as_view(), name="complaint-status"
        ),
        path("organisations/", OrganisationDirectoryApi.as_view(), name="organisations"),
        path("vocabularies/", VocabularyListApi.as_view(), name="vocabularies"),
        path(
            "vocabularies/<slug:vocabulary>/",
            VocabularyTermsApi.as_view(),
            name="vocabulary-terms",
        ),
    ],
    "intake-api",
)

organisation_api = [
    path("cases/", cases_api.CaseListApi.as_view(), name="cases"),
    path("cases/<int:case_id>/", cases_api.CaseDetailApi.as_view(), name="case"),
    path(
        "cases/<int:case_id>/transitions/",
        cases_api.CaseTransitionApi.as_view(),
        name="case-transition",
    ),
    path(
        "cases/<int:case_id>/restriction/",
        cases_api.CaseRestrictionApi.as_view(),
        name="case-restriction",
    ),
    path("cases/<int:case_id>/people/", people_api.CasePeopleApi.as_view(), name="case-people"),
    path("cases/<int:case_id>/events/", events_api.CaseEventsApi.as_view(), name="case-events"),
    path(
        "cases/<int:case_id>/documents/",
        documents_api.CaseDocumentsApi.as_view(),
        name="case-documents",
    ),
    path(
        "cases/<int:case_id>/documents/<int:document_id>/download",
        documents_api.DocumentDownloadApi.as_view(),
        name="document-download",
    ),
    path(
        "cases/<int:case_id>/documents/<int:document_id>/preview.png",
        documents_api.DocumentPreviewApi.as_view(),
        name="document-preview",
    ),
    path(
        "cases/<int:case_id>/proceedings/",
        litigation_api.CaseProceedingsApi.as_view(),
        name="case-proceedings",
    ),
    path(
        "cases/<int:case_id>/proceedings/<int:proceeding_id>/",
        litigation_api.ProceedingDetailApi.as_view(),
        name="proceeding",
    ),
    path(
        "cases/<int:case_id>/proceedings/<int:proceeding_id>/hearings/",
        litigation_api.HearingsApi.as_view(),
        name="proceeding-hearings",
    ),
    path(
        "cases/<int:case_id>/events/<int:event_id>/acts/",
        events_api.EventActsApi.as_view(),
        name="event-acts",
    ),
    path("cases/<int:case_id>/care/", care_api.CareRecordApi.as_view(), name="case-care"),
    path(
        "cases/<int:case_id>/assessments/",
        care_api.AssessmentsApi.as_view(),
        name="case-assessments",
    ),
    path("cases/<int:case_id>/plans/", care_api.PlansApi.as_view(), name="case-plans"),
    path(
        "cases/<int:case_id>/plans/<int:plan_id>/goals/",
        care_api.GoalsApi.as_view(),
        name="plan-goals",
    ),
    path(
        "cases/<int:case_id>/plans/<int:plan_id>/agreement/",
        care_api.PlanAgreementApi.as_view(),
        name="plan-agreement",
    ),
    path("cases/<int:case_id>/goals/<int:goal_id>/", care_api.GoalApi.as_view(), name="goal"),
    path(
        "cases/<int:case_id>/goals/<int:goal_id>/steps/",
        care_api.GoalStepsApi.as_view(),
        name="goal-steps",
    ),
    path(
        "cases/<int:case_id>/interventions/",
        care_services_api.InterventionsApi.as_view(),
        name="case-interventions",
    ),
    path(
        "cases/<int:case_id>/interventions/<int:intervention_id>/",
        care_services_api.InterventionDetailApi.as_view(),
        name="intervention",
    ),
    path(
        "cases/<int:case_id>/interventions/<int:intervention_id>/documents/",
        care_services_api.InterventionDocumentsApi.as_view(),
        name="intervention-documents",
    ),
    path(
        "cases/<int:case_id>/contacts/",
        care_services_api.ContactsApi.as_view(),
        name="case-contacts",
    ),
    path("cases/<int:case_id>/reviews/", care_api.ReviewsApi.as_view(), name="case-reviews"),
    path(
        "cases/<int:case_id>/conferences/",
        care_api.ConferencesApi.as_view(),
        name="case-conferences",
    ),
    path(
        "cases/<int:case_id>/termination/",
        care_api.TerminationApi.as_view(),
        name="case-termination",
    ),
    path(
        "cases/<int:case_id>/termination/request/",
        care_api.TerminationRequestApi.as_view(),
        name="case-termination-request",
    ),
    path("people/", people_api.PersonListApi.as_view(), name="people"),
    path("search/", search_api.SearchApi.as_view(), name="search"),
    path("people/duplicates/", people_api.PersonDuplicatesApi.as_view(), name="people-duplicates"),
    path("people/<int:person_id>/", people_api.PersonDetailApi.as_view(), name="person"),
    path(
        "people/<int:person_id>/placements/",
        people_api.PlacementApi.as_view(),
        name="person-placements",
    ),
    path(
        "people/<int:person_id>/relations/",
        people_api.RelationApi.as_view(),
        name="person-relations",
    ),
    path("cases/<int:case_id>/take/", api_assignments.CaseTakeApi.as_view(), name="case-take"),
    path(
        "cases/<int:case_id>/assignments/",
        api_assignments.AssignmentListApi.as_view(),
        name="case-assignments",
    ),
    path(
        "cases/<int:case_id>/assignments/<int:assignment_id>/end/",
        api_assignments.AssignmentEndApi.as_view(),
        name="case-assignment-end",
    ),
    path(
        "cases/<int:case_id>/decision-requests/",
        api_decisions.CaseDecisionRequestsApi.as_view(),
        name="case-decision-requests",
    ),
    path("cases/<int:case_id>/audit/", cases_api.CaseAuditApi.as_view(), name="case-audit"),
    path("cases/<int:case_id>/clocks/", clocks_api.CaseClocksApi.as_view(), name="case-clocks"),
    path("cases/<int:case_id>/links/", clientlinks_api.CaseLinksApi.as_view(), name="case-links"),
    path("cases/<int:case_id>/consent/", api_consent.CaseConsentApi.as_view(), name="case-consent"),
    path(
        "cases/<int:case_id>/consent/withdraw/",
        api_consent.CaseConsentWithdrawApi.as_view(),
        name="case-consent-withdraw",
    ),
    path(
        "cases/<int:case_id>/links/<int:link_id>/revoke/",
        clientlinks_api.LinkRevokeApi.as_view(),
        name="case-link-revoke",
    ),
    path(
        "cases/<int:case_id>/links/<int:link_id>/reissue/",
        clientlinks_api.LinkReissueApi.as_view(),
        name="case-link-reissue",
    ),
    path(
        "cases/<int:case_id>/package.xml", cases_api.CasePackageApi.as_view(), name="case-package"
    ),
    path(
        "cases/<int:case_id>/dossier.pdf", cases_api.CaseDossierApi.as_view(), name="case-dossier"
    ),
    path("imports/", CaseImportApi.as_view(), name="case-imports"),
    path("queue/", api_assignments.QueueApi.as_view(), name="queue"),
    path("my-cases/", api_assignments.MyCasesApi.as_view(), name="my-cases"),
    path("my-dashboard/", clocks_api.MyDashboardApi.as_view(), name="my-dashboard"),
    path(
        "decision-requests/", api_decisions.PendingDecisionsApi.as_view(), name="decision-requests"
    ),
    path(
        "decision-requests/<int:request_id>/",
        api_decisions.DecisionRequestDetailApi.as_view(),
        name="decision-request",
    ),
    path(
        "decision-requests/<int:request_id>/comments/",
        api_decisions.DecisionCommentApi.as_view(),
        name="decision-request-comments",
    ),
    path(
        "decision-requests/<int:request_id>/settle/",
        api_decisions.DecisionSettleApi.as_view(),
        name="decision-request-settle",
    ),
    path("inbox/", api_inbox.InboxListApi.as_view(), name="inbox"),
    path(
        "inbox/<str:receipt_code>/accept/", api_inbox.InboxAcceptApi.as_view(), name="inbox-accept"
    ),
    path(
        "inbox/<str:receipt_code>/decline/",
        api_inbox.InboxDeclineApi.as_view(),
        name="inbox-decline",
    ),
    path("notifications/", notifications_api.NotificationListApi.as_view(), name="notifications"),
    path(
        "notifications/read/",
        notifications_api.NotificationsReadApi.as_view(),
        name="notifications-read",
    ),
    path("shares/", sharing_api.ShareListApi.as_view(), name="shares"),
    path(
        "shares/<int:grant_id>/revoke/", sharing_api.ShareRevokeApi.as_view(), name="share-revoke"
    ),
    path("shared-with-us/", sharing_api.SharedWithUsListApi.as_view(), name="shared-with-us"),
    path(
        "shared-with-us/<int:grant_id>/",
        sharing_api.SharedWithUsDetailApi.as_view(),
        name="shared-case",
    ),
    *share_urls.organisation_api,
    *access_urls.organisation_api,
    *identity_urls.organisation_api,
    *queue_urls.organisation_api,
    *referral_urls.organisation_api,
    *transfer_urls.organisation_api,
    *contribution_urls.organisation_api,
]

organisation_space = [
    path("", case_views.organisation_home, name="home"),
    path("my/", clock_views.my_cases_page, name="my"),
    path(
        "settings/clocks/",
        organisation_views.clock_settings_page,
        name="clock-settings",
    ),
    path("cases/<int:case_id>/", case_views.case_detail, name="case"),
    path("cases/<int:case_id>/print/", case_views.case_print, name="case-print"),
    path("register/", views_register.case_register_page, name="register"),
    path("cases/import/", case_import_page, name="case-import"),
    path("staff/", views_staff.staff_page, name="staff"),
    path("staff/<int:user_id>/roles/", views_staff.staff_roles, name="staff-roles"),
    path("staff/<int:user_id>/deactivate/", views_staff.staff_deactivate, name="staff-deactivate"),
    path("cases/<int:case_id>/edit/", views_register.case_edit_page, name="case-edit"),
    path("cases/<int:case_id>/move/", case_views.case_move, name="case-move"),
    path("cases/<int:case_id>/restrict/", case_views.case_restrict_view, name="case-restrict"),
    path("cases/<int:case_id>/people/add/", people_views.case_person_add, name="case-person-add"),
    path(
        "cases/<int:case_id>/documents/add/",
        document_views.document_upload_view,
        name="document-add",
    ),
    path("people/<int:person_id>/", people_views.person_page, name="person"),
    path("search/", search_views.search_page, name="search"),
    path(
        "people/<int:person_id>/relations/add/",
        people_views.person_relation_add,
        name="person-relation-add",
    ),
    path(
        "people/<int:person_id>/placements/add/",
        people_views.person_placement_add,
        name="person-placement-add",
    ),
    path("cases/<int:case_id>/care/", care_views.care_page, name="care"),
    path("cases/<int:case_id>/care/print/<slug:record>/", care_views.care_print, name="care-print"),
    path("cases/<int:case_id>/care/assessment/", care_views.assessment_add, name="care-assessment"),
    path("cases/<int:case_id>/care/plans/", care_views.plan_draft_view, name="care-plan"),
    path(
        "cases/<int:case_id>/care/plans/<int:plan_id>/goals/",
        care_views.goal_add_view,
        name="care-goal",
    ),
    path(
        "cases/<int:case_id>/care/plans/<int:plan_id>/agreement/",
        care_views.agreement_view,
        name="care-agreement",
    ),
    path(
        "cases/<int:case_id>/care/goals/<int:goal_id>/steps/",
        care_views.step_add_view,
        name="care-step",
    ),
    path(
        "cases/<int:case_id>/care/goals/<int:goal_id>/remove/",
        care_views.goal_remove_view,
        name="care-goal-remove",
    ),
    path(
        "cases/<int:case_id>/care/interventions/",
        care_views.intervention_add,
        name="care-interventions",
    ),
    path(
        "cases/<int:case_id>/care/interventions/<int:intervention_id>/",
        care_views.intervention_end,
        name="care-intervention",
    ),
    path(
        "cases/<int:case_id>/care/interventions/<int:intervention_id>/documents/",
        care_views.intervention_document,
        name="care-intervention-document",
    ),
    path("cases/<int:case_id>/care/contacts/", care_views.contact_add, name="care-contacts"),
    path("cases/<int:case_id>/care/reviews/", care_views.review_add, name="care-review"),
    path(
        "cases/<int:case_id>/care/conferences/",
        care_views.conference_add,
        name="care-conference",
    ),
    path(
        "cases/<int:case_id>/care/termination/",
        care_views.termination_view,
        name="care-termination",
    ),
    path(
        "cases/<int:case_id>/care/termination/form/",
        care_views.termination_form_view,
        name="care-termination-form",
    ),
    path(
        "cases/<int:case_id>/care/termination/request/",
        care_views.termination_request_view,
        name="care-termination-request",
    ),
    path("cases/<int:case_id>/chronology/", event_views.chronology, name="chronology"),
    path("cases/<int:case_id>/events/add/", event_views.event_add, name="event-add"),
    path(
        "cases/<int:case_id>/events/<int:event_id>/acts/add/",
        event_views.act_add,
        name="act-add",
    ),
    path(
        "cases/<int:case_id>/proceedings/add/",
        litigation_views.proceeding_add,
        name="proceeding-add",
    ),
    path(
        "cases/<int:case_id>/proceedings/<int:proceeding_id>/hearings/add/",
        litigation_views.hearing_add_view,
        name="hearing-add",
    ),
    path("cases/<int:case_id>/links/", clientlinks_views.links_page, name="case-links"),
    path(
        "cases/<int:case_id>/links/<int:link_id>/reissue/",
        clientlinks_views.link_reissue_view,
        name="case-link-reissue",
    ),
    path(
        "cases/<int:case_id>/links/<int:link_id>/revoke/",
        clientlinks_views.link_revoke_view,
        name="case-link-revoke",
    ),
    path(
        "cases/<int:case_id>/links/<int:link_id>/email/",
        clientlinks_views.link_email_view,
        name="case-link-email",
    ),
    path(
        "cases/<int:case_id>/links/<int:link_id>/qr.svg",
        clientlinks_views.link_qr_view,
        name="case-link-qr",
    ),
    path(
        "cases/<int:case_id>/links/<int:link_id>/review/",
        clientlinks_views.link_review_view,
        name="case-link-review",
    ),
    path(
        "cases/<int:case_id>/consent/signed-form/",
        clientlinks_views.consent_signed_form_view,
        name="case-consent-signed",
    ),
    path(
        "cases/<int:case_id>/consent/withdraw/",
        views_consent.consent_withdraw_view,
        name="case-consent-withdraw",
    ),
    path("cases/<int:case_id>/take/", views_work.case_take_view, name="case-take"),
    path("cases/<int:case_id>/appoint/", views_work.case_appoint, name="case-appoint"),
    path(
        "cases/<int:case_id>/assignments/<int:assignment_id>/end/",
        views_work.assignment_end_view,
        name="assignment-end",
    ),
    path("cases/<int:case_id>/request/", views_work.decision_request_view, name="case-request"),
    path("decisions/", views_work.decisions_pending, name="decisions"),
    path(
        "decisions/<int:request_id>/comment/",
        views_work.decision_comment_view,
        name="decision-comment",
    ),
    path(
        "decisions/<int:request_id>/settle/",
        views_work.decision_settle_view,
        name="decision-settle",
    ),
    path("inbox/<str:receipt_code>/accept/", inbox_views.inbox_accept, name="inbox-accept"),
    path("inbox/<str:receipt_code>/decline/", inbox_views.inbox_decline, name="inbox-decline"),
    path("notifications/", notification_views.notifications_page, name="notifications"),
    path(
        "notifications/read/", notification_views.notifications_read_view, name="notifications-read"
    ),
    path(
        "notifications/<int:notification_id>/",
        notification_views.notification_open_view,
        name="notification",
    ),
    *share_urls.organisation_space,
    *access_urls.organisation_space,
    *identity_urls.organisation_space,
    *queue_urls.organisation_space,
    *referral_urls.organisation_space,
    *transfer_urls.organisation_space,
    *contribution_urls.organisation_space,
    path("api/v1/", include((organisation_api, "org-api"))),
]

# The token endpoint throttles repeated failed client authentications (hub.accounts.locks).
oauth2_endpoints = [
    path("token/", ThrottledTokenView.as_view(), name="token"),
    *(entry for entry in oauth2_urls.base_urlpatterns if entry.name != "token"),
]

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("", include("public_portal.urls")),
    path("accounts/", include("hub.accounts.urls")),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    # OAuth2 protocol endpoints only; applications are registered per organisation, not here.
    path("o/", include((oauth2_endpoints, "oauth2_provider"))),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    # The page and its init script are separate responses: the CSP allows no inline script.
    path(
        "api/docs/",
        SpectacularSwaggerSplitView.as_view(url_name="schema", template_name="hub/api_docs.html"),
        name="api-docs",
    ),
    path("api/v1/public/", include(intake_api)),
    path("api/v1/network/stats/", NetworkStatsApi.as_view(), name="network-stats"),
    path(
        "api/v1/network/routing-rules/",
        RoutingRuleListApi.as_view(),
        name="network-routing-rules",
    ),
    path("network/", network_views.network_home, name="network-home"),
    path("network/triage/", intake_views.triage_page, name="network-triage"),
    path(
        "network/triage/<str:receipt_code>/",
        intake_views.triage_move,
        name="network-triage-move",
    ),
    path("network/routing/", routing_views.routing_rules_page, name="network-routing"),
    path("network/routing/new/", routing_views.routing_rule_new, name="network-routing-new"),
    path(
        "network/routing/<int:rule_id>/",
        routing_views.routing_rule_edit,
        name="network-routing-edit",
    ),
    path(
        "network/routing/<int:rule_id>/deactivate/",
        routing_views.routing_rule_deactivate_view,
        name="network-routing-deactivate",
    ),
    *share_urls.site,
    *access_urls.site,
    *identity_urls.site,
    *queue_urls.site,
    *referral_urls.site,
    *transfer_urls.site,
    *contribution_urls.site,
    path("org/<slug:org_slug>/", include((organisation_space, "org"))),
]

handler404 = "hub.core.views.not_found"
handler500 = "hub.core.views.server_error"
