# The two commands: `make run` serves the site with its seed record; `make test` checks everything.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000
STAMP := $(VENV)/.installed

.PHONY: run serve test lint format migrate seed clean load coverage lock audit fuzz catalogs messages

# The exact versions in requirements.lock (hashes checked), then the project itself.
$(STAMP): pyproject.toml requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --require-hashes -r requirements.lock
	$(PY) -m pip install --quiet --no-deps -e .
	touch $(STAMP)

# After changing the dependencies in pyproject.toml: pin them again, with their hashes.
lock: $(STAMP)
	$(PY) -m pip install --quiet pip-tools
	$(VENV)/bin/pip-compile --quiet --extra dev --strip-extras --generate-hashes \
		--no-emit-index-url --no-emit-find-links --output-file requirements.lock pyproject.toml

# Known vulnerabilities in the locked dependencies (pip-audit; fails on any found).
audit: $(STAMP)
	$(PY) .ci/audit.py

# Test-only tools (HTML checker, axe-core); without npm the browser and HTML tests are skipped.
node_modules/.installed: package.json package-lock.json
	@if command -v npm >/dev/null; then \
		npm ci --no-fund --no-audit --ignore-scripts --loglevel=error && touch $@; \
	else echo "npm not found: the browser and HTML tests will be skipped"; fi

# The translation catalogs (locale/ja/LC_MESSAGES/django.po) compiled to .mo, in pure Python
# (Babel): no GNU gettext needed. The .mo files are built, never committed.
catalogs: $(STAMP)
	$(PY) manage.py compilecatalogs

# After changing UI strings: gather them into the catalogs (needs GNU gettext's xgettext), then
# translate every new entry (tests/test_languages.py fails on an untranslated or fuzzy one).
messages: $(STAMP)
	$(PY) manage.py makemessages -l ja --no-obsolete --ignore=.venv --ignore=node_modules \
		--ignore=staticfiles --ignore=build

migrate: $(STAMP) catalogs
	$(PY) manage.py migrate --noinput

seed: migrate
	$(PY) manage.py load_record

run: seed
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

# Production: settings from the environment (DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS, DATABASE_URL...).
serve: export DJANGO_SETTINGS_MODULE = anmc21.settings.production
serve: $(STAMP)
	$(PY) manage.py compilecatalogs
	$(PY) manage.py migrate --noinput
	$(PY) manage.py collectstatic --noinput --verbosity 0
	$(VENV)/bin/gunicorn anmc21.wsgi --config gunicorn.conf.py

# Bounded load test of the production server on loopback: public reads, staff saves and clients
# trickling uploads at once; prints throughput, latencies and errors (DATABASE_URL for PostgreSQL).
LOAD_ARGS ?= --seconds 30 --concurrency 8 --staff 2 --slow-uploads 8
load: $(STAMP)
	$(PY) benchmarks/load.py $(LOAD_ARGS)

# Time the admin import of 10,000-row files (cities, participations, contacts) on a fresh
# database; prints rows, seconds and queries per step. BENCH_ARGS="--format xlsx" for Excel.
# The staff guide's screenshots (docs/staff-guide/), taken by the review flow's browser test.
.PHONY: screenshots
screenshots: $(STAMP) node_modules/.installed
	STAFF_GUIDE_SCREENSHOTS=docs/staff-guide $(PY) -m pytest -n0 -q tests/test_staff_in_a_browser.py -k approves

# Lighthouse's four scores (performance, accessibility, best practices, SEO) for the home, a
# meeting, a declaration, a clause and a press release, in each language the site serves, in
# Debian's Chromium; fails below 100. About 15 s a page, so not part of `make test`.
.PHONY: lighthouse
lighthouse: $(STAMP) node_modules/.installed
	CHROME_PATH=$${CHROME_PATH:-/usr/bin/chromium} $(PY) benchmarks/lighthouse.py

# The PNG and ICO icons (static/root/), drawn from static/favicon.svg by Debian's Chromium.
.PHONY: icons
icons: $(STAMP)
	$(PY) .ci/icons.py

# The public site's screenshots in the README (docs/screenshots/): home, meeting 9 and the Tokyo
# Declaration at 1280 px, in each language the site serves, taken by tests/test_look.py and
# made smaller by pngquant (Debian's package) where installed.
.PHONY: site-screenshots
site-screenshots: $(STAMP) node_modules/.installed
	SITE_SCREENSHOTS=docs/screenshots $(PY) -m pytest -n0 -q -rs tests/test_look.py -k desktop_width
	@if command -v pngquant >/dev/null; then \
		pngquant --force --skip-if-larger --quality 70-90 --strip --ext .png docs/screenshots/*.png; \
	else echo "pngquant not found (apt-get install pngquant): screenshots left unoptimised"; fi

# Staff effort to enter a whole plenary through the admin (Playwright on Debian's Chromium):
# prints "plenary entered: S saves, P publish actions, L page loads, F fields filled".
.PHONY: bench-admin
bench-admin: $(STAMP)
	$(PY) benchmarks/enter_plenary.py

.PHONY: bench-import bench
bench-import: $(STAMP)
	$(PY) benchmarks/import_rows.py $(BENCH_ARGS)

# Every benchmark, each printing its figures (never part of `make test` or CI): concurrent
# SQLite saves and sign-ins, the 10,000-row imports, a 20-second load test, and the scale
# benchmark at 1x and 1000x on PostgreSQL (bench-scale).
bench: $(STAMP) bench-tools
	$(PY) benchmarks/sqlite_concurrency.py --threads 16 --saves 6
	$(PY) benchmarks/import_rows.py $(BENCH_ARGS)
	$(PY) benchmarks/load.py --seconds 20 --concurrency 8 --staff 2 --slow-uploads 8
	$(PY) benchmarks/enter_plenary.py
	$(PY) benchmarks/scale.py $(SCALE_ARGS)

# How the site holds up as the record grows (PostgreSQL and Redis on loopback; PGURL, REDIS_URL,
# BENCH_DATABASE, BENCH_REDIS_DB): throughput against /robots.txt, search latency, page sizes,
# downloads, two app servers, and a hot standby of its own (PostgreSQL's server binaries).
SCALE_ARGS ?= --factors 1 1000 --seconds 5
.PHONY: bench-scale bench-tools
bench-scale: $(STAMP) bench-tools
	$(PY) benchmarks/scale.py $(SCALE_ARGS)

# wrk, the HTTP load generator the scale benchmark drives (Debian's package).
bench-tools:
	@command -v wrk >/dev/null || { apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }

# Fuzz the API against its own OpenAPI document (schemathesis; FUZZ_SECONDS, default 60).
fuzz: $(STAMP)
	.ci/fuzz-api

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

format: $(STAMP)
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

test: lint catalogs node_modules/.installed
	DJANGO_SETTINGS_MODULE=anmc21.settings.test $(PY) manage.py makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=anmc21.settings.test $(PY) manage.py check
	$(PY) -m pytest $(PYTEST_ARGS)

# The suite with line coverage of the project's code (not the tests), as a table.
coverage: $(STAMP) catalogs node_modules/.installed
	$(PY) -m pytest --cov --cov-report=term:skip-covered $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .import_linter_cache .coverage
