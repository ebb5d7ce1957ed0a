"""A background task for the worker-recovery test: its first run stops half-way (the test kills
the worker there); it is idempotent, so the run that finishes it records its work once."""

from __future__ import annotations

import time
from pathlib import Path

from django_tasks import task


@task()
def record_once(key: str, started_file: str) -> str:
    from jobdesk.accounts.models import Office
    from tests.testapp.models import Note

    started = Path(started_file)
    first_run = not started.exists()
    started.write_text("started", encoding="utf-8")
    if first_run:
        time.sleep(120)  # the test kills the worker during this pause
    office = Office.objects.get(code="T")
    Note.objects.get_or_create(office=office, text=key)
    return key
