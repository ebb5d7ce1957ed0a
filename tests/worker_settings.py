"""Settings of the worker subprocesses in tests/foundation/test_task_recovery.py: the test
settings with the database task backend (the suite itself runs tasks immediately) and fast
heartbeats, on the SQLite file named by JOBDESK_SQLITE_PATH."""

from tests.settings import *  # noqa: F403

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
JOBDESK_TASK_HEARTBEAT = 0.5
JOBDESK_TASK_VISIBILITY_TIMEOUT = 3.0
