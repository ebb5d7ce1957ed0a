from django.urls import path

from jobdesk.matching import views

app_name = "matching"

urlpatterns = [
    path("seekers/<uuid:public_id>/vacancies/", views.seeker_matches, name="seeker_matches"),
    path(
        "seekers/<uuid:public_id>/recommendations/",
        views.seeker_recommendations,
        name="seeker_recommendations",
    ),
    path(
        "seekers/<uuid:seeker_id>/vacancies/<uuid:vacancy_id>/recommend/",
        views.recommend,
        name="recommend",
    ),
    path("vacancies/<uuid:public_id>/seekers/", views.vacancy_matches, name="vacancy_matches"),
    path("vacancies/<uuid:public_id>/pipeline/", views.vacancy_pipeline, name="vacancy_pipeline"),
    path("recommendations/", views.recommendation_list, name="recommendation_list"),
    path(
        "recommendations/<uuid:public_id>/",
        views.recommendation_detail,
        name="recommendation_detail",
    ),
    path(
        "recommendations/<uuid:public_id>/reply/",
        views.recommendation_reply,
        name="recommendation_reply",
    ),
    path(
        "recommendations/<uuid:public_id>/start/",
        views.recommendation_start,
        name="recommendation_start",
    ),
    path(
        "recommendations/<uuid:public_id>/withdraw/",
        views.recommendation_withdraw,
        name="recommendation_withdraw",
    ),
    path("recommendations/<uuid:public_id>/card/", views.referral_card, name="referral_card"),
]
