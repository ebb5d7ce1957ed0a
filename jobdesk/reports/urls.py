from django.urls import path

from jobdesk.reports.views import (
    closures,
    competency,
    indicators,
    monthly,
    practice,
    trends,
    workload,
)

app_name = "reports"

urlpatterns = [
    path("", indicators.index, name="index"),
    path("indicators/", indicators.indicator_list, name="indicators"),
    path("indicators/export/<str:fmt>/", indicators.indicator_export, name="indicators_export"),
    path("indicators/<slug:key>/", indicators.indicator_rows, name="indicator_rows"),
    path(
        "indicators/<slug:key>/export/<str:fmt>/",
        indicators.indicator_rows_export,
        name="indicator_rows_export",
    ),
    path("workload/", workload.workload, name="workload"),
    path("workload/export/<str:fmt>/", workload.workload_export, name="workload_export"),
    path("workload/<slug:measure>/", workload.workload_rows, name="workload_rows"),
    path("closures/", closures.closure_report, name="closures"),
    path("closures/print/", closures.closure_report_print, name="closures_print"),
    path("closures/export/<str:fmt>/", closures.closure_report_export, name="closures_export"),
    path("practice/", practice.practice, name="practice"),
    path("practice/records/", practice.practice_records, name="practice_records"),
    path("practice/export/<str:fmt>/", practice.practice_export, name="practice_export"),
    path("trends/", trends.trends, name="trends"),
    path("trends/export/<str:fmt>/", trends.trends_export, name="trends_export"),
    path("competency/", competency.competency_list, name="competency_list"),
    path("competency/new/", competency.competency_start, name="competency_start"),
    path("competency/<uuid:public_id>/", competency.competency_detail, name="competency_detail"),
    path("monthly/", monthly.monthly_list, name="monthly_list"),
    path("monthly/new/", monthly.monthly_request, name="monthly_request"),
    path("monthly/<uuid:public_id>/", monthly.monthly_download, name="monthly_download"),
]
