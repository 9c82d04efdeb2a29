#!/usr/bin/env bash
# Print the first Python 3.12+ interpreter found (Django 6 needs 3.12). PATH first, then
# pyenv's installed versions (pyenv shims of unselected versions exist but do not run).
candidates=(python3.14 python3.13 python3.12 python3)
for dir in "$HOME"/.pyenv/versions/3.1[2-9]*/bin "$HOME"/.pyenv/versions/3.[2-9][0-9]*/bin; do
  [ -x "$dir/python3" ] && candidates+=("$dir/python3")
done
for python in "${candidates[@]}"; do
  if "$python" -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1; then
    command -v "$python"
    exit 0
  fi
done
exit 1
