#!/usr/bin/env bash
# Fails when a Swift source differs from what swift-format makes of it with .swift-format
# (format in place with: swift-format format -i -r Sources Tests Benchmarks Package.swift, then
# Scripts/wrap-comments.py on the changed files).
set -euo pipefail
cd "$(dirname "$0")/.."
status=0
while IFS= read -r file; do
  if ! swift-format format --configuration .swift-format "$file" | cmp -s - "$file"; then
    echo "check-format: $file is not formatted" >&2
    status=1
  fi
done < <(git ls-files '*.swift')
exit $status
