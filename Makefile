# Set-up and main jobs; every target creates the local virtual environment it needs.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
export GAZETTEER_HOME ?= $(CURDIR)/var
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: demo test check install bench clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test,bench,accurate]'
	touch $@

install: $(VENV)/.installed

demo: $(VENV)/.installed
	$(VENV)/bin/gazetteer demo --host $(HOST) --port $(PORT)

check: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

test: check
	bash scripts/install_chromium.sh
	bash scripts/postgres.sh $(PY) -m pytest -q

bench: $(VENV)/.installed
	$(PY) bench/cold_start.py
	$(PY) bench/lookup.py --index $(GAZETTEER_HOME)/gazetteer.sqlite
	$(PY) bench/geoparse_throughput.py
	$(PY) bench/map_build.py
	$(PY) bench/service_load.py
	$(PY) bench/batch_scaling.py

clean:
	rm -rf $(VENV) var artifacts
