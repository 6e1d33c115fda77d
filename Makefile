# Reintegra — developer commands. `make run` and `make test` are all a newcomer needs.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export QT_QPA_PLATFORM ?= offscreen

.PHONY: run test test-postgres migration stored-database venv translations extract update-catalogs compile-catalogs bench demo clean

run: $(STAMP)
	QT_QPA_PLATFORM= $(BIN)/reintegra

test: $(STAMP)
	$(BIN)/python -m pytest -q

# The database, service and command-line tests on a PostgreSQL server, e.g.
# make test-postgres REINTEGRA_TEST_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:54329/reintegra_test
test-postgres: $(STAMP)
	@test -n "$(REINTEGRA_TEST_DATABASE_URL)" || { echo "Set REINTEGRA_TEST_DATABASE_URL to a PostgreSQL URL."; exit 2; }
	REINTEGRA_TEST_DATABASE_URL="$(REINTEGRA_TEST_DATABASE_URL)" $(BIN)/python -m pytest -q tests/db tests/services tests/cli tests/reports

venv: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,postgres,demo]'
	touch $(STAMP)

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

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

demo: $(STAMP)
	$(BIN)/reintegra demo

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
