from django.urls import path

from jobdesk.statutory.views import benefit, groups, panels, replies, subsidies

app_name = "statutory"

urlpatterns = [
    path("", panels.deadlines, name="deadlines"),
    path("overdue/", panels.overdue, name="overdue"),
    path("panel/", panels.home_panel, name="home_panel"),
    path("rules/", panels.rule_list, name="rule_list"),
    path("cases/<uuid:case_id>/panel/", panels.case_panel, name="case_panel"),
    path("cases/<uuid:case_id>/claim/", benefit.claim_create, name="claim_create"),
    path(
        "cases/<uuid:case_id>/subsidies/<slug:kind>/",
        subsidies.subsidy_create,
        name="subsidy_create",
    ),
    path("claims/<uuid:public_id>/", benefit.claim_detail, name="claim_detail"),
    path("claims/<uuid:public_id>/<slug:action>/", benefit.claim_action, name="claim_action"),
    path("recerts/<uuid:public_id>/", benefit.recert_detail, name="recert_detail"),
    path("recerts/<uuid:public_id>/<slug:action>/", benefit.recert_action, name="recert_action"),
    path("replies/", replies.reply_list, name="reply_list"),
    path("replies/<uuid:public_id>/", replies.reply_card, name="reply_card"),
    path("subsidies/<uuid:public_id>/", subsidies.subsidy_detail, name="subsidy_detail"),
    path("subsidies/<uuid:public_id>/print/", subsidies.subsidy_print, name="subsidy_print"),
    path(
        "subsidies/<uuid:public_id>/<slug:action>/",
        subsidies.subsidy_action,
        name="subsidy_action",
    ),
    path("seekers/<uuid:seeker_id>/target-groups/", groups.target_groups, name="target_groups"),
    path(
        "target-groups/<uuid:public_id>/withdraw/",
        groups.target_group_withdraw,
        name="target_group_withdraw",
    ),
]
