# fc: two commands for a fresh clone.
#   make app    set up what is missing, then serve the Gradio app on the embedded model
#   make test   set up what is missing, then run the test suite
# Everything else here is optional.

PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
PIP    := $(VENV)/bin/pip
BFCL_EVAL_VERSION := 2026.3.23
# The setup stamp records the requirements it was made from: edit requirements.txt and
# the next `make` reinstalls; otherwise setup is a no-op.
STAMP  := $(VENV)/.fc-setup-$(shell cksum requirements.txt | cut -d' ' -f1)

.PHONY: setup model browser app test test-fast finetune finetune-quick results data bench clean

setup: $(STAMP)

$(STAMP): requirements.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "fc needs Python 3.11 or newer")'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -r requirements.txt
	# BFCL's held-out data only: its own pins are heavy and its code is never imported.
	$(PIP) install --quiet --no-deps bfcl-eval==$(BFCL_EVAL_VERSION)
	rm -f $(VENV)/.fc-setup-*
	touch $@

# Convert the embedded Gemma 3 270M GGUF once into a cached safetensors folder.
model: setup
	$(PY) -m fc.model prepare gemma-3-270m

# Debian's chromium for the browser test (skipped with a reason where it cannot be installed).
browser:
	@command -v chromium >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 && \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) || \
	  echo "chromium not installed: the browser test will be skipped"; }

app: model
	$(PY) app.py

test: model browser
	$(PY) -m pytest

test-fast: setup
	$(PY) -m pytest -m "not slow and not browser"

clean:
	rm -rf $(VENV) runs .pytest_cache .hypothesis
