# The two commands in the README: `make run` and `make test`. Both set up .venv on first use.
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
ARGS ?=

.PHONY: run test test-fast lint bench bench-pymc bench-cli bench-size clean package package-check

run: $(STAMP)
	$(VENV)/bin/beliefwatch $(ARGS)

test: $(STAMP)
	QT_QPA_PLATFORM=offscreen MPLBACKEND=Agg $(PY) -m pytest $(PYTEST_ARGS)

# The headless, in-process part of the suite in under a minute: no PyMC, no subprocess, no
# window (tests/conftest.py, --fast). `make test` remains the whole suite.
test-fast: $(STAMP)
	QT_QPA_PLATFORM=offscreen MPLBACKEND=Agg $(PY) -m pytest --fast -q $(PYTEST_ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check beliefwatch tests scripts
	$(VENV)/bin/ruff format --check beliefwatch tests scripts
	$(VENV)/bin/lint-imports

bench: $(STAMP)
	$(PY) scripts/bench_exact.py

bench-pymc: $(STAMP)
	$(PY) scripts/bench_pymc.py

# Each command from a new process on the example, medians of 3, beside --engine exact (issue 17).
bench-cli: $(STAMP)
	$(PY) scripts/bench_cli.py

# 200 hypotheses x 5,000 items with 10% ranges: time and peak memory of validate, update and
# analyze, each in a new process (issue 19: within 2 GB, loading <= 3 s).
bench-size: $(STAMP)
	$(PY) scripts/bench_size.py

$(STAMP): pyproject.toml scripts/bootstrap.sh
	sh scripts/bootstrap.sh $(VENV)
	touch $@

# The desktop bundle dist/BeliefWatch/ (PyInstaller onedir, several minutes; not part of
# `make test`). Builds in its own venv, build/pkg-venv: .venv is not touched.
package:
	sh packaging/build.sh

# Runs the bundle with no compiler, an empty HOME and no network; prints the measured figures.
package-check:
	sh packaging/check.sh

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
