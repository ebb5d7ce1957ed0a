"""Every URL, as every persona: allowed roles get the page, others 403/404, outsiders 404.

The matrix (tests/authz/matrix*.py) must list every named URL of the project, so a new screen
cannot ship without saying who may open it.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.authz.matrix import CONTEXT_BUILDERS, MATRIX

pytestmark = pytest.mark.django_db

PERSONAS_IN_A = ["alice", "sam", "oscar", "adam", "audrey"]  # office A (or its branch)
OUTSIDERS = ["charlie", "tina"]  # centre C


def _named_urls(patterns: Any = None, namespace: str = "") -> set[str]:
    names: set[str] = set()
    for p in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(p, URLResolver):
            if p.namespace == "jobdesk_admin":
                continue  # the administrators' console is tested in test_admin_console.py
            ns = f"{namespace}{p.namespace}:" if p.namespace else namespace
            names |= _named_urls(p.url_patterns, ns)
        elif isinstance(p, URLPattern) and p.name:
            names.add(namespace + p.name)
    return names


def test_every_url_is_in_the_matrix():
    missing = _named_urls() - set(MATRIX)
    assert not missing, (
        f"declare who may open these URLs in tests/authz/matrix*.py: {sorted(missing)}"
    )


@pytest.fixture
def ctx(personas, offices, reference_data):
    context: dict[str, Any] = {"personas": personas, "offices": offices}
    for build in CONTEXT_BUILDERS:
        build(context)
    return context


def _request(client, spec, url):
    return client.post(url, {}) if spec.method == "post" else client.get(url)


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_url_as_every_persona(client, ctx, name):
    """One URL, tried anonymously and as every persona (the context is built once per URL)."""
    spec = MATRIX[name]
    url = reverse(name, kwargs=spec.make(ctx))
    # anonymous
    client.logout()
    response = _request(client, spec, url)
    if spec.public:
        assert response.status_code in spec.ok_status, (name, "anonymous", response.status_code)
        return
    if spec.anonymous_status is not None:
        assert response.status_code in spec.anonymous_status, (
            name,
            "anonymous",
            response.status_code,
        )
    else:
        assert response.status_code == 302, (name, "anonymous", response.status_code)
        assert response.url.startswith(reverse("accounts:login"))
    # every persona of office A and the outsiders of office C
    failures = []
    for who in PERSONAS_IN_A + OUTSIDERS:
        user = ctx["personas"][who]
        client.force_login(user)
        status = _request(client, spec, url).status_code
        allowed = user.role in spec.roles
        if allowed and (who in PERSONAS_IN_A or not spec.scoped):
            expected: tuple[int, ...] = spec.ok_status
        elif allowed:
            expected = (404,)
        else:
            expected = (403, 404)
        if status not in expected:
            failures.append(f"{who} ({user.role}): {status}, expected {expected}")
    assert not failures, f"{name}: " + "; ".join(failures)
