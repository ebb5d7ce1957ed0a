from django.urls import include, path
from django.views.i18n import set_language

from jobdesk.api.urls import token_urls
from jobdesk.common import views
from jobdesk.common.admin_site import site as admin_site

urlpatterns = [
    path("", views.home, name="home"),
    path("areas/<slug:slug>/", views.area, name="area"),
    path("standard/", views.standard, name="standard"),
    path("healthz", views.healthz, name="healthz"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("accounts/", include("jobdesk.accounts.urls")),
    path("audit/", include("jobdesk.audit.urls")),
    path("cases/", include("jobdesk.cases.urls")),
    path("employers/", include("jobdesk.employers.urls")),
    path("matching/", include("jobdesk.matching.urls")),
    path("referrals/", include("jobdesk.referrals.urls")),
    path("privacy/", include("jobdesk.privacy.urls")),
    path("api/tokens/", include(token_urls)),
    path("api/", include("jobdesk.api.urls")),
    path("admin/", admin_site.urls),
]
