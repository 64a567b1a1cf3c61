# minirepro — two commands do everything: `make repro` and `make test`.
# Each builds its own .venv (pinned by constraints.txt) on first use.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SCALE ?= auto
JOBS ?= 2
OUT ?= runs/latest
SEEDS ?= 0,1,2

.PHONY: repro test docs export clean-nbs setup clean help robust browser
help:
	@echo "make repro   run every paper notebook (--scale $(SCALE)), write the report, print the claims table"
	@echo "make test    unit tests, smoke runs of every paper notebook, convention checks"
	@echo "make robust run the smoke notebooks under seeds $(SEEDS) and both CPU kernel settings; report verdict flips"
	@echo "make docs    build the docs site (Quarto if installed, else the offline site in _site/; RUN=runs/latest shows a run's notebooks)"

setup: $(STAMP)

# A GPU machine that already has a CUDA torch keeps it (system site packages); a CPU machine gets the pinned CPU wheel.
$(STAMP): settings.ini setup.py constraints.txt
	@start=$$(date +%s); \
	if [ ! -x $(BIN)/python ]; then \
	  if $(PYTHON) -c "import torch,sys; sys.exit(0 if torch.cuda.is_available() else 1)" 2>/dev/null; then \
	    echo "CUDA torch found: the venv reuses it"; $(PYTHON) -m venv --system-site-packages $(VENV); \
	  else $(PYTHON) -m venv $(VENV); fi; \
	fi && \
	$(BIN)/python -m pip install -q --upgrade pip && \
	if $(BIN)/python -c "import torch,sys; sys.exit(0 if torch.cuda.is_available() else 1)" 2>/dev/null; then \
	  grep -v '^torch==' constraints.txt > $(VENV)/constraints.txt; \
	else cp constraints.txt $(VENV)/constraints.txt; fi && \
	$(BIN)/python -m pip install -q -c $(VENV)/constraints.txt -e ".[dev]" && \
	touch $(STAMP) && echo "set-up done in $$(( $$(date +%s) - start )) s"

repro: $(STAMP)
	$(BIN)/minirepro run --scale $(SCALE) --jobs $(JOBS) --out $(OUT)

robust: $(STAMP)
	$(BIN)/minirepro-robust --seeds $(SEEDS) --kernels avx2,native --scale smoke --jobs $(JOBS) $(if $(THREADS),--threads $(THREADS)) --out runs/robust $(PAPERS)

# Debian's chromium for the site's browser test, and npm for the site's KaTeX (fetched from the npm registry at build
# time). Installed the same way on every machine; where it cannot be installed the browser test says so and skips.
browser:
	@for pkg in chromium:chromium npm:npm; do cmd=$${pkg%%:*}; deb=$${pkg##*:}; \
	  command -v $$cmd >/dev/null 2>&1 && continue; \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "installing Debian's $$deb"; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$deb >/dev/null) \
	      || echo "could not install $$deb: the browser test will skip"; \
	  else echo "$$cmd not found and apt-get unavailable: the browser test will skip"; fi; \
	done

test: $(STAMP) browser
	$(BIN)/python -m pytest tests

docs: $(STAMP)
	@if command -v quarto >/dev/null 2>&1; then \
	  PATH=$(abspath $(BIN)):$$PATH $(BIN)/nbdev_docs; \
	else \
	  echo "Quarto not on PATH: building the offline site into _site/ (nbconvert + pdoc + KaTeX served locally)"; \
	  $(BIN)/python -m minirepro.core.site _site $(if $(RUN),--notebooks $(RUN)); \
	fi

export: $(STAMP)
	$(BIN)/nbdev_export && $(BIN)/nbdev_clean

clean:
	rm -rf $(VENV) _proc _docs _site
