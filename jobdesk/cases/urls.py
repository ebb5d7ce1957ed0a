from django.urls import path

from jobdesk.cases.views import caseload, casework, outreach, prints, seekers, transfers

app_name = "cases"

urlpatterns = [
    # T1.1 outreach
    path("outreach/", outreach.outreach_list, name="outreach_list"),
    path("outreach/new/", outreach.outreach_create, name="outreach_create"),
    path("outreach/<uuid:public_id>/", outreach.outreach_detail, name="outreach_detail"),
    path("leads/new/", outreach.lead_create, name="lead_create"),
    path("leads/<uuid:public_id>/register/", outreach.lead_convert, name="lead_convert"),
    path("leads/<uuid:public_id>/decline/", outreach.lead_decline, name="lead_decline"),
    # job seekers
    path("seekers/", seekers.seeker_list, name="seeker_list"),
    path("seekers/new/", seekers.seeker_create, name="seeker_create"),
    path("seekers/<uuid:public_id>/", seekers.seeker_detail, name="seeker_detail"),
    path("seekers/<uuid:public_id>/edit/", seekers.seeker_edit, name="seeker_edit"),
    path("seekers/<uuid:public_id>/print/", prints.seeker_print, name="seeker_print"),
    path("seekers/<uuid:public_id>/open-case/", seekers.case_open, name="case_open"),
    # cases
    path("", casework.case_list, name="case_list"),
    path("caseload/", caseload.caseload, name="caseload"),
    path("caseload/panel/", caseload.caseload_panel, name="caseload_panel"),
    path("follow-ups/", caseload.followups_due, name="followups_due"),
    path("closures/", caseload.closures_pending, name="closures_pending"),
    path("transfers/", transfers.transfers_incoming, name="transfers_incoming"),
    path("transfers/<uuid:public_id>/", transfers.transfer_decide, name="transfer_decide"),
    path("<uuid:public_id>/", casework.case_detail, name="case_detail"),
    path("<uuid:public_id>/assessment/", casework.assessment_create, name="assessment_create"),
    path("<uuid:public_id>/confirm/", casework.confirm_needs, name="confirm_needs"),
    path("<uuid:public_id>/plan/", casework.plan_edit, name="plan_edit"),
    path("<uuid:public_id>/plan/steps/new/", casework.plan_step_add, name="plan_step_add"),
    path("<uuid:public_id>/plan/print/", prints.plan_print, name="plan_print"),
    path("<uuid:public_id>/skills/", casework.skills_edit, name="skills_edit"),
    path("<uuid:public_id>/development/", casework.development_add, name="development_add"),
    path("<uuid:public_id>/review/", casework.review_create, name="review_create"),
    path("<uuid:public_id>/activity/", casework.activity_create, name="activity_create"),
    path("<uuid:public_id>/placement/", casework.placement_create, name="placement_create"),
    path("<uuid:public_id>/closure/", casework.closure_request, name="closure_request"),
    path("<uuid:public_id>/reopen/", casework.case_reopen, name="case_reopen"),
    path("<uuid:public_id>/reassign/", casework.case_reassign, name="case_reassign"),
    path("<uuid:public_id>/transfer/", transfers.case_transfer, name="case_transfer"),
    path("<uuid:public_id>/transfer/cancel/", transfers.transfer_cancel, name="transfer_cancel"),
    path("assessments/<uuid:public_id>/sign/", casework.assessment_sign, name="assessment_sign"),
    path("assessments/<uuid:public_id>/print/", prints.assessment_print, name="assessment_print"),
    path("steps/<uuid:public_id>/status/", casework.plan_step_status, name="plan_step_status"),
    path("reviews/<uuid:public_id>/print/", prints.review_print, name="review_print"),
    path("follow-ups/<uuid:public_id>/", casework.follow_up_record, name="follow_up_record"),
    path("closures/<uuid:public_id>/", casework.closure_decide, name="closure_decide"),
    path("closures/<uuid:public_id>/print/", prints.closure_print, name="closure_print"),
]
