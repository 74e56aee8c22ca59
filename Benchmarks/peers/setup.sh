#!/usr/bin/env bash
# Creates Benchmarks/peers/.venv with every peer tool from PyPI, for the side-by-side timings.
# Usage: bash Benchmarks/peers/setup.sh   (idempotent)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
if [ ! -x "$here/.venv/bin/python" ]; then python3 -m venv "$here/.venv"; fi
"$here/.venv/bin/pip" install --quiet --upgrade pip
"$here/.venv/bin/pip" install --quiet numpy scipy pandas ripser giotto-ph gudhi persim prdc \
  scikit-learn POT psutil statsmodels gower sdmetrics dython
echo "peers installed in $here/.venv"
