"""The hand-counted world of the reports tests (every row made through the services).

Centre A (三重, with its desk 蘆洲) and centre B (基隆); Taipei dates:

  S1  alice opens 2026-09-30 23:50 (September)     recommended to V1 10-11, started 11-02
  S2  alice opens 2026-10-01 00:30 (October: 16:30 UTC on 09-30)
                                                  recommended to V1 10-10, hired, started 10-25
                                                  recommended to V2 10-20, not hired 11-03 (pay)
                                                  1-month follow-up done 11-26: still employed
  S3  bob opens 2026-10-11 11:00                  recommended to V1 10-12 (by bob), not hired
                                                  10-20 (skills); referred (sent 10-22,
                                                  completed 11-05)
  S4  alice opens 2026-10-31 23:59 (October), then moves to centre B (ben) on 11-01 and is
      placed there (self-found) starting 11-10
  S5  alice opens 2026-11-01 00:10 (November)

  Service records (服務紀錄): alice on S2 10-02 (T1.2: P1.2.1, P1.2.2), 10-26 and 11-27 (T3.4:
  P3.4.1); bob's referral of S3 records T3.3 P3.3.1, P3.3.2, P3.3.3 on 10-22 and P3.3.3 on 11-05.

  Closures: S3 (bob) approved by sam 2026-10-31 23:30 (October); S5 (alice) approved
  2026-12-01 00:15 (December, though 11-30 in UTC).

  V1  oscar, 2026-10-05, headcount 2, open          V2  oscar, 2026-10-20, headcount 3, open
  V3  oscar, 2026-10-21, draft (not counted)         V4  oscar, 2026-11-02, headcount 1, open
"""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from jobdesk.accounts.roles import Role
from jobdesk.cases import services as cases
from jobdesk.cases.models import Case
from jobdesk.cases.services.transfers import accept_transfer, request_transfer
from jobdesk.matching import services as matching
from tests.conftest import make_user
from tests.matching.factories import make_employer, make_seeker, make_vacancy


def _reply(rec: Any, actor: Any, outcome: str, **extra: Any) -> Any:
    rec.refresh_from_db()
    return matching.record_reply(
        rec, actor=actor, expected_version=rec.version, outcome=outcome, **extra
    )


def _start(rec: Any, actor: Any, day: datetime.date) -> Any:
    rec.refresh_from_db()
    return matching.record_start(
        rec,
        actor=actor,
        expected_version=rec.version,
        start_date=day,
        pay=32000,
        pay_basis="monthly",
    )


def _activity(case: Case, actor: Any, kind: str, task: str, codes: list[str]) -> Any:
    return cases.record_activity(
        case,
        actor=actor,
        kind=kind,
        task_code=task,
        indicator_codes=codes,
        occurred_at=timezone.now(),
        duration_minutes=30,
        notes="服務紀錄",
    )


def _close(case: Case, actor: Any, reason: str, outcome: str) -> Any:
    from tests.cases.factories import planned

    case = planned(actor, Case.objects.get(pk=case.pk))
    return cases.request_closure(
        case,
        actor=actor,
        reason=reason,
        outcome=outcome,
        improvement_strategy="提早提供職訓資訊",
        confirmed=True,
    )


def _open(clock: Any, when: str, actor: Any, name: str) -> Case:
    clock.at(when)
    seeker = make_seeker(actor, name=name)
    return cases.open_case(seeker, actor=actor)


def build_world(clock: Any, personas: dict[str, Any], offices: dict[str, Any]) -> dict[str, Any]:
    from tests.privacy.factories import make_referral, sign

    alice, bob, oscar = personas["alice"], personas["bob"], personas["oscar"]
    ben = make_user("ben", Role.COUNSELLOR, offices["b"])
    w: dict[str, Any] = {"ben": ben}
    w["s1"] = _open(clock, "2026-09-30 23:50", alice, "一號")
    clock.at("2026-10-01 00:20")
    employer = make_employer(oscar)
    w["s2"] = _open(clock, "2026-10-01 00:30", alice, "二號")
    clock.at("2026-10-02 10:00")
    _activity(w["s2"], alice, "interview", "T1.2", ["P1.2.1", "P1.2.2"])
    clock.at("2026-10-05 09:00")
    w["v1"] = make_vacancy(oscar, employer, title="倉儲理貨員", headcount=2)
    clock.at("2026-10-10 10:00")
    w["r_s2_v1"] = matching.recommend(
        actor=alice, seeker=w["s2"].seeker, vacancy=w["v1"], consent=True
    )
    clock.at("2026-10-11 10:00")
    w["r_s1_v1"] = matching.recommend(
        actor=alice, seeker=w["s1"].seeker, vacancy=w["v1"], consent=True
    )
    w["s3"] = _open(clock, "2026-10-11 11:00", bob, "三號")
    clock.at("2026-10-12 10:00")
    w["r_s3_v1"] = matching.recommend(
        actor=bob, seeker=w["s3"].seeker, vacancy=w["v1"], consent=True
    )
    clock.at("2026-10-18 10:00")
    _reply(w["r_s2_v1"], oscar, "hired")
    clock.at("2026-10-20 09:00")
    w["v2"] = make_vacancy(oscar, employer, title="包裝作業員", headcount=3)
    _reply(w["r_s3_v1"], oscar, "not_hired", reason="skills")
    clock.at("2026-10-20 10:00")
    w["r_s2_v2"] = matching.recommend(
        actor=alice, seeker=w["s2"].seeker, vacancy=w["v2"], consent=True
    )
    clock.at("2026-10-21 09:00")
    w["v3"] = make_vacancy(oscar, employer, title="草稿職缺", headcount=9, open_it=False)
    clock.at("2026-10-22 10:00")
    referral = sign(make_referral(bob, case=w["s3"]), bob)
    from jobdesk.referrals.services import record_outcome, send_referral

    referral = send_referral(referral, actor=bob, sent_on=timezone.localdate(), method="email")
    w["referral"] = referral
    clock.at("2026-10-25 10:00")
    _start(w["r_s2_v1"], alice, datetime.date(2026, 10, 25))
    clock.at("2026-10-26 10:00")
    _activity(w["s2"], alice, "phone", "T3.4", ["P3.4.1"])
    clock.at("2026-10-30 10:00")
    _reply(w["r_s1_v1"], oscar, "hired")
    clock.at("2026-10-30 11:00")
    w["closure_s3"] = _close(w["s3"], bob, "training", "參加堆高機職訓")
    clock.at("2026-10-31 23:30")  # approved 15:30 UTC: still October in Taipei
    cases.approve_closure(w["closure_s3"], actor=personas["sam"], comment="同意")
    w["s4"] = _open(clock, "2026-10-31 23:59", alice, "四號")
    # S4 moves to centre B: asked by centre A's supervisor on 10-31, accepted by centre B's on
    # 11-01 (the transfer service); the records made afterwards carry centre B
    clock.at("2026-10-31 23:59")
    s4 = Case.objects.get(pk=w["s4"].pk)
    transfer = request_transfer(
        s4,
        actor=personas["sam"],
        to_office=offices["b"],
        reason="求職者遷居基隆",
        expected_version=s4.version,
    )
    clock.at("2026-11-01 00:05")
    accept_transfer(transfer, actor=make_user("bea", Role.SUPERVISOR, offices["b"]), counsellor=ben)
    w["s5"] = _open(clock, "2026-11-01 00:10", alice, "五號")
    clock.at("2026-11-02 09:00")
    w["v4"] = make_vacancy(oscar, employer, title="司機", headcount=1)
    _start(w["r_s1_v1"], alice, datetime.date(2026, 11, 2))
    clock.at("2026-11-03 10:00")
    _reply(w["r_s2_v2"], oscar, "not_hired", reason="pay")
    clock.at("2026-11-05 10:00")
    w["referral"] = record_outcome(referral, actor=bob, outcome="completed", note="已進入職訓")
    clock.at("2026-11-10 10:00")
    s4 = Case.objects.get(pk=w["s4"].pk)
    cases.place_case(
        s4,
        actor=ben,
        vacancy_label="店員",
        employer_label="基隆商行",
        start_date=datetime.date(2026, 11, 10),
        pay=30000,
        pay_basis="monthly",
    )
    clock.at("2026-11-26 10:00")
    follow_up = w["s2"].follow_ups.get(months_after=1)
    cases.record_follow_up(
        follow_up,
        actor=alice,
        done_on=datetime.date(2026, 11, 26),
        still_employed=True,
        pay=32000,
    )
    clock.at("2026-11-27 10:00")
    _activity(w["s2"], alice, "phone", "T3.4", ["P3.4.1"])
    clock.at("2026-11-20 10:00")
    w["closure_s5"] = _close(w["s5"], alice, "lost_contact", "電話三次未接")
    clock.at("2026-12-01 00:15")  # approved 16:15 UTC on 11-30: December in Taipei
    cases.approve_closure(w["closure_s5"], actor=personas["sam"])
    clock.at("2026-12-01 09:00")
    return w
