from django.urls import include, path

from jobdesk.api.urls import token_urls
from jobdesk.audit.admin_site import site as admin_site
from jobdesk.common import views

handler500 = "jobdesk.common.errors.server_error"  # zh-Hant; 503 while the database is down

urlpatterns = [
    path("", views.home, name="home"),
    path("areas/<slug:slug>/", views.area, name="area"),
    path("standard/", views.standard, name="standard"),
    path("healthz", views.healthz, name="healthz"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("accounts/", include("jobdesk.accounts.urls")),
    path("audit/", include("jobdesk.audit.urls")),
    path("cases/", include("jobdesk.cases.urls")),
    path("employers/", include("jobdesk.employers.urls")),
    path("matching/", include("jobdesk.matching.urls")),
    path("referrals/", include("jobdesk.referrals.urls")),
    path("privacy/", include("jobdesk.privacy.urls")),
    path("reports/", include("jobdesk.reports.urls")),
    path("statutory/", include("jobdesk.statutory.urls")),
    path("api/tokens/", include(token_urls)),
    path("api/", include("jobdesk.api.urls")),
    path("admin/", admin_site.urls),
]
