# jobdesk: two commands for a newcomer.
#   make demo   virtualenv, install, migrate SQLite under var/, load taxonomies and demo data,
#               serve the zh-Hant UI on http://127.0.0.1:8000
#   make test   test dependencies, ruff, mypy, manage.py check, makemigrations --check, pytest
#               (SQLite; PostgreSQL too when DATABASE_URL is set; browser tests when Chromium is found)
# Also: make bench / make bench-full (benchmarks, not tests), make lock (refresh requirements.lock),
# make clean.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
export PYTHONDONTWRITEBYTECODE := 1
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: demo test lint typecheck checks pytest bench bench-full lock clean serve install install-test

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

# The suite runs on SQLite; with DATABASE_URL set it runs again on that database (PostgreSQL).
pytest: install-test
	env -u DATABASE_URL $(BIN)/python -m pytest
	@if [ -n "$$DATABASE_URL" ]; then \
	  echo "== 同一套測試在 DATABASE_URL 指定的資料庫上再執行一次 =="; \
	  $(BIN)/python -m pytest -p no:cacheprovider; \
	else \
	  echo "PostgreSQL: 略過（未設定 DATABASE_URL）"; \
	fi

test: lint typecheck checks pytest

bench: install-test
	$(BIN)/python -m bench.run

# The sizes of the targets: 100k and 1M each side, batch 200k × 200k (about 10 minutes).
bench-full: install-test
	$(BIN)/python -m bench.run --full

lock: $(BIN)/python
	$(PIP) install -q -e ".[test,rq]"
	$(PIP) freeze --exclude-editable | grep -v '^-e' > requirements.lock

serve: install
	$(MANAGE) runserver $(HOST):$(PORT)

clean:
	rm -rf $(VENV) var/static .mypy_cache .ruff_cache .pytest_cache
