"""The ``jobdesk`` console command: Django's manage.py with jobdesk's settings.

``jobdesk import-vacancies FILE`` runs the management command ``import_vacancies``: hyphens in the
first word become underscores, so operators type the commands the way the docs spell them.
``jobdesk worker`` starts the background-task worker of the configured backend; ``jobdesk serve``
the production web server (gunicorn with ``jobdesk/gunicorn_conf.py``; further arguments go to
gunicorn, e.g. ``jobdesk serve --bind 0.0.0.0:8000``).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

GUNICORN_CONF = Path(__file__).with_name("gunicorn_conf.py")


def serve_argv(extra: list[str]) -> list[str]:
    """gunicorn's command line for ``jobdesk serve``: the shipped configuration, then ``extra``."""
    return ["jobdesk serve", "--config", str(GUNICORN_CONF), *extra]


def serve(extra: list[str]) -> None:
    from gunicorn.app.wsgiapp import run  # type: ignore[import-untyped]

    sys.argv = serve_argv(extra)
    run()


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jobdesk.settings")
    from django.core.management import execute_from_command_line

    args = list(sys.argv if argv is None else argv)
    if len(args) > 1 and args[1] == "serve":
        serve(args[2:])
        return
    if len(args) > 1 and not args[1].startswith("-"):
        if args[1] == "worker":
            backend = os.environ.get("JOBDESK_TASK_BACKEND", "database")
            args[1] = "rqworker" if backend == "rq" else "task_worker"
        else:
            args[1] = args[1].replace("-", "_")
    execute_from_command_line(args)


if __name__ == "__main__":
    main()
