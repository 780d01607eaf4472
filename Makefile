# dateline's everyday commands. `make demo` to try it, `make test` to check it.

PYTHON ?= python3
VENV := .venv
VPY := $(VENV)/bin/python
# Extra pytest arguments for both runs, e.g. `make test PYTEST_ARGS="-x -k article"`.
PYTEST_ARGS ?=
# Python-side installs are redone only when pyproject.toml changes; npm ones when package*.json do.
INSTALL_STAMP := $(VENV)/.dateline-installed
NPM_STAMP := node_modules/.dateline-installed

.PHONY: install demo test test-deps test-sqlite test-postgres npm-deps lint bench

install: $(INSTALL_STAMP)

$(INSTALL_STAMP): pyproject.toml
	@if [ ! -x $(VPY) ]; then \
		if ! $(PYTHON) -c 'import ensurepip' 2>/dev/null && [ "$$(id -u)" -eq 0 ]; then \
			echo "Installing python3-venv (Debian keeps venv support out of python3)"; \
			apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q python3-venv; \
		fi; \
		$(PYTHON) -m venv $(VENV); \
	fi
	$(VPY) -m pip install --quiet --disable-pip-version-check -e '.[test]'
	@touch $@

demo: install
	$(VENV)/bin/dateline demo

test-deps:
	@bash scripts/install-test-deps.sh

npm-deps: $(NPM_STAMP)

$(NPM_STAMP): package.json package-lock.json
	@command -v npm >/dev/null || { echo "npm is missing; run 'make test-deps'"; exit 1; }
	# --ignore-scripts: vnu-jar's postinstall would try to download a Java runtime; Debian's is used.
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	@touch $@

# Both runs always happen; the target fails if either does. pytest's exit 5
# ("no tests collected") is reported as the failure it is, never passed through.
test: test-deps install npm-deps
	@status=0; \
	$(MAKE) --no-print-directory test-sqlite || status=1; \
	$(MAKE) --no-print-directory test-postgres || status=1; \
	if [ $$status -ne 0 ]; then echo "make test: FAILED (see the SQLite and PostgreSQL runs above)"; fi; \
	exit $$status

test-sqlite:
	@echo "==> Test suite on SQLite"
	@env -u DATELINE_DATABASE_URL $(VPY) -m pytest $(PYTEST_ARGS); rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "make test: pytest collected no tests on SQLite; that is a broken suite"; exit 1; fi; \
	exit $$rc

test-postgres:
	@echo "==> Test suite on PostgreSQL (a throwaway cluster, started and removed by tests/pg_cluster.py)"
	@$(VPY) -m tests.pg_cluster $(PYTEST_ARGS); rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "make test: pytest collected no tests on PostgreSQL; that is a broken suite"; exit 1; fi; \
	exit $$rc

lint: install
	$(VENV)/bin/ruff check dateline tests

bench: install
	bash bench/run.sh
