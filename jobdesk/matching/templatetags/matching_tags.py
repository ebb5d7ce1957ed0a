"""``{% match_reasons contributions %}``: a match's reasons as the list of
``matching/_contributions.html``, built in Python.

A matching page lists 20 matches of about ten reasons each: through the template engine
(an include, a loop, three ``if``s and ``floatformat`` per reason) that was a quarter of the
page's time at 1M seekers (docs/scaling.md). The output is the template's, byte for byte
(``tests/matching/test_reasons_tag.py`` renders both); the template stays the reference.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django import template
from django.template.defaultfilters import floatformat
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


def _item(c: Any) -> str:
    points, label = (c["points"], c["label"]) if isinstance(c, Mapping) else (c.points, c.label)
    css = "plus" if points > 0 else "minus" if points < 0 else "zero"
    sign = "+" if points > 0 else ""
    return (
        f'<li class="{css}"><span>{conditional_escape(label)}</span> '
        f'<span class="points">{sign}{floatformat(points, 1)}</span></li>'
    )


@register.simple_tag
def match_reasons(contributions: Iterable[Any]) -> SafeString:
    items = "".join(_item(c) for c in contributions)
    return mark_safe(f'<ul class="reasons">\n{items}\n</ul>\n')  # noqa: S308 - every part escaped
