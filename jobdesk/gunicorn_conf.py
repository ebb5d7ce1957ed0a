"""gunicorn configuration shipped with jobdesk (``jobdesk serve`` uses it; docs/scaling.md).

Every value can be changed from the environment (docs/configuration.md):

- ``JOBDESK_BIND`` (``127.0.0.1:8000``): where to listen; put a reverse proxy (TLS, static
  files) in front.
- ``JOBDESK_WEB_WORKERS``: sync worker processes; default one per core plus one (a request
  waits on the database about as long as it computes). They share the match index snapshot
  when the worker wrote one (``JOBDESK_MATCH_SNAPSHOT_DIR``); without one each builds its own.
- ``JOBDESK_WEB_TIMEOUT`` (60 s): a worker silent that long is killed and replaced;
  ``JOBDESK_WEB_GRACEFUL_TIMEOUT`` (30 s) for in-flight requests on a restart.
- ``JOBDESK_MATCH_WARM`` (on): each worker loads or builds its match index on a background thread as
  soon as it starts (``post_worker_init``), so the first matching page does not build it.
- ``FORWARDED_ALLOW_IPS`` (``127.0.0.1``): proxies whose X-Forwarded-* headers are trusted.

No ``preload_app``: the match index's lock must not be taken before a fork, and each worker
opens its own database connections.
"""

from __future__ import annotations

import os
from typing import Any


def _int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def default_workers(cores: int | None = None) -> int:
    return (cores if cores is not None else _cores()) + 1


bind = os.environ.get("JOBDESK_BIND", "127.0.0.1:8000")
workers = _int("JOBDESK_WEB_WORKERS", default_workers())
worker_class = "sync"
timeout = _int("JOBDESK_WEB_TIMEOUT", 60)
graceful_timeout = _int("JOBDESK_WEB_GRACEFUL_TIMEOUT", 30)
keepalive = 5
# Worker heartbeats in memory, not on a disk that may stall (gunicorn's advice for containers).
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None  # noqa: S108
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = os.environ.get("JOBDESK_ACCESS_LOG", "-") or None
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
proc_name = "jobdesk"
wsgi_app = "jobdesk.wsgi:application"
preload_app = False
# Limits on what a client may send in the request line and headers.
limit_request_line = 8190
limit_request_fields = 100


def post_worker_init(worker: Any) -> None:
    """Warm the match index of this worker on a thread (jobdesk.matching.index_service)."""
    if os.environ.get("JOBDESK_MATCH_WARM", "1").strip().lower() in {"0", "false", "no", "off"}:
        return
    from jobdesk.matching.index_service import warm_in_background

    warm_in_background()
