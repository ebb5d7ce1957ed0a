"""Outreach (T1.1): events, quick lead capture, and a lead becoming a job seeker and a case."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction

from jobdesk.audit.events import Event
from jobdesk.audit.services import record_event, snapshot
from jobdesk.cases.models import Case, Lead, LeadSource, LeadStatus, OutreachEvent
from jobdesk.cases.services.casework import open_case
from jobdesk.cases.services.guards import require_change, require_office
from jobdesk.cases.services.seekers import register_seeker
from jobdesk.cases.transitions import LEAD

if TYPE_CHECKING:
    from jobdesk.accounts.models import User


@transaction.atomic
def create_outreach_event(
    *,
    actor: User,
    office: Any,
    title: str,
    kind: str,
    place: str,
    held_on: datetime.date,
    township: Any = None,
    notes: str = "",
) -> OutreachEvent:
    require_office(office, actor)
    if not title.strip() or not place.strip():
        raise ValidationError("請輸入活動名稱與地點。")
    event: OutreachEvent = OutreachEvent.objects.create(
        office=office,
        title=title.strip(),
        kind=kind,
        place=place.strip(),
        held_on=held_on,
        township=township,
        notes=notes,
        created_by=actor,
    )
    record_event(Event.OUTREACH_EVENT_CREATED, actor=actor, subject=event, after=snapshot(event))
    return event


@transaction.atomic
def capture_lead(
    *,
    actor: User,
    name: str,
    phone: str,
    source: str = LeadSource.EVENT,
    event: OutreachEvent | None = None,
    office: Any = None,
    interest: str = "",
) -> Lead:
    """Quick capture (few fields). The lead belongs to the event's office, else ``office``."""
    if event is not None:
        require_change(event, actor)
        office = event.office
        source = LeadSource.EVENT
    elif source == LeadSource.EVENT:
        raise ValidationError({"source": "來源為宣導活動時，請由活動頁面登錄。"})
    if office is None:
        raise ValidationError("請指定據點。")
    require_office(office, actor)
    errors = {}
    if not name.strip():
        errors["name"] = "請輸入姓名。"
    digits = "".join(c for c in phone if c.isdigit())
    if len(digits) < 8:
        errors["phone"] = "請輸入可聯絡的電話（至少 8 碼數字）。"
    if errors:
        raise ValidationError(errors)
    lead: Lead = Lead.objects.create(
        office=office,
        event=event,
        source=source,
        name=name.strip(),
        phone=phone.strip(),
        interest=interest.strip(),
        captured_by=actor,
    )
    record_event(Event.OUTREACH_LEAD_CAPTURED, actor=actor, subject=lead, after=snapshot(lead))
    return lead


@transaction.atomic
def convert_lead(
    lead: Lead,
    *,
    actor: User,
    national_id: str,
    data: Mapping[str, Any],
    sensitive: Mapping[str, str] | None = None,
    notice_method: str | None = None,
) -> Case:
    """The lead registers (求職登記) and a case opens, without retyping name and phone."""
    require_change(lead, actor)
    lead = Lead.objects.select_for_update().get(pk=lead.pk)
    LEAD.require(lead.status, "convert")
    values = {"name": lead.name, "phone": lead.phone} | dict(data)
    seeker = register_seeker(
        actor=actor,
        office=lead.office,
        national_id=national_id,
        data=values,
        sensitive=sensitive,
        notice_method=notice_method,
    )
    case = open_case(seeker, actor=actor, lead=lead)
    lead.status = LeadStatus.CONVERTED
    lead.seeker = seeker
    lead.save(update_fields=["status", "seeker", "updated_at"])
    record_event(
        Event.OUTREACH_LEAD_CONVERTED, actor=actor, subject=lead, after={"seeker": seeker.public_id}
    )
    return case


@transaction.atomic
def decline_lead(lead: Lead, *, actor: User) -> Lead:
    require_change(lead, actor)
    LEAD.require(lead.status, "decline")
    lead.status = LeadStatus.DECLINED
    lead.save(update_fields=["status", "updated_at"])
    record_event(Event.OUTREACH_LEAD_DECLINED, actor=actor, subject=lead)
    return lead
