"""The main navigation, by the areas of BHR3333-004v2. Apps add their screens here.

An entry whose URL name does not resolve is left out, and an entry is shown only to the roles
named; the area pages list the standard's tasks for each area, so the menu follows the standard.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from jobdesk.common.roles import Role

StrOrPromise = str | Promise


@dataclass(frozen=True)
class NavEntry:
    label: StrOrPromise
    url_name: str
    roles: frozenset[str]


@dataclass(frozen=True)
class Area:
    slug: str
    label: StrOrPromise
    tasks: tuple[str, ...]
    entries: tuple[NavEntry, ...]


STAFF = frozenset({Role.COUNSELLOR, Role.SUPERVISOR, Role.EMPLOYER_OFFICER})
CASEWORK = frozenset({Role.COUNSELLOR, Role.SUPERVISOR})
EMPLOYER_SIDE = frozenset({Role.EMPLOYER_OFFICER, Role.SUPERVISOR, Role.COUNSELLOR})

AREAS: tuple[Area, ...] = (
    Area(
        "intake",
        _("開發與評估"),
        ("T1.1", "T1.2", "T1.3"),
        (
            NavEntry(_("宣導活動"), "cases:outreach_list", CASEWORK),
            NavEntry(_("求職者"), "cases:seeker_list", CASEWORK),
            NavEntry(_("個案"), "cases:case_list", CASEWORK),
        ),
    ),
    Area(
        "planning",
        _("求職規劃"),
        ("T2.1", "T2.2", "T2.3"),
        (
            NavEntry(_("我的個案量"), "cases:caseload", CASEWORK),
            NavEntry(_("法定期限"), "statutory:deadlines", CASEWORK),
            NavEntry(_("逾期法定期限"), "statutory:overdue", frozenset({Role.SUPERVISOR})),
            NavEntry(_("法定規則"), "statutory:rule_list", STAFF | {Role.ADMINISTRATOR}),
        ),
    ),
    Area(
        "matching",
        _("媒合與推介"),
        ("T3.1", "T3.2"),
        (
            NavEntry(_("雇主"), "employers:employer_list", EMPLOYER_SIDE),
            NavEntry(_("職缺"), "employers:vacancy_list", EMPLOYER_SIDE),
            NavEntry(_("勞動市場資訊"), "employers:labour_market", STAFF),
            NavEntry(_("推介"), "matching:recommendation_list", STAFF),
            NavEntry(_("推介回覆卡"), "statutory:reply_list", STAFF),
        ),
    ),
    Area(
        "referral",
        _("轉介"),
        ("T3.3",),
        (
            NavEntry(_("轉介"), "referrals:referral_list", CASEWORK),
            NavEntry(_("轉介資源"), "referrals:resource_list", STAFF | {Role.ADMINISTRATOR}),
        ),
    ),
    Area(
        "closure",
        _("追蹤與結案"),
        ("T3.4",),
        (
            NavEntry(_("待追蹤"), "cases:followups_due", CASEWORK),
            NavEntry(_("待核結案"), "cases:closures_pending", frozenset({Role.SUPERVISOR})),
            NavEntry(_("移入個案"), "cases:transfers_incoming", frozenset({Role.SUPERVISOR})),
        ),
    ),
    Area(
        "reports",
        _("報表"),
        (),
        (
            NavEntry(_("統計指標"), "reports:indicators", CASEWORK),
            NavEntry(_("工作量與基準"), "reports:workload", frozenset({Role.SUPERVISOR})),
            NavEntry(_("結案報告"), "reports:closures", frozenset({Role.SUPERVISOR})),
            NavEntry(_("職能實踐"), "reports:practice", CASEWORK),
            NavEntry(_("職能評核"), "reports:competency_list", CASEWORK),
            NavEntry(_("月報"), "reports:monthly_list", frozenset({Role.SUPERVISOR})),
            NavEntry(_("異動紀錄"), "audit:event_list", frozenset({Role.AUDITOR, Role.SUPERVISOR})),
            NavEntry(
                "個資存取紀錄", "audit:access_list", frozenset({Role.AUDITOR, Role.SUPERVISOR})
            ),
            NavEntry(
                "非本人承辦之調閱",
                "privacy:outside_caseload",
                frozenset({Role.AUDITOR, Role.SUPERVISOR}),
            ),
            NavEntry("當事人權利請求", "privacy:request_list", CASEWORK | {Role.AUDITOR}),
        ),
    ),
)

AREA_BY_SLUG = {area.slug: area for area in AREAS}
