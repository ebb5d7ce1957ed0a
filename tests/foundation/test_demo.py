"""``jobdesk load-demo`` creates an account for every role and is idempotent."""

import io

import pytest
from django.core.management import call_command

from jobdesk.accounts.models import Office, User
from jobdesk.accounts.roles import Role

pytestmark = pytest.mark.django_db


def test_demo_is_idempotent(reference_data, tmp_path, settings):
    settings.VAR_DIR = tmp_path
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    assert "密碼只顯示這一次" in out.getvalue()
    assert {u.role for u in User.objects.all()} == set(Role.values)
    counts = (Office.objects.count(), User.objects.count())
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    assert "示範帳號已存在" in out.getvalue()
    assert (Office.objects.count(), User.objects.count()) == counts
    written = (tmp_path / "demo-accounts.txt").read_text(encoding="utf-8")
    assert written.count("\tdemo-") == User.objects.count()  # every password, written once
