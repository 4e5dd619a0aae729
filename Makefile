# Two commands on a fresh machine: `make run` (the whole product locally) and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat requirements.txt requirements-dev.txt | cksum | cut -d' ' -f1)

.PHONY: venv run test lint browser token bench clean synth fuzz train-review client client-ts

$(STAMP): requirements.txt requirements-dev.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) >&2
	@$(BIN)/pip install -q --disable-pip-version-check -r requirements-dev.txt >&2
	@rm -f $(VENV)/.installed-* && touch $(STAMP)

venv: $(STAMP)

run: venv
	$(if $(ACCESS_LOGS),RCS_ACCESS_LOGS=1) $(BIN)/python -m infra.local

# The browser tests (tests/e2e/test_console.py) drive Debian's Chromium through Playwright; no
# browser is downloaded at test time.
CHROMIUM := /usr/bin/chromium
browser:
	@test -x $(CHROMIUM) || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; } >&2

lint: venv
	$(BIN)/ruff check .
	$(BIN)/mypy

# The tests that start a local stack (`-m stack`: its servers and workers are processes of their own)
# run one at a time after the rest, which runs on every core (pytest-xdist, at most 4 workers).
test: lint browser
	$(BIN)/pytest -n auto --maxprocesses 4 -m "not stack"
	$(BIN)/pytest -m stack

# Schemathesis against the local stack with many examples per operation (`make test` runs a few);
# EXAMPLES=… sets how many, SEED=… replays a run.
EXAMPLES ?= 200
fuzz: venv
	RCS_FUZZ_EXAMPLES=$(EXAMPLES) $(if $(SEED),RCS_FUZZ_SEED=$(SEED)) $(BIN)/pytest tests/fuzz -o timeout=3600

# TypeScript types of the API (clients/typescript/schema.d.ts) from chalicelib/openapi.yaml, by the
# openapi-typescript that clients/typescript/package-lock.json pins (npm ci: from the registry, once).
TS_CLIENT := clients/typescript
$(TS_CLIENT)/node_modules/.installed: $(TS_CLIENT)/package.json $(TS_CLIENT)/package-lock.json
	cd $(TS_CLIENT) && npm ci --no-audit --no-fund --loglevel=error >&2 && touch node_modules/.installed
client-ts: $(TS_CLIENT)/node_modules/.installed
	cd $(TS_CLIENT) && npx --no-install openapi-typescript ../../chalicelib/openapi.yaml --output schema.d.ts

token: venv
	@$(BIN)/python -m infra.local.token $(ACCOUNT) $(if $(ADMIN),--admin)

# The CDK stack of one stage into infra/cdk.out (no AWS account needed; docs/deploy.md).
STAGE ?= dev
synth: venv
	$(BIN)/python -m infra --stage $(STAGE)

bench: venv
	$(BIN)/python -m bench

# The Python SDK (clients/python/rcs_client) regenerated from chalicelib/openapi.yaml with the pinned
# openapi-python-client; the `rcs` CLI beside it is hand-written. tests/unit/test_python_client_drift.py
# fails when the committed SDK is not what this makes.
client: venv
	$(BIN)/python -m tools.generate_client

# The review's learned signal, retrained from the corpus's train split (docs/review-policy.md).
train-review: venv
	$(BIN)/python -m tools.train_review

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
