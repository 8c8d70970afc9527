# planner: `make run` serves the app with the reference meeting; `make test` runs every check.
# Both set up what they need on a fresh machine (virtual environment, npm packages, Chromium).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
FLASK  := $(BIN)/flask --app wsgi
PORT   ?= 5000
PG_URL ?= postgresql://postgres@127.0.0.1:5432/test

.PHONY: run admin serve test lint check-python check-postgres bench setup browser clean catalogs messages

setup: $(VENV)/.installed tests/js/node_modules/.installed browser

$(VENV)/.installed: pyproject.toml
	@echo "==> [1/3] Virtual environment in $(VENV)"
	@$(PYTHON) -m venv $(VENV)
	@echo "==> [2/3] Updating pip"
	@$(BIN)/pip install --quiet --upgrade pip
	@echo "==> [3/3] Installing planner and its test tools (1 to 3 minutes on a fresh machine)"
	@$(BIN)/pip install --quiet --progress-bar off -e '.[test]'
	@touch $@

tests/js/node_modules/.installed: tests/js/package.json tests/js/package-lock.json
	@echo "==> npm packages of the feed tests (tests/js)"
	@cd tests/js && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	@touch $@

# Browser tests drive Debian's Chromium (browsers cannot be downloaded by Playwright here).
# WeasyPrint (PDF files) needs Pango; the browser tests read PDF pages with poppler's pdftotext.
# The two-server test (tests/web/test_two_servers.py) starts its own redis-server.
browser:
	@{ command -v chromium && command -v pdftotext && command -v redis-server \
	  && ldconfig -p | grep -q libpangoft2-1.0; } >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium, CJK/Arabic fonts, Pango, poppler and redis-server (needs root)"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	    chromium fonts-noto-cjk fonts-noto-core libpango-1.0-0 libpangoft2-1.0-0 \
	    poppler-utils redis-server >/dev/null; }

# The address links written outside a request (feeds, `planner render`) point at: the port
# served here unless PUBLIC_URL says otherwise.
RUN_ENV := PORT=$(PORT) PUBLIC_URL="$${PUBLIC_URL:-http://127.0.0.1:$(PORT)}"

run: $(VENV)/.installed catalogs
	@echo "==> Database schema (flask db upgrade)"
	@$(RUN_ENV) $(FLASK) db upgrade
	@echo "==> Reference meeting CTOC/COP/WG.4/2018/1 (planner/data/wg4-2018.yaml, loaded only into a database that does not have it)"
	@$(RUN_ENV) $(FLASK) planner import --if-absent --publish planner/data/wg4-2018.yaml
	@echo ""
	@echo "planner is starting at http://127.0.0.1:$(PORT)/ (stop it with Ctrl+C)."
	@echo "Reading needs no account. To plan meetings, make the first account in another terminal:"
	@echo "    make admin EMAIL=you@example.org PORT=$(PORT)"
	@echo "(that runs: $(FLASK) planner create-user EMAIL --role admin; the password,"
	@echo " 15 characters or more, not a common one, is asked twice or taken from PLANNER_PASSWORD)"
	@echo "then sign in at http://127.0.0.1:$(PORT)/sign-in with that email and the password you chose."
	@echo ""
	@$(RUN_ENV) SESSION_COOKIE_SECURE=0 $(FLASK) run --host 127.0.0.1 --port $(PORT)

# The first account, an administrator: `make admin EMAIL=you@example.org`. The password (15
# characters or more, not a common one) is asked twice, or taken from PLANNER_PASSWORD.
admin: $(VENV)/.installed
	@if [ -z "$(EMAIL)" ]; then \
	  echo "Give the account's email: make admin EMAIL=you@example.org"; exit 2; fi
	@$(RUN_ENV) $(FLASK) db upgrade
	@$(RUN_ENV) $(FLASK) planner create-user "$(EMAIL)" --role admin
	@echo "Sign in at http://127.0.0.1:$(PORT)/sign-in with $(EMAIL) (make run serves planner)."

# Production server: gunicorn with WEB_CONCURRENCY workers on BIND (gunicorn.conf.py);
# needs SECRET_KEY (and DATABASE_URL, REDIS_URL, PROXY_COUNT as the README says). The schema is
# brought up to date once per deployment (`flask db upgrade`), not by each server.
serve: $(VENV)/.installed catalogs
	$(BIN)/gunicorn -c gunicorn.conf.py

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

test: setup catalogs lint
	$(BIN)/pytest
	@if [ "$$CI" = "true" ] || [ -n "$$TEST_DATABASE_URL" ]; then \
	  echo "== the suite again, on PostgreSQL"; \
	  TEST_DATABASE_URL="$${TEST_DATABASE_URL:-$(PG_URL)}" $(BIN)/pytest -m "not browser"; \
	fi

# Interface translations (Flask-Babel): the .po catalogs are kept in git, the compiled .mo files
# are built here (run and test depend on them). `make messages` collects the strings of the code
# and templates into messages.pot and merges them into every catalog; translate the new or fuzzy
# entries of each messages.po afterwards.
TRANSLATIONS := planner/translations
PO_FILES     := $(wildcard $(TRANSLATIONS)/*/LC_MESSAGES/messages.po)
CATALOGS     := $(PO_FILES:.po=.mo)
# The keywords besides gettext's own (_, gettext, ngettext, ...); tests/test_translations.py uses the same.
EXTRACT      := -k _l -k lazy_gettext -k lazy_ngettext:1,2 --add-comments=TRANSLATORS: \
                --project=planner --no-wrap

catalogs: $(CATALOGS)

# All catalogs in one quiet step (a grouped target: one pybabel run whichever .po changed).
$(CATALOGS) &: $(PO_FILES) | $(VENV)/.installed
	@echo "==> Interface translations ($(TRANSLATIONS)/*/LC_MESSAGES/messages.mo)"
	@$(BIN)/pybabel --quiet compile --directory $(TRANSLATIONS)
	@touch $(CATALOGS)

messages: $(VENV)/.installed
	$(BIN)/pybabel extract -F babel.cfg $(EXTRACT) -o $(TRANSLATIONS)/messages.pot .
	$(BIN)/pybabel update --no-wrap --ignore-obsolete -i $(TRANSLATIONS)/messages.pot -d $(TRANSLATIONS)

bench: $(VENV)/.installed
	$(BIN)/python -m benchmarks.feeds
	$(BIN)/python -m benchmarks.orgwork

clean:
	rm -rf $(VENV) tests/js/node_modules instance .pytest_cache .mypy_cache .ruff_cache
