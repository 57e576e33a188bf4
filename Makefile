# Two commands set everything up on a fresh machine with Python 3.11+:
#   make run    install into .venv and launch diplo-reader on the bundled articles
#   make test   install into .venv (with test tools) and run the tests
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin

.PHONY: run test check lint bench bench-smoke eval clean

$(BIN)/python:
	$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11+ needed"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# `make run` installs only what the program needs; the test and lint tools come
# with the first target that needs them.
$(VENV)/.installed-run: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@ $(VENV)/.installed-run

run: $(VENV)/.installed-run
	$(BIN)/diplo-reader

test: $(VENV)/.installed
	$(BIN)/python -m pytest -q

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy index reader

check: lint test

# The benchmark also measures tantivy (the `bench` extra) in the same run.
$(VENV)/.bench-installed: pyproject.toml $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	touch $@

bench: $(VENV)/.bench-installed
	$(BIN)/python -m bench.run $(BENCH_ARGS)

bench-smoke: $(VENV)/.bench-installed
	$(BIN)/python -m bench.run --sizes 100 --smoke

eval: $(VENV)/.installed
	$(BIN)/python -m index.extract.evaluate
	$(BIN)/python -m bench.text_kept

clean:
	rm -rf $(VENV) build dist *.egg-info
