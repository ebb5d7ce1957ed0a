"""Who must have a second factor (PDPA Art. 27): administrators and auditors, always.

Each role is logged in for real (the login form, no ``force_login``) and asks for a page; the two
roles that hold the keys to accounts and logs are sent to enrolment, the others go through.
"""

import pytest
from django.test import Client

from jobdesk.accounts.roles import Role
from jobdesk.privacy import otp
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

MUST_ENROL = {"adam": "/admin/", "audrey": "/audit/access/"}
NOT_ASKED = {"alice": "/", "sam": "/", "oscar": "/"}


def _login(user):
    client = Client()
    response = client.post("/accounts/login/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    return client


def test_the_required_roles_are_administrators_and_auditors():
    assert frozenset({Role.ADMINISTRATOR, Role.AUDITOR}) == otp.REQUIRED_ROLES


@pytest.mark.parametrize("who", sorted(MUST_ENROL))
def test_administrators_and_auditors_are_sent_to_enrolment(personas, who):
    # given
    user = personas[who]
    client = _login(user)
    # when
    response = client.get(MUST_ENROL[who])
    # then
    assert otp.requires_second_factor(user)
    assert response.status_code == 302
    assert response.url.startswith("/privacy/2fa/enrol/")


@pytest.mark.parametrize("who", sorted(NOT_ASKED))
def test_other_staff_without_a_device_are_not_asked(personas, who):
    user = personas[who]
    client = _login(user)
    assert not otp.requires_second_factor(user)
    assert client.get(NOT_ASKED[who]).status_code == 200
