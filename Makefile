# newsstream — every target creates .venv itself; see README.md.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DEVSTAMP := $(VENV)/.installed-dev
# pyproject's ext-modules: the install compiles them, so an edit to one installs again
COMPILED := $(shell sed -n 's/.*sources = \["\([^"]*\)"\].*/\1/p' pyproject.toml)

.PHONY: install dev run demo test test-unit test-deps lint broker bench soak clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(STAMP): pyproject.toml $(COMPILED) | $(BIN)/python
	$(BIN)/pip install -q -e .
	touch $@

$(DEVSTAMP): pyproject.toml $(COMPILED) | $(BIN)/python
	$(BIN)/pip install -q -e '.[dev,rocksdb]'
	touch $@ $(STAMP)

install: $(STAMP)           ## .venv with the project and its `newsstream` command

dev: $(DEVSTAMP)

run: install                ## embedded Kafka + worker + pollers (config/feeds.yaml) + web; Ctrl-C stops all
	$(BIN)/newsstream run

demo: install               ## the same, offline, with shipped sample feeds served on loopback
	$(BIN)/newsstream demo

broker: install
	$(BIN)/newsstream broker

# Integration tests start one embedded broker per session; docker-compose validates the deploy file.
test: dev test-deps lint
	$(BIN)/python -m pytest -q

test-unit: dev
	$(BIN)/python -m pytest -q -m "not integration"

lint: dev                  ## ruff (pyflakes, pycodestyle, bugbear) over the package, tests and benchmarks
	$(BIN)/ruff check streams tests bench

test-deps:
	@command -v docker-compose >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then (apt-get update -qq && apt-get install -y -qq docker-compose >/dev/null) \
	    || echo "warning: could not install docker-compose"; \
	  else echo "note: install Debian's docker-compose to run the deploy test"; fi; }
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then (apt-get update -qq && apt-get install -y -qq chromium >/dev/null) \
	    || echo "warning: could not install chromium: the dashboard test will be skipped"; \
	  else echo "note: install Debian's chromium to run the dashboard test"; fi; }

# Longer fault checks, reported in notes: fuzzing with many more examples, kill -9 mid-replay.
soak: dev test-deps
	FUZZ_EXAMPLES=3000 $(BIN)/python -m pytest -q -s tests/test_fuzz_path.py
	NEWSSTREAM_SOAK=1 $(BIN)/python -m pytest -q -s tests/integration/test_crash.py tests/integration/test_poison.py tests/soak

bench: dev
	$(BIN)/python bench/pipeline.py

clean:
	rm -rf $(VENV) data .pytest_cache build
	find streams \( -name '*.so' -o -name '*.c' \) -delete
