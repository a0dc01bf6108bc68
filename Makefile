# The coalition hub: `make demo` serves it, `make test` proves it.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml requirements.lock | sha1sum | cut -c1-12)

.PHONY: demo test lint bench install translations messages clean-data

$(STAMP): pyproject.toml requirements.lock
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -c requirements.lock -e ".[dev]"
	@rm -f $(VENV)/.installed-* && touch $(STAMP)

install: $(STAMP) translations

translations: $(STAMP)
	$(PY) -m hub.i18n_compile

# Developers: refresh the catalogue after changing user-facing text (needs GNU gettext);
# tests/hub/test_i18n.py fails until every new message has its Indonesian translation.
messages: $(STAMP)
	$(PY) manage.py makemessages -l id --no-location -i ".venv/*" -i "bench/*" -i "tests/*"

demo: install
	$(PY) manage.py rundemo --host $(HOST) --port $(PORT)

test: install
	@$(PY) -m pytest; code=$$?; \
	if [ $$code -eq 5 ]; then echo "pytest collected no tests: failing on purpose"; exit 1; fi; \
	exit $$code

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

bench: install
	$(PY) bench/provision.py
	$(PY) bench/search.py
	$(PY) bench/dossier.py
	$(PY) bench/submit_profile.py
	$(PY) bench/intake.py

clean-data:
	rm -rf .data
