# Reintegra — developer commands. `make run` and `make test` are all a newcomer needs.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Every dependency (run time, test, postgres, demo, build) at one version with its hashes, for every
# platform: `make lock` writes it, `make venv` installs only from it.
LOCK := requirements/lock.txt
LOCK_VENV := .venv-lock
UV_VERSION := 0.13.9
# The compiled catalogs are not kept in git: make writes them from the .po files.
CATALOGS := $(patsubst %.po,%.mo,$(wildcard translations/*/LC_MESSAGES/messages.po))
export QT_QPA_PLATFORM ?= offscreen
# Extra pytest options, e.g. make test PYTEST_ARGS="tests/ui -x"
PYTEST_ARGS ?=
# The tests run in a random order (pytest-randomly); the seed stands in the command make prints
# (pytest -q hides its header), and make test TEST_SEED=N repeats that order.
ifndef TEST_SEED
TEST_SEED := $(shell od -An -N4 -tu4 /dev/urandom | tr -d ' ')
endif
# pytest exits 5 when it collected no test (a renamed folder, a -k matching nothing): never a pass.
PYTEST = $(BIN)/python -m pytest -q --randomly-seed=$(TEST_SEED) $(PYTEST_ARGS)
NO_TESTS = { status=$$?; test $$status -ne 5 || echo "pytest found no test to run." >&2; exit $$status; }

.PHONY: system-packages run test test-postgres migration stored-database venv lock bundle translations extract update-catalogs compile-catalogs bench demo clean

run: $(STAMP) $(CATALOGS) | system-packages
	QT_QPA_PLATFORM= $(BIN)/reintegra

test: $(STAMP) $(CATALOGS) | system-packages
	$(PYTEST) || $(NO_TESTS)

# The database, service and command-line tests on a PostgreSQL server, e.g.
# make test-postgres REINTEGRA_TEST_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:54329/reintegra_test
test-postgres: $(STAMP) $(CATALOGS)
	@test -n "$(REINTEGRA_TEST_DATABASE_URL)" || { echo "Set REINTEGRA_TEST_DATABASE_URL to a PostgreSQL URL."; exit 2; }
	REINTEGRA_TEST_DATABASE_URL="$(REINTEGRA_TEST_DATABASE_URL)" $(PYTEST) tests/db tests/services tests/demo tests/cli tests/reports || $(NO_TESTS)

venv: $(STAMP)

# A new lock gives a new venv from scratch, so nothing outside the lock stays installed.
# What a fresh Debian/Ubuntu machine lacks (python3-venv, Qt's libraries), installed or named.
system-packages:
	@tools/system-packages.sh

$(STAMP): $(LOCK) pyproject.toml setup.py | system-packages
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes -r $(LOCK)
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	$(BIN)/python -m pip check
	touch $(STAMP)

# Refresh the lock after a change to the dependencies in pyproject.toml; versions still allowed stay.
# Upgrade one package: make lock UPGRADE="--upgrade-package babel"; everything: make lock UPGRADE=--upgrade
# An unchanged lock keeps its date, so that the venv is not rebuilt for nothing.
lock:
	$(LOCK_VENV)/bin/uv --version 2>/dev/null | grep -q " $(UV_VERSION) " || { $(PYTHON) -m venv $(LOCK_VENV) \
	    && $(LOCK_VENV)/bin/python -m pip install --quiet uv==$(UV_VERSION); }
	cp $(LOCK) $(LOCK).new  # uv keeps the versions it finds in its output file
	$(LOCK_VENV)/bin/uv pip compile --quiet pyproject.toml requirements/build.in \
	    --extra test --extra postgres --extra demo --universal --python-version 3.11 \
	    --generate-hashes --custom-compile-command "make lock" $(UPGRADE) --output-file $(LOCK).new \
	    || { rm -f $(LOCK).new; exit 1; }
	if cmp -s $(LOCK).new $(LOCK); then rm $(LOCK).new; echo "$(LOCK) unchanged"; else mv $(LOCK).new $(LOCK); fi

translations/%/LC_MESSAGES/messages.mo: translations/%/LC_MESSAGES/messages.po | $(STAMP)
	$(BIN)/pybabel compile --input-file=$< --output-file=$@ --locale=$* --statistics

# Translations: extract → update → compile (pybabel). `make translations` does all three.
translations: extract update-catalogs compile-catalogs

extract: $(STAMP)
	$(BIN)/pybabel extract --mapping-file=translations/babel.cfg --no-location --sort-output \
	    --project=Reintegra --copyright-holder="Reintegra" \
	    --keywords=N_ --keywords=ngettext:1,2 --keywords=pgettext:1c,2 --keywords=NP_:1c,2 --output-file=translations/messages.pot reintegra

update-catalogs: $(STAMP)
	$(BIN)/pybabel update --input-file=translations/messages.pot --output-dir=translations \
	    --domain=messages --no-fuzzy-matching --ignore-obsolete

compile-catalogs: $(STAMP)
	$(BIN)/pybabel compile --directory=translations --domain=messages --statistics

# A new Alembic migration from the difference between models.py and the migrations:
# make migration MESSAGE="add staff accounts" writes versions/NNNN_add_staff_accounts.py (the next
# number) and names what in it would fail on a filled database (see README, For developers).
migration: $(STAMP)
	$(BIN)/python -c 'import sys; from reintegra.db.schema import new_revision; new_revision(sys.argv[1])' "$(MESSAGE)"

# At a release: the stored filled databases of the newest revision for the upgrade tests
# (tests/db/stored/NNNN-wtz.db and NNNN-cis.db); commit them.
stored-database: $(STAMP)
	$(BIN)/python tests/stored_databases.py

# The one-folder bundle for this machine (Linux or Windows): dist/reintegra/, started as
# dist/reintegra/reintegra; packaging/smoke-test.sh runs it without Python, as CI does.
# PyInstaller reads the libraries it bundles with objdump (Debian's binutils).
bundle: $(STAMP) $(CATALOGS)
	@command -v objdump >/dev/null || { echo "PyInstaller needs objdump: sudo apt-get install binutils"; exit 1; }
	$(BIN)/pyinstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build/bundle packaging/reintegra.spec

bench: $(STAMP) $(CATALOGS)
	$(BIN)/python benchmarks/run.py

demo: $(STAMP) $(CATALOGS)
	$(BIN)/reintegra demo

clean:
	rm -rf $(VENV) $(LOCK_VENV) build dist *.egg-info .pytest_cache $(CATALOGS)
