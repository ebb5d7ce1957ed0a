"""/api/: the versioned API (v1), its OpenAPI description and docs page, the token screens."""

from __future__ import annotations

from django.urls import include, path

from jobdesk.api.views import (
    cases,
    docs,
    employers,
    matching,
    privacy,
    referrals,
    reports,
    seekers,
    tokens,
)

app_name = "api"

v1 = [
    path("seekers/", seekers.SeekerList.as_view(), name="seeker_list"),
    path("seekers/<uuid:public_id>/", seekers.SeekerDetail.as_view(), name="seeker_detail"),
    path("seekers/<uuid:public_id>/cases/", seekers.SeekerCases.as_view(), name="seeker_cases"),
    path(
        "seekers/<uuid:public_id>/matches/",
        matching.SeekerMatches.as_view(),
        name="seeker_matches",
    ),
    path(
        "seekers/<uuid:public_id>/data-requests/",
        seekers.SeekerDataRequests.as_view(),
        name="seeker_data_requests",
    ),
    path("cases/", cases.CaseList.as_view(), name="case_list"),
    path("indicators/", reports.IndicatorList.as_view(), name="indicators"),
    path("cases/<uuid:public_id>/", cases.CaseDetail.as_view(), name="case_detail"),
    path(
        "cases/<uuid:public_id>/closure-request/",
        cases.CaseClosureRequest.as_view(),
        name="case_closure_request",
    ),
    path(
        "cases/<uuid:public_id>/closure-decision/",
        cases.CaseClosureDecision.as_view(),
        name="case_closure_decision",
    ),
    path("cases/<uuid:public_id>/reopen/", cases.CaseReopen.as_view(), name="case_reopen"),
    path("employers/", employers.EmployerList.as_view(), name="employer_list"),
    path(
        "employers/<uuid:public_id>/",
        employers.EmployerDetail.as_view(),
        name="employer_detail",
    ),
    path("vacancies/", employers.VacancyList.as_view(), name="vacancy_list"),
    path(
        "vacancies/taiwanjobs/",
        employers.VacancyTaiwanJobsList.as_view(),
        name="vacancy_taiwanjobs_list",
    ),
    path("vacancies/<uuid:public_id>/", employers.VacancyDetail.as_view(), name="vacancy_detail"),
    path(
        "vacancies/<uuid:public_id>/status/",
        employers.VacancyStatusChange.as_view(),
        name="vacancy_status",
    ),
    path(
        "vacancies/<uuid:public_id>/jobposting/",
        employers.VacancyJobPosting.as_view(),
        name="vacancy_jobposting",
    ),
    path(
        "vacancies/<uuid:public_id>/taiwanjobs/",
        employers.VacancyTaiwanJobs.as_view(),
        name="vacancy_taiwanjobs",
    ),
    path(
        "vacancies/<uuid:public_id>/matches/",
        matching.VacancyMatches.as_view(),
        name="vacancy_matches",
    ),
    path("recommendations/", matching.RecommendationList.as_view(), name="recommendation_list"),
    path(
        "recommendations/<uuid:public_id>/",
        matching.RecommendationDetail.as_view(),
        name="recommendation_detail",
    ),
    path(
        "recommendations/<uuid:public_id>/reply/",
        matching.RecommendationReply.as_view(),
        name="recommendation_reply",
    ),
    path(
        "recommendations/<uuid:public_id>/start/",
        matching.RecommendationStart.as_view(),
        name="recommendation_start",
    ),
    path(
        "recommendations/<uuid:public_id>/withdraw/",
        matching.RecommendationWithdraw.as_view(),
        name="recommendation_withdraw",
    ),
    path("referrals/", referrals.ReferralList.as_view(), name="referral_list"),
    path("referrals/<uuid:public_id>/", referrals.ReferralDetail.as_view(), name="referral_detail"),
    path(
        "referrals/<uuid:public_id>/follow-up/",
        referrals.ReferralFollowUp.as_view(),
        name="referral_follow_up",
    ),
    path(
        "referrals/<uuid:public_id>/outcome/",
        referrals.ReferralOutcome.as_view(),
        name="referral_outcome",
    ),
    path("data-requests/", privacy.DataRequestList.as_view(), name="data_request_list"),
    path(
        "data-requests/<uuid:public_id>/",
        privacy.DataRequestDetail.as_view(),
        name="data_request_detail",
    ),
]

token_urls = (
    [
        path("", tokens.token_list, name="token_list"),
        path("new/", tokens.token_create, name="token_create"),
        path("<uuid:public_id>/revoke/", tokens.token_revoke, name="token_revoke"),
    ],
    "api_tokens",
)

urlpatterns = [
    path("v1/", include(v1)),
    path("schema/", docs.SchemaView.as_view(), name="schema"),
    path("docs/", docs.docs, name="docs"),
]
