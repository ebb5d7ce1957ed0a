"""Demo offices and one account per role per office. Idempotent: existing rows are kept."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from django.db import transaction

from jobdesk.accounts.models import Office, OfficeKind, User
from jobdesk.accounts.roles import Role
from jobdesk.taxonomy.models import Township

# (code, name, kind, parent code, township full name)
OFFICES = [
    ("NB", "北基宜花金馬分署", OfficeKind.BRANCH, None, "新北市五股區"),
    ("NB-SC", "三重就業中心", OfficeKind.CENTRE, "NB", "新北市三重區"),
    ("NB-SC-LZ", "蘆洲就業服務台", OfficeKind.DESK, "NB-SC", "新北市蘆洲區"),
    ("NB-KL", "基隆就業中心", OfficeKind.CENTRE, "NB", "基隆市仁愛區"),
    ("CT", "中彰投分署", OfficeKind.BRANCH, None, "臺中市西屯區"),
    ("CT-TC", "臺中就業中心", OfficeKind.CENTRE, "CT", "臺中市北區"),
    ("CT-TC-FY", "豐原就業服務站", OfficeKind.DESK, "CT-TC", "臺中市豐原區"),
]

# (username, display name, role, office code)
ACCOUNTS = [
    ("counsellor", "林雅婷", Role.COUNSELLOR, "NB-SC"),
    ("counsellor2", "陳志明", Role.COUNSELLOR, "NB-SC"),
    ("supervisor", "黃美玲", Role.SUPERVISOR, "NB-SC"),
    ("officer", "張家豪", Role.EMPLOYER_OFFICER, "NB-SC"),
    ("auditor", "吳淑芬", Role.AUDITOR, "NB"),
    ("admin", "系統管理者", Role.ADMINISTRATOR, "NB"),
    ("tc_counsellor", "王俊傑", Role.COUNSELLOR, "CT-TC"),
    ("tc_supervisor", "李宜君", Role.SUPERVISOR, "CT-TC"),
    ("tc_officer", "蔡明哲", Role.EMPLOYER_OFFICER, "CT-TC"),
]


@dataclass(frozen=True)
class NewAccount:
    username: str
    display_name: str
    role: str
    office: str
    password: str


@transaction.atomic
def ensure_offices() -> int:
    created = 0
    for code, name, kind, parent, township in OFFICES:
        if Office.objects.filter(code=code).exists():
            continue
        Office.objects.create(
            code=code,
            name=name,
            kind=kind,
            parent=Office.objects.get(code=parent) if parent else None,
            township=Township.objects.filter(full_name=township).first(),
        )
        created += 1
    return created


@transaction.atomic
def ensure_accounts() -> list[NewAccount]:
    """Create missing demo accounts with random passwords; return the new ones (shown once)."""
    new: list[NewAccount] = []
    for username, display_name, role, office_code in ACCOUNTS:
        if User.objects.filter(username=username).exists():
            continue
        password = "demo-" + secrets.token_urlsafe(9)
        office = Office.objects.get(code=office_code)
        User.objects.create_user(
            username=username,
            password=password,
            display_name=display_name,
            role=role,
            office=office,
        )
        new.append(NewAccount(username, display_name, str(Role(role).label), office.name, password))
    return new
