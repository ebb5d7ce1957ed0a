"""Vacancies: create, edit, open and close, occupation coding, and §5 findings."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from jobdesk.audit.events import Event
from jobdesk.audit.services import record_event, snapshot
from jobdesk.common.versioning import lock_current, save_versioned, sync_instance
from jobdesk.domain.adcheck import PayInfo, check_ad
from jobdesk.employers.coding import suggest_occupations
from jobdesk.employers.models import (
    Employer,
    FindingStatus,
    PayBasis,
    Shift,
    Vacancy,
    VacancyFinding,
    VacancySource,
    VacancyStatus,
)
from jobdesk.employers.search import set_search_text
from jobdesk.employers.transitions import FINDING, VACANCY

if TYPE_CHECKING:
    from jobdesk.accounts.models import User

VACANCY_FIELDS = [
    "title",
    "description",
    "occupation",
    "headcount",
    "county",
    "township",
    "pay_basis",
    "pay_min",
    "pay_max",
    "hours",
    "shifts",
    "education",
    "experience_years",
    "licences",
    "languages",
    "skills",
    "opens_on",
    "closes_on",
]


def validate_vacancy_values(values: dict[str, Any]) -> dict[str, str]:
    """zh-Hant errors by field for a vacancy's values (empty when valid); normalises in place."""
    errors: dict[str, str] = {}
    if "title" in values:
        values["title"] = (values["title"] or "").strip()
        if not values["title"]:
            errors["title"] = "請填寫職缺名稱。"
    occupation = values.get("occupation")
    if occupation is not None and occupation.level != 4:
        errors["occupation"] = "職業代碼須為4位數的細類。"
    if "headcount" in values and (values["headcount"] or 0) < 1:
        errors["headcount"] = "需求人數至少 1 人。"
    if "pay_basis" in values and values["pay_basis"] not in PayBasis.values:
        errors["pay_basis"] = "請選擇薪資方式。"
    low, high = values.get("pay_min"), values.get("pay_max")
    if low is not None and high is not None and low > high:
        errors["pay_max"] = "薪資上限不得低於下限。"
    shifts = list(values.get("shifts") or [])
    if any(s not in Shift.values for s in shifts):
        errors["shifts"] = "班別只能是日班、中班、夜班、輪班或兼職。"
    values["shifts"] = [s for s in Shift.values if s in shifts]
    opens, closes = values.get("opens_on"), values.get("closes_on")
    if opens and closes and closes < opens:
        errors["closes_on"] = "截止日期不得早於開始日期。"
    township = values.get("township")
    if township is not None:
        values["county"] = township.county
    if "county" in values:
        values["county"] = (values["county"] or "").replace("台", "臺")
    return errors


def _apply(vacancy: Vacancy, values: dict[str, Any]) -> list[str]:
    errors = validate_vacancy_values(values)
    if errors:
        raise ValidationError(errors)
    changed = []
    for name in VACANCY_FIELDS:
        if name in values and getattr(vacancy, name) != values[name]:
            setattr(vacancy, name, values[name])
            changed.append(name)
    vacancy.shift_keys = "," + ",".join(vacancy.shifts) + "," if vacancy.shifts else ""
    if "shifts" in changed:
        changed.append("shift_keys")
    if set_search_text(vacancy):  # the keyword index (jobdesk.employers.search)
        changed.append("search_text")
    return changed


def recheck_vacancy(vacancy: Vacancy, *, actor: User | None) -> list[VacancyFinding]:
    """Run the §5 checker on the vacancy's text; a finding no longer present is resolved.

    An overridden finding stays overridden while the same words are there. Call inside the
    transaction of the change that edited the text. Returns the findings now in force.
    """
    pay = PayInfo(vacancy.pay_basis, vacancy.pay_min or 0, vacancy.pay_max or 0)
    found = check_ad(vacancy.title, vacancy.description, pay)
    existing = {
        f.key: f for f in vacancy.findings.exclude(status=FindingStatus.RESOLVED).order_by("id")
    }
    now = timezone.now()
    current: list[VacancyFinding] = []
    new: list[VacancyFinding] = []
    for item in found:
        key = (item.ground, item.words[:200], item.field, item.severity)
        if key in existing:
            current.append(existing.pop(key))
            continue
        row = VacancyFinding(
            vacancy=vacancy,
            office_id=vacancy.office_id,
            ground=item.ground,
            words=item.words[:200],
            basis=item.basis[:200],
            severity=item.severity,
            field=item.field,
            message=item.message[:400],
        )
        new.append(row)
    if new:
        VacancyFinding.objects.bulk_create(new)
        current.extend(new)
    gone = [f.pk for f in existing.values()]
    if gone:
        VacancyFinding.objects.filter(pk__in=gone).update(
            status=FindingStatus.RESOLVED, decided_by=actor, decided_at=now, updated_at=now
        )
    if new or gone:
        record_event(
            Event.VACANCY_CHECKED,
            actor=actor,
            subject=vacancy,
            after={
                "new": [f"{f.ground}:{f.words}" for f in new],
                "resolved": [f"{f.ground}:{f.words}" for f in existing.values()],
            },
        )
    return current


def _unpublish_if_violating(vacancy: Vacancy, *, actor: User | None) -> None:
    if vacancy.status == VacancyStatus.OPEN and vacancy.has_open_violation():
        vacancy.status = VacancyStatus.DRAFT
        vacancy.save(update_fields=["status", "updated_at"])
        record_event(
            Event.VACANCY_STATUS_CHANGED,
            actor=actor,
            subject=vacancy,
            before={"status": VacancyStatus.OPEN},
            after={"status": VacancyStatus.DRAFT, "reason": "就業歧視檢核有違規事項，暫停開放"},
        )


@transaction.atomic
def create_vacancy(
    *,
    actor: User | None,
    employer: Employer,
    values: dict[str, Any],
    office: Any = None,
    source: str = VacancySource.MANUAL,
    source_id: str = "",
    source_url: str = "",
    suggest: bool = False,
) -> Vacancy:
    """A new draft vacancy of ``employer`` (office: the employer's), checked under §5 at once.

    With ``suggest`` the occupation coder's top-3 are stored and, when no occupation was given,
    the top one is applied provisionally (``occupation_confirmed=False``).
    """
    vacancy = Vacancy(
        employer=employer,
        office=office or employer.office,
        source=source,
        source_id=source_id,
        source_url=source_url,
    )
    _apply(vacancy, {"title": "", **values})
    vacancy.occupation_confirmed = values.get("occupation") is not None
    if suggest:
        _store_suggestions(vacancy)
    vacancy.save()
    recheck_vacancy(vacancy, actor=actor)
    record_event(
        Event.VACANCY_CREATED,
        actor=actor,
        subject=vacancy,
        after=snapshot(vacancy, [*VACANCY_FIELDS, "source", "source_id"]),
    )
    return vacancy


def _store_suggestions(vacancy: Vacancy) -> None:
    from jobdesk.taxonomy.models import Occupation

    vacancy.occupation_suggestions = suggest_occupations(vacancy.title, vacancy.description)
    if not vacancy.occupation_confirmed and vacancy.occupation_id is None:
        top = vacancy.occupation_suggestions[:1]
        if top:
            vacancy.occupation = Occupation.objects.filter(code=top[0]["code"]).first()


@transaction.atomic
def update_vacancy(
    vacancy: Vacancy,
    *,
    actor: User,
    expected_version: int,
    values: dict[str, Any],
    refresh_suggestions: bool = False,
) -> Vacancy:
    """Edit a vacancy; a changed text is re-checked (a fixed ad clears its findings).

    Old and new values are compared against the row as stored (``lock_current``), not against
    ``vacancy``, which a bound form may already have changed. Returns the saved row (also copied
    onto ``vacancy``); an edit that changes nothing saves nothing and records nothing.
    """
    current = lock_current(vacancy, expected_version)
    before = snapshot(current, VACANCY_FIELDS)
    values = dict(values)
    if "occupation" in values and values["occupation"] != current.occupation:
        current.occupation_confirmed = values["occupation"] is not None
    changed = _apply(current, values)
    if not changed:
        sync_instance(vacancy, current)
        return current
    if refresh_suggestions and ("title" in changed or "description" in changed):
        _store_suggestions(current)
        changed += ["occupation_suggestions", "occupation"]
    if "occupation" in changed:
        changed.append("occupation_confirmed")
    save_versioned(current, expected_version, sorted(set(changed)))
    recheck_vacancy(current, actor=actor)
    _unpublish_if_violating(current, actor=actor)
    record_event(
        Event.VACANCY_UPDATED,
        actor=actor,
        subject=current,
        before=before,
        after=snapshot(current, VACANCY_FIELDS),
    )
    sync_instance(vacancy, current)
    return current


@transaction.atomic
def change_vacancy_status(vacancy: Vacancy, *, actor: User, status: str) -> Vacancy:
    """Open, fill, close or withdraw a vacancy. Opening needs no open §5 violation."""
    locked = Vacancy.objects.select_for_update().get(pk=vacancy.pk)
    if status not in VACANCY.actions:
        raise ValidationError({"status": "請選擇職缺狀態。"})
    VACANCY.require(locked.status, status)
    if status == VacancyStatus.OPEN:
        if locked.has_open_violation():
            raise ValidationError(
                "職缺內容有待處理的就業歧視違規事項（就業服務法第5條），"
                "請先修改職缺內容或填寫理由認定無違法，才能開放。"
            )
        if locked.closes_on is not None and locked.closes_on < timezone.localdate():
            raise ValidationError("職缺的截止日期已過，請先修改截止日期。")
    before = locked.status
    locked.status = status
    locked.save(update_fields=["status", "updated_at"])
    record_event(
        Event.VACANCY_STATUS_CHANGED,
        actor=actor,
        subject=locked,
        before={"status": before},
        after={"status": status},
    )
    return locked


@transaction.atomic
def confirm_occupation(vacancy: Vacancy, *, actor: User, occupation: Any) -> Vacancy:
    """The officer confirms the occupation code (a suggestion, or another 4-digit code)."""
    if occupation is None or occupation.level != 4:
        raise ValidationError({"occupation": "請選擇4位數的職業細類代碼。"})
    locked = Vacancy.objects.select_for_update().get(pk=vacancy.pk)
    before = {"occupation": locked.occupation_id, "confirmed": locked.occupation_confirmed}
    locked.occupation = occupation
    locked.occupation_confirmed = True
    locked.save(update_fields=["occupation", "occupation_confirmed", "updated_at"])
    record_event(
        Event.VACANCY_OCCUPATION_CONFIRMED,
        actor=actor,
        subject=locked,
        before=before,
        after={"occupation": occupation.code, "confirmed": True},
    )
    return locked


@transaction.atomic
def override_finding(finding: VacancyFinding, *, actor: User, reason: str) -> VacancyFinding:
    """Record that a finding is not a violation here (e.g. a genuine occupational requirement)."""
    reason = (reason or "").strip()
    if len(reason) < 5:
        raise ValidationError({"reason": "請具體說明認定無違法的理由（至少 5 個字）。"})
    locked = VacancyFinding.objects.select_for_update().get(pk=finding.pk)
    FINDING.require(locked.status, "override")
    locked.status = FindingStatus.OVERRIDDEN
    locked.override_reason = reason
    locked.decided_by = actor
    locked.decided_at = timezone.now()
    locked.save(
        update_fields=["status", "override_reason", "decided_by", "decided_at", "updated_at"]
    )
    record_event(
        Event.VACANCY_FINDING_OVERRIDDEN,
        actor=actor,
        subject=locked.vacancy,
        after={"ground": locked.ground, "words": locked.words, "reason": reason},
    )
    return locked
