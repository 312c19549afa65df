# newsgraph: `make run` sets up and analyses the bundled example; `make test` sets up and runs the tests.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
EXAMPLE := examples/000_a742a6c18eb4b43a.txt
DB      := out/newsgraph.db

.PHONY: setup test-deps run test lint bench eval clean

setup: $(STAMP)

# Reinstalls only when the project's requirements change; `pip install -e` keeps the sources live.
$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "newsgraph needs Python 3.11+"'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: setup
	@mkdir -p out
	$(BIN)/newsgraph analyze $(EXAMPLE) --published 2023-02-28 --format report -o out/$(notdir $(EXAMPLE:.txt=.json))
	@# Then the corpus: the examples into a database, and who said what across it. The database is made afresh so
	@# that it shows what this version of the code finds (ingest skips articles already stored).
	rm -f $(DB) $(DB)-wal $(DB)-shm
	$(BIN)/newsgraph ingest examples --db $(DB) --published 2023-02-28 --no-progress
	$(BIN)/newsgraph people --db $(DB)
	$(BIN)/newsgraph quotes --db $(DB)
	@echo "Next: $(BIN)/newsgraph serve --db $(DB)   then open http://127.0.0.1:8000/"

# What the tests need beyond the venv: Debian's Chromium, which tests/test_browser.py drives through Playwright for
# Python (Playwright's own browser download is never used; the machine may be offline), and GCC's OpenMP runtime
# libgomp1, which LightGBM (dev: bench/train_lines.py and its test) links against. Installed when missing,
# quietly, with sudo when not root.
CHROMIUM := /usr/bin/chromium
test-deps:
	@missing=""; [ -x $(CHROMIUM) ] || missing="chromium"; \
	  ldconfig -p 2>/dev/null | grep -q 'libgomp.so.1 ' || missing="$$missing libgomp1"; \
	  if [ -n "$$missing" ]; then \
	  echo "make: installing Debian's $$missing for the tests"; \
	  sudo=""; [ "$$(id -u)" -ne 0 ] && sudo="sudo"; \
	  $$sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null && \
	  $$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	fi

# The tests in tests/ and the examples in src/'s docstrings (pyproject's [tool.pytest.ini_options]).
test: setup test-deps
	$(BIN)/python -m pytest -q

lint: setup
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy

bench: setup
	$(BIN)/python bench/run.py

# The accuracy gate: the evaluators in ../shared/tools on the shared data sets, each figure against the floor pinned
# in bench/accuracy_gate.py (FLOORS); fails naming the figure, its value and its floor. About 2 minutes on 2 cores.
eval: setup
	$(BIN)/python bench/accuracy_gate.py

clean:
	rm -rf $(VENV) out build *.egg-info src/*.egg-info .pytest_cache .ruff_cache
