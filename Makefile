# planner: `make run` serves the app with the reference meeting; `make test` runs every check.
# Both set up what they need on a fresh machine (virtual environment, npm packages, Chromium).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
FLASK  := $(BIN)/flask --app wsgi
PORT   ?= 5000
PG_URL ?= postgresql://postgres@127.0.0.1:5432/test

.PHONY: run test lint check-python check-postgres bench setup browser clean catalogs messages

setup: $(VENV)/.installed tests/js/node_modules/.installed browser

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

tests/js/node_modules/.installed: tests/js/package.json tests/js/package-lock.json
	cd tests/js && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

# Browser tests drive Debian's Chromium (browsers cannot be downloaded by Playwright here).
# WeasyPrint (PDF files) needs Pango; the browser tests read PDF pages with poppler's pdftotext.
browser:
	@{ command -v chromium && command -v pdftotext && ldconfig -p | grep -q libpangoft2-1.0; } \
	  >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium, CJK/Arabic fonts, Pango and poppler (needs root)"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	    chromium fonts-noto-cjk fonts-noto-core libpango-1.0-0 libpangoft2-1.0-0 \
	    poppler-utils >/dev/null; }

run: $(VENV)/.installed catalogs
	$(FLASK) db upgrade
	$(FLASK) planner import --publish planner/data/wg4-2018.yaml
	SESSION_COOKIE_SECURE=0 $(FLASK) run --host 127.0.0.1 --port $(PORT)

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
CATALOGS     := $(patsubst %.po,%.mo,$(wildcard $(TRANSLATIONS)/*/LC_MESSAGES/messages.po))
# The keywords besides gettext's own (_, gettext, ngettext, ...); tests/test_translations.py uses the same.
EXTRACT      := -k _l -k lazy_gettext -k lazy_ngettext:1,2 --add-comments=TRANSLATORS: \
                --project=planner --no-wrap

catalogs: $(CATALOGS)

$(TRANSLATIONS)/%/LC_MESSAGES/messages.mo: $(TRANSLATIONS)/%/LC_MESSAGES/messages.po | $(VENV)/.installed
	$(BIN)/pybabel compile --statistics -l $* -i $< -o $@

messages: $(VENV)/.installed
	$(BIN)/pybabel extract -F babel.cfg $(EXTRACT) -o $(TRANSLATIONS)/messages.pot .
	$(BIN)/pybabel update --no-wrap --ignore-obsolete -i $(TRANSLATIONS)/messages.pot -d $(TRANSLATIONS)

bench: $(VENV)/.installed
	$(BIN)/python -m benchmarks.feeds

clean:
	rm -rf $(VENV) tests/js/node_modules instance .pytest_cache .mypy_cache .ruff_cache
