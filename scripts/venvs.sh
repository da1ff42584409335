#!/usr/bin/env bash
# Creates/reuses the cached test venvs and the tools venv (see venvs.py).
exec python3 "$(dirname "$0")/venvs.py" "$@"
