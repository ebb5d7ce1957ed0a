"""Scoped reads of referrals and the resource directory."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from jobdesk.referrals.models import Referral, ReferralResource


def search_resources(q: str = "", kind: str = "", county: str = "") -> QuerySet[ReferralResource]:
    qs = ReferralResource.objects.filter(is_active=True)
    if q:
        qs = qs.filter(
            Q(name__icontains=q)
            | Q(provider__icontains=q)
            | Q(offers__icontains=q)
            | Q(eligibility__icontains=q)
        )
    if kind:
        qs = qs.filter(kind=kind)
    if county:
        wanted = county.replace("台", "臺")
        qs = qs.filter(Q(counties="") | Q(counties__contains=wanted))
    return qs


def referrals_for(user: Any, status: str = "", mine: bool = False) -> QuerySet[Referral]:
    qs = Referral.objects.for_user(user).select_related("case__seeker", "resource", "counsellor")
    if status:
        qs = qs.filter(status=status)
    if mine:
        qs = qs.filter(counsellor=user)
    return qs.order_by("next_follow_up_on", "-created_at")
