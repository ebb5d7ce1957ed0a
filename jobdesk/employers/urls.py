from django.urls import path

from jobdesk.employers import compliance_views, views

app_name = "employers"

urlpatterns = [
    path("", views.employer_list, name="employer_list"),
    path("new/", views.employer_create, name="employer_create"),
    path("<uuid:public_id>/", views.employer_detail, name="employer_detail"),
    path("<uuid:public_id>/edit/", views.employer_edit, name="employer_edit"),
    path("<uuid:public_id>/dispute/", views.employer_dispute, name="employer_dispute"),
    path("vacancies/", views.vacancy_list, name="vacancy_list"),
    path("vacancies/new/", views.vacancy_create, name="vacancy_create"),
    path("vacancies/check/", compliance_views.vacancy_check_text, name="vacancy_check_text"),
    path("vacancies/recheck/", compliance_views.recheck_start, name="recheck_start"),
    path(
        "vacancies/recheck/<uuid:public_id>/",
        compliance_views.recheck_detail,
        name="recheck_detail",
    ),
    path(
        "vacancies/recheck/<uuid:public_id>/progress/",
        compliance_views.recheck_progress,
        name="recheck_progress",
    ),
    path("vacancies/<uuid:public_id>/", views.vacancy_detail, name="vacancy_detail"),
    path("vacancies/<uuid:public_id>/edit/", views.vacancy_edit, name="vacancy_edit"),
    path("vacancies/<uuid:public_id>/status/", views.vacancy_status, name="vacancy_status"),
    path(
        "vacancies/<uuid:public_id>/occupation/",
        views.vacancy_occupation,
        name="vacancy_occupation",
    ),
    path("findings/<uuid:public_id>/override/", views.finding_override, name="finding_override"),
    path("import/", views.import_upload, name="import_upload"),
    path("import/template.xlsx", views.import_template, name="import_template"),
    path("import/<uuid:public_id>/", views.import_preview, name="import_preview"),
    path("import/<uuid:public_id>/commit/", views.import_commit, name="import_commit"),
    path("market/", views.labour_market, name="labour_market"),
    path("market/given/", views.labour_market_given, name="labour_market_given"),
]
