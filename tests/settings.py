"""Test settings: the product's settings plus a tiny app with a concrete scoped model."""

import os
import tempfile
from pathlib import Path

from jobdesk.settings import *  # noqa: F403
from jobdesk.settings import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "tests.testapp"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast logins in tests
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# A due re-fit of the match index runs in the test's thread (a background thread would not see
# the test's uncommitted rows); tests/matching/test_index_service.py covers the thread itself.
JOBDESK_MATCH_BACKGROUND_REFIT = False
JOBDESK_STRICT_EVENT_TYPES = True  # record_event refuses unregistered event types
# No snapshot of the match index unless a test writes one (a developer's var/ is not read).
JOBDESK_MATCH_SNAPSHOT_DIR = Path(tempfile.gettempdir()) / f"jobdesk-test-snapshots-{os.getpid()}"
