"""The shell's assets: favicon, htmx without inline style (CSP), badge colours readable (AA)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

APP_CSS = Path(__file__).resolve().parents[2] / "jobdesk/common/static/jobdesk/app.css"


def _rules(css: str) -> dict[str, dict[str, str]]:
    rules: dict[str, dict[str, str]] = {}
    for selectors, body in re.findall(
        r"([^{}]+)\{([^{}]*)\}", re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    ):
        decls = dict(
            (k.strip(), v.strip())
            for k, v in (d.split(":", 1) for d in body.split(";") if ":" in d)
        )
        for selector in selectors.split(","):
            rules.setdefault(selector.strip(), {}).update(decls)
    return rules


def _rgb(value: str, variables: dict[str, str], under: tuple[float, ...]) -> tuple[float, ...]:
    value = value.strip()
    while value.startswith("var("):
        value = variables[value[4:-1].split(",")[0].strip()]
    if value.startswith("#"):
        h = value[1:]
        h = "".join(c * 2 for c in h) if len(h) == 3 else h
        return tuple(int(h[i : i + 2], 16) / 255 for i in (0, 2, 4))
    r, g, b, a = (float(x) for x in value[value.index("(") + 1 : -1].split(","))
    return tuple(a * c / 255 + (1 - a) * u for c, u in zip((r, g, b), under, strict=True))


def _luminance(rgb: tuple[float, ...]) -> float:
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def _ratio(a: tuple[float, ...], b: tuple[float, ...]) -> float:
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@pytest.mark.parametrize(
    ("chain", "surface"),
    [
        ((".badge",), "--card"),
        ((".badge", ".badge-warn"), "--card"),
        ((".badge", ".badge-bad"), "--card"),
        ((".badge", ".badge-ok"), "--card"),
        ((".badge", ".topbar .badge"), "--brand"),
        ((".badge", ".topbar .badge", ".topbar .badge-role"), "--brand"),
    ],
)
def test_badge_text_has_aa_contrast(chain, surface):
    # given the stylesheet's colours (the badge on its surface: a card, or the blue top bar)
    rules = _rules(APP_CSS.read_text(encoding="utf-8"))
    variables = {k: v for k, v in rules[":root"].items() if k.startswith("--")}
    merged: dict[str, str] = {"color": "var(--ink)"}
    for selector in chain:
        merged.update(rules[selector])
    under = _rgb(f"var({surface})", variables, (1.0, 1.0, 1.0))
    # when the badge's own background is laid over the surface
    background = _rgb(merged["background"], variables, under)
    # then its text reads at WCAG AA for small text
    assert _ratio(_rgb(merged["color"], variables, background), background) >= 4.5, chain


def test_favicon_is_served(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    assert response.content[:4] == b"\x00\x00\x01\x00"


def test_htmx_is_told_not_to_inject_an_inline_style(client, personas):
    # given any page of the shell
    client.force_login(personas["alice"])
    body = client.get(reverse("home")).content.decode()
    # then htmx's config switches its inline indicator style off, and the app's CSS has it
    assert """<meta name="htmx-config" content='{"includeIndicatorStyles": false}'>""" in body
    assert ".htmx-request .htmx-indicator" in APP_CSS.read_text(encoding="utf-8")
    assert "<style" not in body
