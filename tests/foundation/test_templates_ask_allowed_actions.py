"""No template under jobdesk/ decides from a status which action to offer.

Actions come from the tables in each app's ``transitions.py`` (``allowed_actions``); a template
may test a status only to DISPLAY it (a badge colour, a note). Every such display-only test is
listed below with its reason; a new status test fails until it is moved to ``allowed_actions``
or listed here as display-only.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2] / "jobdesk"
TAG = re.compile(r"\{%-?\s*(?:if|elif)\b([^%]*)%\}")
STATUS_TEST = re.compile(
    r"\bstatus\s*(?:==|!=|\bin\b|\bnot\s+in\b)|(?:==|!=|\bin\b)\s*[\w.]*\bstatus\b"
)

# (template, the condition as written): display only, no action behind it.
DISPLAY_ONLY = {
    ("employers/templates/employers/_recheck_progress.html", "run.status == 'failed'"),  # note
    ("employers/templates/employers/vacancy_detail.html", "vacancy.status == 'open'"),  # badge
    ("employers/templates/employers/vacancy_detail.html", "f.status != 'open'"),  # css class
    ("employers/templates/employers/vacancy_detail.html", "f.status == 'overridden'"),  # note
    ("employers/templates/employers/vacancy_detail.html", "f.status == 'resolved'"),  # note
    ("employers/templates/employers/import_preview.html", "batch.status == 'expired'"),  # note
    # an export job's progress page: the link to the finished file (export_download checks
    # the same status itself) and the notes of a failed or expired job
    ("templates/audit/export_detail.html", 'job.status == "done"'),
    ("templates/audit/export_detail.html", 'job.status == "expired"'),
    ("templates/audit/export_detail.html", 'job.status == "failed"'),
    ("referrals/templates/referrals/referral_list.html", "value == status"),  # filter selected
    ("statutory/templates/statutory/claim_detail.html", 'r.cure_due_on and r.status == "curing"'),
    ("statutory/templates/statutory/rule_list.html", 'r.status == "verified"'),  # badge
    ("cases/templates/cases/_case_head.html", 'case.next_review_on and case.status != "closed"'),
    ("cases/templates/cases/case_list.html", "v == status"),  # filter selected
    ("cases/templates/cases/case_list.html", 'c.status != "closed"'),  # next review date shown
    ("cases/templates/cases/case_detail.html", "value == case.status"),  # progress bar
    ("cases/templates/cases/case_detail.html", 's.status == "todo" and s.due_on < today'),
    ("cases/templates/cases/case_detail.html", "v == s.status"),  # option selected
    ("templates/matching/_status.html", "rec.status == 'started' or rec.status == 'hired'"),
    ("templates/matching/_status.html", "rec.status == 'not_hired' or rec.status == 'withdrawn'"),
    ("reports/templates/reports/monthly_list.html", 'r.status == "done"'),  # file exists to read
    ("privacy/templates/privacy/request_list.html", 'r.status == "open" and r.due_on < today'),
    (
        "privacy/templates/privacy/request_detail.html",
        'dsr.status == "open" and dsr.due_on < today',
    ),
}


def _status_tests() -> set[tuple[str, str]]:
    found = set()
    for path in ROOT.rglob("*.html"):
        for condition in TAG.findall(path.read_text(encoding="utf-8")):
            if STATUS_TEST.search(condition):
                found.add((path.relative_to(ROOT).as_posix(), condition.strip()))
    return found


def test_templates_test_statuses_only_to_display_them():
    unexpected = _status_tests() - DISPLAY_ONLY
    assert not unexpected, (
        "templates decide actions from a status; ask allowed_actions (the app's transitions.py) "
        f"or list a display-only use in DISPLAY_ONLY: {sorted(unexpected)}"
    )


def test_the_allow_list_names_only_tests_that_still_exist():
    assert not DISPLAY_ONLY - _status_tests()


def test_the_scan_finds_a_status_test_written_either_way_round():
    for condition in ['case.status == "closed"', "'open' == vacancy.status", "x.status in ok"]:
        assert STATUS_TEST.search(condition), condition
    assert not STATUS_TEST.search('"close" in allowed_actions')
