#!/usr/bin/env bash
# Prints "VERSION PATH" per interpreter of the matrix (see interpreters.py).
exec python3 "$(dirname "$0")/interpreters.py" "$@"
