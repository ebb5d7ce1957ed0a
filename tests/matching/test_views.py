"""The matching and recommendation screens: results with reasons, scope, access logging, forms."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from jobdesk.audit.models import AccessEvent
from jobdesk.matching import services
from jobdesk.matching.models import Recommendation, RecommendationStatus
from tests.matching.factories import make_seeker

pytestmark = pytest.mark.django_db


def test_seeker_matches_show_vacancy_with_reasons_and_log_access(w, personas, client_for):
    client = client_for(personas["alice"])
    response = client.get(reverse("matching:seeker_matches", args=[w["seeker"].public_id]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "倉儲理貨員" in body
    assert "媒合理由" in body
    assert "職類相近（同細類）" in body
    assert AccessEvent.objects.filter(
        actor=personas["alice"], subject_id=str(w["seeker"].public_id), what="媒合職缺"
    ).exists()


def test_filters_narrow_the_results_and_bad_input_is_explained(w, personas, client_for):
    client = client_for(personas["alice"])
    url = reverse("matching:seeker_matches", args=[w["seeker"].public_id])
    assert "倉儲理貨員" not in client.get(url, {"occupation_prefix": "2"}).content.decode()
    assert "倉儲理貨員" not in client.get(url, {"shift": "night"}).content.decode()
    assert (
        "倉儲理貨員" in client.get(url, {"county": "新北市", "min_pay": "30000"}).content.decode()
    )
    bad = client.get(url, {"occupation_prefix": "abc"}).content.decode()
    assert "請輸入 1 到 4 位數字" in bad


def test_vacancy_matches_show_only_own_office_seekers_masked_for_officers(w, personas, client_for):
    # given a seeker in centre C
    far = make_seeker(personas["charlie"], name="張外縣")
    url = reverse("matching:vacancy_matches", args=[w["vacancy"].public_id])
    # when the officer of centre A looks
    body = client_for(personas["oscar"]).get(url).content.decode()
    # then centre A's seeker is listed, masked, and centre C's is not
    assert "王○明" in body
    assert "王小明" not in body
    assert "張外縣" not in body
    assert "張○縣" not in body
    assert AccessEvent.objects.filter(
        actor=personas["oscar"], subject_id=str(w["seeker"].public_id)
    ).exists()
    assert not AccessEvent.objects.filter(subject_id=str(far.public_id)).exists()
    # and a counsellor sees the full name with a recommend button
    body = client_for(personas["alice"]).get(url).content.decode()
    assert "王小明" in body
    assert "推介這位求職者" in body


def test_recommend_needs_consent_then_creates(w, personas, client_for):
    client = client_for(personas["alice"])
    url = reverse("matching:recommend", args=[w["seeker"].public_id, w["vacancy"].public_id])
    response = client.post(url, {"note": "x"})
    assert response.status_code == 200
    assert "須經求職者同意" in response.content.decode()
    assert not Recommendation.objects.exists()
    response = client.post(url, {"consent": "on", "note": "x"})
    rec = Recommendation.objects.get()
    assert response.status_code == 302
    assert rec.score is not None
    assert rec.explanation


def test_reply_and_start_through_the_detail_page(w, personas, client_for):
    rec = services.recommend(
        actor=personas["alice"], seeker=w["seeker"], vacancy=w["vacancy"], consent=True
    )
    oscar = client_for(personas["oscar"])
    reply = reverse("matching:recommendation_reply", args=[rec.public_id])
    response = oscar.post(reply, {"version": rec.version, "outcome": "not_hired"})
    assert "請選擇未錄取原因" in response.content.decode()
    oscar.post(reply, {"version": rec.version, "outcome": "hired"})
    rec.refresh_from_db()
    assert rec.status == RecommendationStatus.HIRED
    alice = client_for(personas["alice"])
    alice.post(
        reverse("matching:recommendation_start", args=[rec.public_id]),
        {
            "version": rec.version,
            "start_date": timezone.localdate().isoformat(),
            "pay": "34000",
            "pay_basis": "monthly",
        },
    )
    rec.refresh_from_db()
    assert rec.status == RecommendationStatus.STARTED


def test_referral_card_shows_only_what_is_needed_and_logs_print(w, personas, client_for):
    rec = services.recommend(
        actor=personas["alice"], seeker=w["seeker"], vacancy=w["vacancy"], consent=True
    )
    body = (
        client_for(personas["alice"])
        .get(reverse("matching:referral_card", args=[rec.public_id]))
        .content.decode()
    )
    assert "就業服務介紹卡" in body
    assert "王小明" in body
    assert "0912-345-678" in body
    assert w["seeker"].national_id_masked not in body
    assert "重新路" not in body  # no home address
    assert AccessEvent.objects.filter(action="print").count() == 1


def test_list_filters_and_per_seeker_and_vacancy_pages(w, personas, client_for):
    services.recommend(
        actor=personas["alice"], seeker=w["seeker"], vacancy=w["vacancy"], consent=True
    )
    client = client_for(personas["sam"])
    url = reverse("matching:recommendation_list")
    assert "王小明" in client.get(url, {"status": "recommended"}).content.decode()
    assert "王小明" not in client.get(url, {"status": "hired"}).content.decode()
    assert "王小明" in client.get(url, {"q": "理貨"}).content.decode()
    assert (
        "王小明"
        in client.get(
            reverse("matching:seeker_recommendations", args=[w["seeker"].public_id])
        ).content.decode()
    )
    assert (
        "王小明"
        in client.get(
            reverse("matching:vacancy_pipeline", args=[w["vacancy"].public_id])
        ).content.decode()
    )
    # the outsider sees nothing
    assert "王小明" not in client_for(personas["tina"]).get(url).content.decode()


def test_referral_card_gives_the_employers_address_and_phone(w, personas, client_for):
    from jobdesk.employers.services import register_employer
    from jobdesk.taxonomy.models import Township
    from tests.matching.factories import make_vacancy

    # given an employer with an address in 蘆洲 that repeats its township
    employer = register_employer(
        actor=personas["oscar"],
        office=personas["oscar"].office,
        name="長安物流有限公司",
        township=Township.objects.get(full_name="新北市蘆洲區"),
        address="新北市蘆洲區長安街 88 號",
        contact_phone="02-2999-0000",
    )
    vacancy = make_vacancy(personas["oscar"], employer)
    rec = services.recommend(
        actor=personas["alice"], seeker=w["seeker"], vacancy=vacancy, consent=True
    )
    # when the card is printed
    html = (
        client_for(personas["alice"])
        .get(reverse("matching:referral_card", args=[rec.public_id]))
        .content.decode()
    )
    # then the seeker knows where to go and whom to call
    assert '<td data-testid="employer-address">新北市蘆洲區長安街 88 號</td>' in html
    assert '<td data-testid="employer-phone">02-2999-0000</td>' in html
    assert "推介日期 民國 " in html


def _unrelated_vacancies(personas, w, n=2):
    """Vacancies of another trade, nearer and better paid than the seeker's only opening."""
    from tests.matching.factories import make_vacancy, occupation

    return [
        make_vacancy(
            personas["oscar"],
            w["employer"],
            title=f"美術編輯助理{i}",
            description="負責排版、海報與社群圖片設計。",
            occupation=occupation("2172"),
            pay_min=45000,
            pay_max=50000,
            skills="",
            licences="",
        )
        for i in range(n)
    ]


def test_few_related_openings_say_so_and_can_be_widened(w, personas, client_for):
    # given the seeker's trade has one opening and another trade two, nearer and better paid
    _unrelated_vacancies(personas, w)
    client = client_for(personas["alice"])
    url = reverse("matching:seeker_matches", args=[w["seeker"].public_id])
    # when the counsellor opens the matches
    body = client.get(url).content.decode()
    # then only the related vacancy is listed, with the count and a way to widen
    assert "倉儲理貨員" in body
    assert "美術編輯助理" not in body
    assert "符合條件的職缺只有 1 筆" in body
    assert "也列出不相關的職缺" in body
    # and widening lists the others after it, marked
    wide = client.get(url, {"widen": "on"}).content.decode()
    assert wide.index("倉儲理貨員") < wide.index("美術編輯助理")
    assert "職類不相關" in wide


def test_enough_related_openings_show_no_notice(w, personas, client_for):
    client = client_for(personas["alice"])
    body = client.get(reverse("matching:seeker_matches", args=[w["seeker"].public_id]))
    assert "符合條件的職缺只有" not in body.content.decode()


def _unrelated_seekers(personas, n=2):
    """Seekers of another trade in the same office, living as near as the vacancy's own trade."""
    return [
        make_seeker(
            personas["alice"],
            name=f"陳美編{i}",
            desired_occupations=["2172"],
            work_history="雜誌排版、海報與社群圖片設計",
            skills="",
            licences="",
        )
        for i in range(n)
    ]


def test_vacancy_with_few_related_seekers_says_so_and_can_be_widened(w, personas, client_for):
    # given one seeker of the vacancy's trade and two of another trade in the same office
    others = _unrelated_seekers(personas)
    client = client_for(personas["alice"])
    url = reverse("matching:vacancy_matches", args=[w["vacancy"].public_id])
    # when the counsellor opens the candidate seekers of the vacancy
    body = client.get(url).content.decode()
    # then only the related seeker is listed, with the count and a way to widen
    assert "王小明" in body
    assert "陳美編" not in body
    assert "符合條件的求職者只有 1 位" in body
    assert "也列出不相關的求職者" in body
    # and the seekers not shown were not read (no access-log row for them)
    assert not AccessEvent.objects.filter(
        subject_id__in=[str(s.public_id) for s in others], what__startswith="媒合求職者"
    ).exists()
    # and widening lists them after the related one, marked, and logs the read
    wide = client.get(url, {"widen": "on"}).content.decode()
    assert wide.index("王小明") < wide.index("陳美編0")
    assert "陳美編1" in wide
    assert "職類不相關" in wide
    assert "也列出不相關的求職者" not in wide
    assert (
        AccessEvent.objects.filter(
            subject_id__in=[str(s.public_id) for s in others], what__startswith="媒合求職者"
        ).count()
        == 2
    )


def test_vacancy_with_only_related_seekers_shows_no_notice(w, personas, client_for):
    body = client_for(personas["alice"]).get(
        reverse("matching:vacancy_matches", args=[w["vacancy"].public_id])
    )
    html = body.content.decode()
    assert "王小明" in html
    assert "符合條件的求職者只有" not in html
    assert "職類不相關" not in html
