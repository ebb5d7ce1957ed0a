"""The statutory screens: registration through the form, the deadlines where staff see them,
the legal basis shown, reads logged, the A4 form printed, the daily reminders."""

from __future__ import annotations

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from jobdesk.audit.models import AccessEvent
from jobdesk.statutory.models import BenefitClaim
from jobdesk.statutory.reminders import due_report
from jobdesk.statutory.services.subsidies import apply_for_subsidy
from tests.statutory.factories import make_claim, recommend

pytestmark = pytest.mark.django_db


def test_a_claim_is_registered_through_the_form_and_its_clock_shown(claimant, personas, client_for):
    # given
    alice = personas["alice"]
    client = client_for(alice)
    today = timezone.localdate()
    # when
    response = client.post(
        reverse("statutory:claim_create", kwargs={"case_id": claimant["case"].public_id}),
        {
            "separated_on": (today - datetime.timedelta(days=5)).isoformat(),
            "employer_name": "三重紙器股份有限公司",
            "separation_reason": "歇業",
            "avg_insured_salary": "40100",
            "dependants": "1",
        },
    )
    # then
    claim = BenefitClaim.objects.get(seeker=claimant["seeker"])
    assert response.status_code == 302
    assert claim.monthly_benefit == round(40100 * 0.7)
    page = client.get(reverse("statutory:claim_detail", kwargs={"public_id": claim.public_id}))
    text = page.content.decode()
    assert (today + datetime.timedelta(days=14)).isoformat() in text
    assert "就業保險法第25條第2項" in text
    assert AccessEvent.objects.filter(actor=alice, what="失業給付申請").exists()
    # the case section and the home panel show the same deadline
    panel = client.get(
        reverse("statutory:case_panel", kwargs={"case_id": claimant["case"].public_id})
    )
    assert "14日內推介就業或安排職業訓練" in panel.content.decode()
    home = client.get(reverse("statutory:home_panel")).content.decode()
    assert "14日內推介就業或安排職業訓練" in home
    assert claimant["seeker"].name in home


def test_the_home_page_and_the_case_page_load_the_statutory_sections(
    claimant, personas, client_for
):
    client = client_for(personas["alice"])
    assert reverse("statutory:home_panel") in client.get("/").content.decode()
    case_page = client.get(
        reverse("cases:case_detail", kwargs={"public_id": claimant["case"].public_id})
    )
    assert (
        reverse("statutory:case_panel", kwargs={"case_id": claimant["case"].public_id})
        in case_page.content.decode()
    )


def test_the_supervisor_sees_the_overdue_list_and_others_do_not(claimant, personas, client_for):
    alice = personas["alice"]
    make_claim(
        claimant["case"],
        alice,
        timezone.now() - datetime.timedelta(days=20),
        separated_on=timezone.localdate() - datetime.timedelta(days=30),
    )
    page = client_for(personas["sam"]).get(reverse("statutory:overdue")).content.decode()
    assert "應完成失業認定" in page
    assert "逾期 5 日" in page  # due on day 15, today is day 20
    assert client_for(alice).get(reverse("statutory:overdue")).status_code == 403


def test_the_transport_form_prints_on_a4_and_the_print_is_logged(claimant, personas, client_for):
    alice = personas["alice"]
    rec = recommend(alice, claimant["seeker"], claimant["vacancy"])
    app = apply_for_subsidy(
        claimant["case"],
        actor=alice,
        kind="transport",
        applied_on=timezone.localdate(),
        amount_requested=500,
        recommendation=rec,
    )
    page = client_for(alice).get(
        reverse("statutory:subsidy_print", kwargs={"public_id": app.public_id})
    )
    text = page.content.decode()
    assert "求職交通補助金申請書" in text
    assert "form-sheet" in text
    assert "就業促進津貼實施辦法第9條" in text
    assert AccessEvent.objects.filter(actor=alice, action="print").exists()


def test_the_rules_page_shows_each_basis_and_what_is_still_to_verify(rules, personas, client_for):
    page = client_for(personas["adam"]).get(reverse("statutory:rule_list")).content.decode()
    assert "就業保險法第30條" in page
    assert "待管理者核對" in page


def test_the_daily_reminders_list_what_is_due_per_person(claimant, personas):
    alice = personas["alice"]
    make_claim(
        claimant["case"],
        alice,
        timezone.now() - datetime.timedelta(days=13),
        separated_on=timezone.localdate() - datetime.timedelta(days=30),
    )
    report = {r.user.username: r for r in due_report()}
    assert [d.kind for d in report["alice"].due] == ["initial"]
    assert "sam" in report  # the supervisor of the office
    assert "tina" not in report
    out = StringIO()
    call_command("statutory_reminders", stdout=out)
    assert "14日內推介就業或安排職業訓練" in out.getvalue()


def test_without_the_rules_loaded_the_panel_says_so_instead_of_failing(
    personas, reference_data, client_for
):
    from tests.matching.factories import world

    w = world(personas)
    recommend(personas["alice"], w["seeker"], w["vacancy"])  # a reply window needs its rule
    page = client_for(personas["alice"]).get(reverse("statutory:home_panel"))
    assert page.status_code == 200
    assert "load-statutory-rules" in page.content.decode()
