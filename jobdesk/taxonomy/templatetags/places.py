"""Template filters for places: ``{% load places %}``, then ``{{ address|with_township:township }}``
writes an address line with the township's name once (lives here, not in common: the foundation
imports no other app)."""

from __future__ import annotations

from typing import Any

from django import template

from jobdesk.taxonomy.places import address_with_township

register = template.Library()


@register.filter
def with_township(address: Any, township: Any) -> str:
    return address_with_township(str(address or ""), township)
