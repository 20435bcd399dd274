# Two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin

export QT_API := pyside6

.PHONY: run test test-pg lint translations bench dist clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed

## run: create the venv, install ShopDesk, check (on Debian/Ubuntu: install) the system libraries Qt needs and a
## CJK font (tools/check_runtime.py), seed a demo shop on first start, open the GUI
run: $(VENV)/.installed
	$(BIN)/python tools/check_runtime.py
	$(BIN)/shopdesk $(ARGS)

## test: lint, layer contracts, then the whole suite headless
test: $(VENV)/.installed-test lint
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest $(PYTEST_ARGS)

## test-pg: lint, the whole suite on SQLite and, side by side with it, the service, API, CLI, slow and migration
## suites on a throwaway PostgreSQL cluster (tools/pg_cluster.sh: initdb in a temp dir, a free port on 127.0.0.1,
## stopped whatever happens), and the bundle test (tests/dist) beside them; tools/both_passes.sh prints each log at the end
PG_SUITES ?= tests/unit tests/api tests/cli tests/slow tests/migrations
test-pg: $(VENV)/.installed-test lint
	tools/both_passes.sh $(BIN)/python "$(PG_SUITES)" $(PYTEST_ARGS)

$(VENV)/.installed-dist: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dist]'
	touch $@ $(VENV)/.installed

## dist: a one-folder app for people without Python, with its icons and translations (PyInstaller,
## packaging/shopdesk.spec; the same spec builds it on Windows) in dist/shopdesk/, then asks it its version. The X11
## plugin's system libraries are installed on the build machine first, so that the bundle carries them
dist: $(VENV)/.installed-dist
	$(BIN)/python tools/check_runtime.py --for-bundle
	$(BIN)/pyinstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build/pyinstaller \
		packaging/shopdesk.spec
	QT_QPA_PLATFORM=offscreen dist/shopdesk/shopdesk --lang zh_CN --version

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/lint-imports

## translations: refresh the zh_CN catalogue (the UI's strings, label tables and error templates) and compile it
translations: $(VENV)/.installed-test
	$(BIN)/python tools/update_translations.py
	$(BIN)/python tools/fill_translations.py

## bench: every benchmark in bench/ at its default size, then one table (measure, ShopDesk, raw, ratio, target);
## BENCH_ARGS="--quick" for small sizes, "--only delivery,startup", "--before REF" for a before column (bench/README.md)
bench: $(VENV)/.installed-test
	QT_QPA_PLATFORM=offscreen $(BIN)/python tools/bench_all.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis build dist
