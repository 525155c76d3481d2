# Quick start: `make demo` builds the example article's timeline; `make test` runs the linter
# (ruff, configured in pyproject.toml) and every test.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: demo test fuzz bench accuracy clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	# the distribution was called "timeline" before (a name PyPI gives to an unrelated package)
	$(PY) -m pip uninstall --quiet --yes timeline 2>/dev/null || true
	$(PY) -m pip install --quiet -e '.[test,dask,html]'
	touch $(STAMP)

demo: $(STAMP)
	$(VENV)/bin/timeline seeds/penn_interview.txt --published 2016-01-15 --html timeline.html

test: $(STAMP)
	$(VENV)/bin/ruff check .
	$(PY) -m pytest -q

# Long property-based fuzzing of build() and the resolver (about 50x the examples of `make test`),
# then the hostile-input tests. Failing examples are saved in .hypothesis/ and replayed first.
fuzz: $(STAMP)
	HYPOTHESIS_PROFILE=fuzz $(PY) -m pytest -q tests/test_fuzz.py tests/test_hostile.py

# Speed and accuracy figures (need ../shared/corpora beside the repository).
bench: $(STAMP)
	$(PY) benchmarks/speed.py
	$(PY) benchmarks/scale.py

accuracy: $(STAMP)
	$(PY) benchmarks/accuracy.py --write

clean:
	rm -rf $(VENV) timeline.html .pytest_cache .hypothesis
