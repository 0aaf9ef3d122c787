# Two commands set everything up on a fresh machine: `make serve` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: venv browser generate check site offline serve test bench clean

venv: $(STAMP)

$(STAMP): requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

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

# axe-core (accessibility checks run inside the browser), pinned in package.json / package-lock.json.
node_modules/axe-core/axe.min.js: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

test: venv browser node_modules/axe-core/axe.min.js
	$(BIN)/python -m pytest

bench: venv
	$(BIN)/python -m victimlaw.bench $(BENCH_ARGS)

# A generated folder of docs/<lang>/ is the one holding the plugin's .gitignore (scripts/victimlaw/generate.py).
clean:
	rm -rf site site-offline site-offline.zip node_modules $(VENV)
	for marker in docs/*/*/.gitignore; do [ -f "$$marker" ] && rm -rf "$$(dirname "$$marker")"; done; true
