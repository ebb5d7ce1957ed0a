# jobdesk: two commands for a newcomer.
#   make demo   virtualenv, install, migrate SQLite under var/, load taxonomies and demo data,
#               serve the zh-Hant UI on http://127.0.0.1:8000
#   make test   test dependencies, ruff, mypy, manage.py check, makemigrations --check, pytest
#               (SQLite; PostgreSQL too when DATABASE_URL is set; browser tests when Chromium is found)
# Also: make bench / make bench-full / make bench-web (benchmarks, not tests), make mutate
# (mutation testing of the modules that protect people, docs/testing.md), make serve-prod
# (gunicorn), make lock (refresh requirements.lock), make clean.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
export PYTHONDONTWRITEBYTECODE := 1
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: demo test lint typecheck checks contracts pytest coverage bench bench-full bench-web mutate lock clean serve serve-prod install install-test

$(BIN)/python:
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "jobdesk needs Python 3.11 or newer"'
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: $(BIN)/python pyproject.toml requirements.lock
	$(PIP) install -q -c requirements.lock -e .
	@touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(PIP) install -q -c requirements.lock -e ".[test]"
	@touch $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

demo: install
	JOBDESK_SHARED=$${JOBDESK_SHARED:-../shared} $(MANAGE) migrate --noinput
	$(MANAGE) load_taxonomies
	$(MANAGE) load_standard
	$(MANAGE) load_statutory_rules
	$(MANAGE) load_demo
	@echo ""
	@echo "jobdesk 已啟動：http://$(HOST):$(PORT)/ （Ctrl-C 結束）"
	$(MANAGE) runserver $(HOST):$(PORT)

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: install-test
	$(BIN)/mypy jobdesk tests bench

checks: install-test
	$(MANAGE) check --fail-level WARNING
	JOBDESK_PRODUCTION=1 SECRET_KEY=check-only-$$(date +%s)-not-a-real-secret-key-0123456789abcdef \
	  JOBDESK_FIELD_KEY=$$($(BIN)/python -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())') \
	  JOBDESK_LOOKUP_KEY=check-only ALLOWED_HOSTS=jobdesk.example \
	  $(MANAGE) check --deploy --fail-level WARNING
	$(MANAGE) makemigrations --check --dry-run

# The modules that protect people (docs/testing.md): their coverage has a floor of its own.
PROTECTED_MODULES := jobdesk/common/scoping.py,jobdesk/common/models.py,jobdesk/privacy/services/consents.py,jobdesk/privacy/models/consents.py,jobdesk/referrals/services.py,jobdesk/audit/services.py,jobdesk/privacy/access.py,jobdesk/privacy/services/erasure.py,jobdesk/domain/identifiers.py,jobdesk/privacy/otp.py,jobdesk/accounts/backends.py,jobdesk/matching/adapters.py,jobdesk/cases/services/closure.py,jobdesk/domain/adcheck/*
PROTECTED_FLOOR ?= 85

# Layering (docs/ARCHITECTURE.md) and the one scope source, as contracts.
contracts: install-test
	$(BIN)/lint-imports

# The suite runs on SQLite (with coverage); with DATABASE_URL set it runs again on that database.
pytest: install-test
	env -u DATABASE_URL $(BIN)/python -m pytest --cov --cov-report=
	@$(MAKE) --no-print-directory coverage
	@if [ -n "$$DATABASE_URL" ]; then \
	  echo "== 同一套測試在 DATABASE_URL 指定的資料庫上再執行一次 =="; \
	  $(BIN)/python -m pytest -p no:cacheprovider; \
	else \
	  echo "PostgreSQL: 略過（未設定 DATABASE_URL）"; \
	fi

test: lint typecheck checks contracts pytest

# The coverage of the last `make pytest`: the total of jobdesk, then the protected modules, whose
# total may not fall below PROTECTED_FLOOR (docs/testing.md).
coverage:
	$(BIN)/python -m coverage report --skip-covered --skip-empty | tail -n 1
	$(BIN)/python -m coverage report --include='$(PROTECTED_MODULES)' --fail-under=$(PROTECTED_FLOOR)

bench: install-test
	$(BIN)/python -m bench.run

# The sizes of the targets: 100k and 1M each side, batch 200k × 200k (about 10 minutes).
bench-full: install-test
	$(BIN)/python -m bench.run --full

# Mutation testing (not a test: minutes per group; docs/testing.md). GROUPS="identifiers closure"
# runs some; results are kept under var/mutate/ so a rerun re-tests only what changed.
mutate: install-test
	$(BIN)/python -m bench.mutate $(GROUPS)

# Pages at national scale on DATABASE_URL (a PostgreSQL database of its own): generates 1M seekers
# and cases (150k open) and 100k vacancies once (resumable), serves them with gunicorn on
# 127.0.0.1 and prints p50/p95 per page beside the bare SQL (docs/scaling.md). BENCH_WEB_ARGS
# changes the sizes, e.g. BENCH_WEB_ARGS="--seekers 200000 --open 30000".
bench-web: install-test
	@test -n "$$DATABASE_URL" || { echo "bench-web: DATABASE_URL must name a PostgreSQL database of its own"; exit 2; }
	$(BIN)/python -m bench.web_bench $(BENCH_WEB_ARGS)

lock: $(BIN)/python
	$(PIP) install -q -e ".[test,rq]"
	$(PIP) freeze --exclude-editable | grep -v '^-e' > requirements.lock

serve: install
	$(MANAGE) runserver $(HOST):$(PORT)

# The production server (gunicorn, jobdesk/gunicorn_conf.py): see docs/scaling.md.
serve-prod: install
	JOBDESK_BIND=$(HOST):$(PORT) $(BIN)/jobdesk serve

clean:
	rm -rf $(VENV) var/static .mypy_cache .ruff_cache .pytest_cache
