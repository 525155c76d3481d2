# Quick start: `make demo` builds the example article's timeline; `make test` runs every test.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: demo test fuzz bench accuracy clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test,dask]'
	touch $(STAMP)

demo: $(STAMP)
	$(VENV)/bin/timeline seeds/penn_interview.txt --published 2016-01-15 --html timeline.html

test: $(STAMP)
	$(PY) -m pytest -q

clean:
	rm -rf $(VENV) timeline.html .pytest_cache .hypothesis
