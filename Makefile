# Ykien — the two commands: `make run` and `make test`. Everything else is a helper of those.
SHELL := /bin/bash
.DEFAULT_GOAL := help

UV := $(shell command -v uv 2>/dev/null || echo "python3 -m uv")
PY_STAMP := .venv/.synced
FE_STAMP := frontend/node_modules/.installed
FE_BUILD := frontend/dist/index.html
FE_SOURCES := $(shell find frontend/src frontend/public frontend/sw -type f 2>/dev/null) \
	frontend/index.html frontend/vite.config.ts frontend/package-lock.json

.PHONY: help run test test-backend test-frontend lint fmt migrate bench uv deps frontend openapi

help:
	@echo "make run     install what is missing, build the web app, migrate, serve with demo data"
	@echo "make test    the whole suite (set YKIEN_TEST_POSTGRES_URL to include PostgreSQL)"
	@echo "make lint    ruff, mypy --strict, vue-tsc, stale API types"
	@echo "make fmt     format the Python code"
	@echo "make migrate upgrade the database (YKIEN_DATABASE_URL)"
	@echo "make bench   benchmarks (figures and ratios; see docs/performance.md)"
	@echo "make openapi refresh the frontend's OpenAPI snapshot and generated API types"

uv:
	@command -v uv >/dev/null 2>&1 || python3 -m uv --version >/dev/null 2>&1 || \
		(echo "installing uv with pip…" && python3 -m pip install --quiet --disable-pip-version-check uv)

$(PY_STAMP): pyproject.toml uv.lock | uv
	$(UV) sync --frozen
	@touch $@

$(FE_STAMP): frontend/package.json frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund
	@touch $@

$(FE_BUILD): $(FE_STAMP) $(FE_SOURCES)
	cd frontend && npm run build

deps: $(PY_STAMP) $(FE_STAMP)

frontend: $(FE_BUILD)

run: $(PY_STAMP) $(FE_BUILD)
	YKIEN_DEMO=$${YKIEN_DEMO:-1} $(UV) run --frozen ykien serve

migrate: $(PY_STAMP)
	$(UV) run --frozen ykien migrate

# The two halves run side by side: the backend's two pytest workers keep the CPU busy while the
# browser tests wait on pages, and the browser tests' server loads the demo during the backend's
# collection. Each half's output is shown whole when it ends (-Otarget); either failing fails.
test: $(PY_STAMP) $(FE_BUILD)
	@$(MAKE) --no-print-directory -j2 -Otarget test-backend test-frontend

# The suite starts a dozen Python processes (pytest's workers, servers, `ykien migrate`): let them
# keep their compiled bytecode (__pycache__, git-ignored) even where PYTHONDONTWRITEBYTECODE is
# set, instead of compiling every module again in each process, every run.
test-backend test-frontend: export PYTHONDONTWRITEBYTECODE =

test-backend: $(PY_STAMP)
	$(UV) run --frozen pytest -n 2 --dist loadgroup -q

test-frontend: $(PY_STAMP) $(FE_BUILD)
	cd frontend && npm run test:unit --if-present
	cd frontend && npm run test:e2e --if-present

lint: $(PY_STAMP) $(FE_STAMP)
	$(UV) run --frozen ruff check backend tests bench alembic scripts
	$(UV) run --frozen ruff format --check backend tests bench alembic scripts
	$(UV) run --frozen mypy
	cd frontend && npm run typecheck
	cd frontend && npm run check:api:live --if-present

fmt: $(PY_STAMP)
	$(UV) run --frozen ruff check --fix backend tests bench alembic scripts
	$(UV) run --frozen ruff format backend tests bench alembic scripts

openapi: $(PY_STAMP) $(FE_STAMP)
	cd frontend && npm run gen:api

bench: $(PY_STAMP)
	@ls bench/*.py >/dev/null 2>&1 || { echo "no benchmarks yet"; exit 0; }
	@for script in bench/*.py; do echo "== $$script"; $(UV) run --frozen python $$script || exit 1; done
