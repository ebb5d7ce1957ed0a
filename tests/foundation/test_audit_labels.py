"""Auditors read the logs in zh-Hant (issue 10, item 19): event names, subject names, and a
before/after page for each change (auditors only)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from django.urls import reverse

from jobdesk.audit.labels import EVENT_LABELS, event_label, subject_label
from jobdesk.audit.services import record_event

pytestmark = pytest.mark.django_db

PACKAGE = Path(__file__).resolve().parents[2] / "jobdesk"


FAMILIES = {
    "accounts", "audit", "case", "employer", "matching", "outreach", "privacy", "referral",
    "seeker", "vacancy",
}  # fmt: skip
EVENT_LIKE = re.compile(r"^([a-z_]+)\.[a-z_]*[a-z]$")


def _event_types_in_the_code() -> set[str]:
    """Every literal event type given to record_event(...) or as event=... anywhere, and every
    string that looks like one of the families' event types (some are kept in a variable first)."""
    found: set[str] = set()
    for path in PACKAGE.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        # a serializer's source="seeker.name" is an attribute path, not an event type
        paths = {
            id(k.value) for n in ast.walk(tree) if isinstance(n, ast.Call) for k in n.keywords
            if k.arg == "source"
        }  # fmt: skip
        for node in ast.walk(tree):
            if id(node) in paths:
                continue
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                match = EVENT_LIKE.match(node.value)
                if match and match.group(1) in FAMILIES:
                    found.add(node.value)
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            values = list(node.args[:1]) if name == "record_event" else []
            values += [k.value for k in node.keywords if k.arg in {"event", "event_type"}]
            found |= {
                v.value for v in values if isinstance(v, ast.Constant) and isinstance(v.value, str)
            }
    return found


def test_every_event_type_written_has_a_zh_hant_name():
    written = _event_types_in_the_code()
    assert {"vacancy.updated", "case.plan_created"} <= written  # the scan sees the code
    assert sorted(written - set(EVENT_LABELS)) == []


def test_run_time_families_are_named_by_their_parts():
    assert event_label("matching.reply_not_hired") == "雇主回覆推介：未錄取"
    assert event_label("admin.changed.office") == "系統管理：修改就業服務據點"
    assert event_label("x.unknown") == "其他事件（x.unknown）"
    assert subject_label("cases.jobseeker") == "求職者"


def test_event_list_shows_names_not_codes_or_ids(client_for, personas, offices):
    # given a vacancy-like change in centre A
    event = record_event(
        "vacancy.updated",
        actor=personas["oscar"],
        subject=offices["a"],
        office=offices["a"],
        before={"name": "舊名稱"},
        after={"name": "三重就業中心"},
    )
    # when the auditor reads the change log
    html = client_for(personas["audrey"]).get(reverse("audit:event_list")).content.decode()
    # then she reads what happened in Chinese, with a link to the change, and no raw code or id
    assert "修改職缺內容" in html
    assert "<code>vacancy.updated</code>" not in html
    assert ">vacancy.updated<" not in html
    assert f"{event.subject_type} {event.subject_id}" not in html
    assert "accounts.office" not in html
    assert reverse("audit:event_detail", args=[event.pk]) in html


def test_event_detail_shows_before_and_after(client_for, personas, offices):
    event = record_event(
        "admin.changed.office",
        actor=personas["adam"],
        subject=offices["a"],
        office=offices["a"],
        before={"name": "三重就業服務站", "code": "NB-SC"},
        after={"name": "三重就業中心", "code": "NB-SC"},
    )
    html = (
        client_for(personas["audrey"])
        .get(reverse("audit:event_detail", args=[event.pk]))
        .content.decode()
    )
    diff = html.split('data-testid="diff"')[1].split("</table>")[0]
    # the changed field, by its zh-Hant name, before and after, marked as changed
    assert (
        '<tr class="flagged"><th scope="row">名稱 <span class="badge badge-warn">已變更</span>'
        in diff
    )
    assert "三重就業服務站" in diff
    assert "三重就業中心" in diff
    # the unchanged one is shown plain
    assert '<tr><th scope="row">據點代碼</th><td>NB-SC</td><td>NB-SC</td></tr>' in diff


def test_event_detail_is_for_auditors_in_scope(client_for, personas, offices, settings):
    settings.JOBDESK_STRICT_EVENT_TYPES = False  # a made-up type, written as production would
    event = record_event(
        "test.central", actor=personas["charlie"], subject=offices["c"], office=offices["c"]
    )
    url = reverse("audit:event_detail", args=[event.pk])
    assert client_for(personas["sam"]).get(url).status_code == 403
    assert client_for(personas["audrey"]).get(url).status_code == 404
