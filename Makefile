# Storybook: `make run` starts the app, `make test` runs the whole suite headless.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
APP_STAMP := $(VENV)/.stamp-app
DEV_STAMP := $(VENV)/.stamp-dev

.PHONY: run test setup setup-dev sysdeps sysdeps-test model lint bench screenshots clean

run: setup
	$(PY) -m storybook

test: setup-dev sysdeps-test
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q

setup: sysdeps $(APP_STAMP) model
setup-dev: $(DEV_STAMP) model

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip

$(APP_STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install -q -e .
	touch $@

$(DEV_STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install -q -e '.[dev]'
	touch $@ $(APP_STAMP)

model: | $(PY)
	@bash .ci/install-model.sh $(PY)

sysdeps:
	@bash .ci/sysdeps.sh run

sysdeps-test:
	@bash .ci/sysdeps.sh test

lint: setup-dev
	$(VENV)/bin/ruff check storybook tests

bench: setup-dev
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -m benchmark tests/benchmarks -s

# Kill loops, disk full and fuzzing at full count; each prints a "[stress]" line (rounds, failures, lost).
.PHONY: stress
stress: setup-dev
	STORYBOOK_STRESS=full QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -s tests/stress

# Under Xvfb when there is no display (xvfb-run comes with Debian's xvfb package).
screenshots: setup
	@if [ -z "$${DISPLAY:-}" ] && command -v xvfb-run >/dev/null 2>&1; then \
	  xvfb-run -a -s "-screen 0 1400x900x24" env QT_QPA_PLATFORM=xcb $(PY) -m storybook.gui.screenshots --dark resources/screenshots; \
	else \
	  $(PY) -m storybook.gui.screenshots --dark resources/screenshots; \
	fi

clean:
	rm -rf $(VENV) .pytest_cache

# Put Storybook in the application menu (.desktop file, icons, AppStream metainfo under $XDG_DATA_HOME).
.PHONY: install-desktop uninstall-desktop
install-desktop: setup
	$(VENV)/bin/storybook install-desktop

uninstall-desktop:
	$(VENV)/bin/storybook uninstall-desktop
