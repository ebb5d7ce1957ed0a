"""``{% load audit_labels %}``: ``event_type|event_label`` and ``subject_type|subject_label``."""

from __future__ import annotations

from django import template

from jobdesk.audit import labels

register = template.Library()


@register.filter
def event_label(event_type: str) -> str:
    return labels.event_label(str(event_type))


@register.filter
def subject_label(subject_type: str) -> str:
    return labels.subject_label(str(subject_type))


@register.filter
def actor_name(actor_label: str) -> str:
    """Who acted, as the logs show it: the background tasks and commands that act with no
    account are stored as ``system``."""
    return "系統（背景作業）" if actor_label in ("", "system") else actor_label
