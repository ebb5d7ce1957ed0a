from django.urls import path

from jobdesk.referrals import views

app_name = "referrals"

urlpatterns = [
    path("", views.referral_list, name="referral_list"),
    path("resources/", views.resource_list, name="resource_list"),
    path("cases/<uuid:case_id>/new/", views.referral_create, name="referral_create"),
    path("<uuid:public_id>/", views.referral_detail, name="referral_detail"),
    path("<uuid:public_id>/consent/", views.referral_consent, name="referral_consent"),
    path("<uuid:public_id>/assessment/", views.referral_assessment, name="referral_assessment"),
    path("<uuid:public_id>/packet/", views.referral_packet, name="referral_packet"),
    path("<uuid:public_id>/<slug:action>/", views.referral_action, name="referral_action"),
]
