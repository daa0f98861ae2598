#!/usr/bin/env bash
# The entry of the `kwmatch` pre-commit hook (.pre-commit-hooks.yaml): `kwmatch check` on
# the resumes pre-commit selected, once the hook's args set a rule to check against.
# Without a threshold or a must-have concept every resume would pass, so the hook refuses
# to run (exit 2) and says how to set one.
set -euo pipefail

has_rule=false
for arg in "$@"; do
  case $arg in
  --fail-under | --fail-under=* | --fail-on-missing | --fail-on-missing=*)
    has_rule=true
    break
    ;;
  esac
done
if ! $has_rule; then
  echo "kwmatch hook: set args, e.g. [--fail-under, '0.5'] or [--fail-on-missing, python]" >&2
  exit 2
fi
if ! command -v kwmatch >/dev/null; then
  echo "kwmatch hook: kwmatch is not installed where pre-commit runs;" \
    "install it: pip install \"git+https://github.com/OWNER/kwmatch@v0.1.0\" (your rev)" >&2
  exit 2
fi
exec kwmatch check "$@"
