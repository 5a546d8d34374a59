#!/usr/bin/env bash
# Puts schemathesis (the OpenAPI contract tester, PyPI) into a git-ignored virtualenv,
# .venv-schemathesis/ (override: SCHEMATHESIS_VENV). Idempotent: a second run is a no-op
# (a version stamp in the venv). Needs python3 ≥ 3.9 with the venv module; the wheels come from PyPI.
# Prints nothing on stdout; the `st` executable is "$VENV/bin/st".
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
VERSION="4.32.5"
VENV="${SCHEMATHESIS_VENV:-$ROOT/.venv-schemathesis}"
STAMP="$VENV/.schemathesis-$VERSION"
log() { printf '[provision] %s\n' "$*" >&2; }

if [ -x "$VENV/bin/st" ] && [ -f "$STAMP" ]; then log "schemathesis $VERSION: cached"; exit 0; fi
PY="${PYTHON:-$(command -v python3 || true)}"
if [ -z "$PY" ]; then log "schemathesis: python3 is required (apt-get install python3 python3-venv)"; exit 1; fi
log "schemathesis $VERSION: installing from PyPI into $VENV"
start=$SECONDS
rm -rf "$VENV"
"$PY" -m venv "$VENV"
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip >&2
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check "schemathesis==$VERSION" >&2
touch "$STAMP"
log "schemathesis: installed in $((SECONDS - start)) s ($("$VENV/bin/st" --version))"
