# Two commands: `make run` starts the dashboard on the shipped data, `make test` runs the whole suite.
# Both set themselves up from nothing: a virtual environment with the pinned requirements, and for the
# browser tests Chromium, CJK fonts and HAProxy (the two-process load test) from apt when they are missing.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8501

.PHONY: run test test-fast browser-deps demo clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.runtime: requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $(VENV)/.runtime $@

run: $(VENV)/.runtime
	$(BIN)/python -m streamlit run serve.py --server.port $(PORT)

browser-deps:
	@if [ -x /usr/bin/chromium ] && fc-list 2>/dev/null | grep -q "Noto Sans CJK" && command -v haproxy >/dev/null; then :; \
	elif command -v apt-get >/dev/null; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk haproxy >/dev/null; \
	else echo "browser tests need chromium, fonts-noto-cjk and haproxy; install them with your package manager" >&2; exit 1; fi

# One worker per core (pytest-xdist), a test file to a worker: a file's fixtures (a server, a browser, a
# generated snapshot) are built once, and the suite takes what one core's share of it does.
test: $(VENV)/.dev browser-deps
	$(BIN)/python -m pytest -n auto --dist loadfile

test-fast: $(VENV)/.dev
	$(BIN)/python -m pytest -m "not browser" -n auto --dist loadfile

demo: $(VENV)/.runtime
	$(BIN)/python -m chuangcheng demo
	$(BIN)/python -m chuangcheng reported

clean:
	rm -rf $(VENV) .pytest_cache
