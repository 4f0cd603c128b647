# Two commands set everything up on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test bench lint clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

# The bundled cables: invented for the tests, in every format cablekit reads (their golden records left out).
DEMO_CABLES := $(sort $(filter-out %.json %.md,$(wildcard tests/data/cables/*)))

demo: $(STAMP)
	mkdir -p demo-out
	$(BIN)/cablekit parse $(DEMO_CABLES) --format jsonl --no-text -o demo-out/cables.jsonl
	$(BIN)/python -c "import json; [print(r['reference_id'].ljust(14), (r['date'] or '')[:10], r['classification'].ljust(12), str(len(r['paragraphs'])).rjust(3), 'par.', (r['subject'] or '')[:60]) for r in map(json.loads, open('demo-out/cables.jsonl'))]"
	$(BIN)/cablekit parse tests/data/cables/09MOSCOW2771.html --no-text | $(BIN)/python -m json.tool

test: $(STAMP)
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python benchmarks/parse.py

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks

clean:
	rm -rf $(VENV) demo-out
