from django.urls import path

from jobdesk.privacy.views import otp, records, requests

app_name = "privacy"

urlpatterns = [
    path("2fa/enrol/", otp.otp_enrol, name="otp_enrol"),
    path("2fa/verify/", otp.otp_verify, name="otp_verify"),
    path("seekers/<uuid:public_id>/notice/", records.notice, name="notice"),
    path("seekers/<uuid:public_id>/consents/", records.consent_list, name="consent_list"),
    path("seekers/<uuid:public_id>/access/", records.seeker_access, name="seeker_access"),
    path("seekers/<uuid:public_id>/requests/new/", requests.request_create, name="request_create"),
    path(
        "consents/<uuid:public_id>/signature/",
        records.consent_signature,
        name="consent_signature",
    ),
    path("consents/<uuid:public_id>/withdraw/", records.consent_withdraw, name="consent_withdraw"),
    path("access/outside-caseload/", records.outside_caseload, name="outside_caseload"),
    path("requests/", requests.request_list, name="request_list"),
    path("requests/<uuid:public_id>/", requests.request_detail, name="request_detail"),
    path("requests/<uuid:public_id>/export/", requests.request_export, name="request_export"),
    path(
        "requests/<uuid:public_id>/<slug:action>/",
        requests.request_action,
        name="request_action",
    ),
]
