#!/usr/bin/env bash
# Renders an HTML report of `tda-eval evaluate --html` in a real headless browser (Debian's
# chromium) and saves a full-page PNG, to check by eye that the page displays as intended.
#
# Usage: Scripts/screenshot-report.sh REPORT.html OUT.png [WIDTH] [HEIGHT]
#   (install the browser with: apt-get install -y chromium)
# Example:
#   tda-eval generate circle --failure wrong-topology --n 300 --real /tmp/real.csv --out /tmp/synth.csv
#   tda-eval evaluate /tmp/real.csv /tmp/synth.csv --html /tmp/report.html
#   Scripts/screenshot-report.sh /tmp/report.html /tmp/report.png
set -euo pipefail
if [ $# -lt 2 ]; then sed -n '2,11p' "$0"; exit 2; fi
html=$(realpath "$1")
out=$(realpath -m "$2")
width=${3:-1100}
height=${4:-3200}
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then echo "screenshot-report: chromium not found (apt-get install -y chromium)" >&2; exit 2; fi
# --no-sandbox: containers run as root; a private profile keeps runs independent.
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
"$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$profile" \
  --window-size="$width,$height" --screenshot="$out" "file://$html" >/dev/null 2>&1
test -s "$out"
echo "$out"
