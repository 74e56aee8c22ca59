#!/usr/bin/env bash
# Runs every command of the README's "Examples" block, as written, from the repository root, with
# the release build; fails when one exits nonzero or when they leave a file in the repository.
# Usage: Scripts/check-readme-examples.sh   (after: swift build -c release --product tda-eval)
set -euo pipefail
cd "$(dirname "$0")/.."

examples=$(awk '/^### Examples/{found=1} found && /^```sh/{inside=1; next} inside && /^```/{exit} inside' README.md)
if [ -z "$examples" ]; then
  echo "check-readme-examples: no sh block under '### Examples' in README.md" >&2
  exit 1
fi
before=$(git status --porcelain --untracked-files=all)
echo "$examples" | bash -euo pipefail -x
after=$(git status --porcelain --untracked-files=all)
if [ "$before" != "$after" ]; then
  echo "check-readme-examples: the examples changed the repository:" >&2
  diff <(echo "$before") <(echo "$after") >&2 || true
  exit 1
fi
echo "check-readme-examples: every example ran"
