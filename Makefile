# Two commands set everything up on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo serve test bench bench-scale lint clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

# The bundled cables: invented for the tests, in every format cablekit reads (their golden records left out).
DEMO_CABLES := $(sort $(filter-out %.json %.md,$(wildcard tests/data/cables/*)))

demo: $(STAMP)
	mkdir -p demo-out
	rm -f demo-out/cables.db
	$(BIN)/cablekit ingest $(DEMO_CABLES) --db demo-out/cables.db
	$(BIN)/cablekit search 'police OR border*' --db demo-out/cables.db --facets
	$(BIN)/cablekit search --db demo-out/cables.db --tag PREL --classification SECRET
	$(BIN)/cablekit show 09MOSCOW2771 --db demo-out/cables.db
	@echo "Read it in a browser: make serve (http://127.0.0.1:8000/)"

serve: $(STAMP)
	test -f demo-out/cables.db || $(MAKE) demo
	$(BIN)/cablekit serve --db demo-out/cables.db

test: $(STAMP)
	tools/install_chromium.sh
	$(BIN)/ruff check src tests benchmarks tools
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python benchmarks/parse.py
	$(BIN)/python benchmarks/ingest.py
	$(BIN)/python benchmarks/serve.py

# Synthetic corpora of 10k and 100k cables (add 250000 with SIZES=10000,100000,250000): about 10 minutes on 2 cores.
SIZES ?= 10000,100000
bench-scale: $(STAMP)
	$(BIN)/python benchmarks/scale.py --sizes $(SIZES)

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks

clean:
	rm -rf $(VENV) demo-out
