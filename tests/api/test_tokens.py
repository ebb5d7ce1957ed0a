"""API tokens: shown once and stored hashed, scoped, expiring, revocable, every use logged,
rate-limited; created by an administrator on a screen or by ``jobdesk create-token``."""

from __future__ import annotations

import datetime
import hashlib
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from jobdesk.api import services
from jobdesk.api.models import ApiToken, TokenUse
from jobdesk.audit.models import AuditEvent
from tests.api.conftest import ApiClient

pytestmark = pytest.mark.django_db

SEEKERS = "/api/v1/seekers/"


def test_a_token_is_stored_only_as_its_hash(personas):
    # given / when
    issued = services.issue_token(
        actor=personas["adam"], user=personas["alice"], name="同步", scopes=["cases:read"], days=30
    )
    # then
    row = ApiToken.objects.get(pk=issued.token.pk)
    assert issued.secret.startswith(f"jdk_{row.prefix}_")
    assert row.digest == hashlib.sha256(issued.secret.encode()).hexdigest()
    assert issued.secret not in str(list(ApiToken.objects.values()))
    assert AuditEvent.objects.filter(event_type="api.token_issued").count() == 1
    assert issued.secret not in str(list(AuditEvent.objects.values()))


def test_only_an_administrator_issues_tokens(personas):
    with pytest.raises(PermissionDenied):
        services.issue_token(
            actor=personas["sam"], user=personas["alice"], name="x", scopes=["cases:read"], days=1
        )


def test_issue_refuses_unknown_scopes_and_long_lives(personas):
    with pytest.raises(ValidationError) as raised:
        services.issue_token(
            actor=personas["adam"], user=personas["alice"], name="x", scopes=["all"], days=999
        )
    assert set(raised.value.message_dict) == {"scopes", "days"}


def test_every_use_is_logged(personas, token_for):
    # given
    api = token_for(personas["alice"], ["cases:read"])
    # when
    assert api.get(SEEKERS).status_code == 200
    assert api.get(SEEKERS).status_code == 200
    # then
    token = ApiToken.objects.get(pk=api.token.pk)
    assert token.last_used_at is not None
    uses = TokenUse.objects.filter(token=token)
    assert uses.count() == 2
    assert {u.path for u in uses} == {SEEKERS}


@pytest.mark.parametrize(
    "spoil",
    [
        lambda t, adam: services.revoke_token(t, actor=adam),
        lambda t, adam: ApiToken.objects.filter(pk=t.pk).update(
            expires_at=timezone.now() - datetime.timedelta(seconds=1)
        ),
    ],
    ids=["revoked", "expired"],
)
def test_revoked_or_expired_tokens_are_refused(personas, token_for, spoil):
    api = token_for(personas["alice"], ["cases:read"])
    assert api.get(SEEKERS).status_code == 200
    spoil(api.token, personas["adam"])
    response = api.get(SEEKERS)
    assert response.status_code == 401
    assert "權杖無效" in response.json()["detail"]


def test_a_wrong_secret_with_a_real_prefix_is_refused(personas, token_for):
    api = token_for(personas["alice"], ["cases:read"])
    forged = ApiClient(api.secret[:-4] + "AAAA")
    assert forged.get(SEEKERS).status_code == 401
    assert TokenUse.objects.count() == 0


def test_a_read_scope_does_not_write(personas, token_for, reference_data):
    api = token_for(personas["alice"], ["cases:read"])
    response = api.post(SEEKERS, {"name": "x"})
    assert response.status_code == 403
    assert "寫入" in response.json()["detail"]


def test_a_token_reaches_only_its_areas(personas, token_for, w):
    api = token_for(personas["alice"], ["cases:write"])
    assert api.get(f"/api/v1/seekers/{w['seeker'].public_id}/").status_code == 200
    response = api.get("/api/v1/vacancies/")
    assert response.status_code == 403
    assert "雇主與職缺" in response.json()["detail"]


def test_the_role_still_applies_to_a_token(personas, token_for):
    api = token_for(personas["oscar"], ["cases:write"])  # an officer has no case content
    assert api.get(SEEKERS).status_code == 403


@override_settings(JOBDESK_API_RATE="3/min")
def test_rate_limit_per_token(personas, token_for):
    first, second = token_for(personas["alice"]), token_for(personas["bob"])
    assert [first.get(SEEKERS).status_code for _ in range(4)] == [200, 200, 200, 429]
    assert second.get(SEEKERS).status_code == 200  # another token has its own budget


def test_administrator_creates_a_service_account_token_on_the_screen(client, personas, offices):
    # given
    client.force_login(personas["adam"])
    # when
    response = client.post(
        reverse("api_tokens:token_create"),
        {
            "name": "新北市個案系統",
            "holder": "service",
            "username": "ntpc-sync",
            "display_name": "新北市個案系統",
            "office": offices["a"].pk,
            "role": "counsellor",
            "scopes": ["cases:read", "matching:write"],
            "days": 30,
        },
    )
    # then: shown once, on this page only
    assert response.status_code == 200
    secret = response.context["secret"]
    assert secret in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    token = ApiToken.objects.get()
    assert token.kind == "service"
    assert token.user.office == offices["a"]
    assert token.user.role == "counsellor"
    assert not token.user.has_usable_password()
    listing = client.get(reverse("api_tokens:token_list")).content.decode()
    assert token.prefix in listing
    assert secret not in listing
    # and it works
    assert ApiClient(secret).get(SEEKERS).status_code == 200


def test_the_screen_refuses_a_service_account_without_office(client, personas):
    client.force_login(personas["adam"])
    response = client.post(
        reverse("api_tokens:token_create"),
        {"name": "x", "holder": "service", "username": "abc", "scopes": ["cases:read"], "days": 3},
    )
    assert response.status_code == 200
    assert "請選擇據點" in response.content.decode()
    assert not ApiToken.objects.exists()


def test_revoke_on_the_screen(client, personas, token_for):
    api = token_for(personas["alice"])
    client.force_login(personas["adam"])
    response = client.post(reverse("api_tokens:token_revoke", args=[api.token.public_id]))
    assert response.status_code == 302
    assert api.get(SEEKERS).status_code == 401


def test_create_token_command(personas, offices):
    out, err = io.StringIO(), io.StringIO()
    call_command(
        "create_token",
        "--by=adam",
        "--name=三重同步",
        "--service-account=sanchong-cli",
        f"--office={offices['a'].code}",
        "--role=counsellor",
        "--scope=cases:read",
        "--days=7",
        stdout=out,
        stderr=err,
    )
    secret = out.getvalue().strip()
    assert "只顯示這一次" in err.getvalue()
    assert services.find_token(secret) is not None
    assert ApiClient(secret).get(SEEKERS).status_code == 200


def test_session_auth_needs_the_csrf_token(personas):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    browser.force_login(personas["alice"])
    assert browser.get(SEEKERS).status_code == 200
    response = browser.post(SEEKERS, {}, content_type="application/json")
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]
