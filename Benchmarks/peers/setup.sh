#!/usr/bin/env bash
# Creates Benchmarks/peers/.venv with the peer tools from PyPI, for side-by-side timings.
# Usage: bash Benchmarks/peers/setup.sh   (idempotent)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
if [ ! -x "$here/.venv/bin/python" ]; then python3 -m venv "$here/.venv"; fi
"$here/.venv/bin/pip" install --quiet --upgrade pip
"$here/.venv/bin/pip" install --quiet numpy scipy ripser giotto-ph gudhi persim prdc scikit-learn POT psutil
echo "peers installed in $here/.venv"
