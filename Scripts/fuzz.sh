#!/usr/bin/env bash
# Builds the libFuzzer targets of Fuzz/ and runs each for a set time, one at a time.
#
#   Scripts/fuzz.sh [SECONDS] [TARGET...]
#
# SECONDS per target (default 600); TARGETs default to all four:
# FuzzPointCloudCSV FuzzTable FuzzDiagram FuzzRipserFormats.
# Environment: SCRATCH (build folder, default .build-fuzz), JOBS (libFuzzer -fork, default 1:
# one worker at a time),
# CORPUS (default .fuzz-corpus: grows between runs; seeded from the tests' files),
# ARTIFACTS (crashing inputs, default .fuzz-artifacts). See docs/fuzzing.md.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
seconds=${1:-600}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(FuzzPointCloudCSV FuzzTable FuzzDiagram FuzzRipserFormats)
scratch=${SCRATCH:-$root/.build-fuzz}
corpus=${CORPUS:-$root/.fuzz-corpus}
artifacts=${ARTIFACTS:-$root/.fuzz-artifacts}
jobs=${JOBS:-1}

(cd Fuzz && swift build -c release --scratch-path "$scratch" \
  -Xswiftc -sanitize=fuzzer,address -Xswiftc -g)
bin=$(cd Fuzz && swift build -c release --scratch-path "$scratch" --show-bin-path)

# Seeds: the option byte (first byte of every input) followed by a file from the tests.
seed() {  # seed TARGET OPTIONBYTE FILE...
  local dir=$corpus/$1 option=$2
  shift 2
  mkdir -p "$dir"
  for file in "$@"; do
    [ -f "$file" ] || continue
    local name
    name=$(printf '%s-%s' "$option" "$(basename "$file")")
    { printf "\\x$option"; head -c 65536 "$file"; } >"$dir/seed-$name"
  done
}
tests=Tests
for option in 00 01 02 04; do
  seed FuzzPointCloudCSV $option $tests/SampleMetricsTests/Resources/case_*8_real.csv \
    $tests/PersistenceTests/Resources/{circle45,torus70}.csv
done
for option in 00 04 08 0c; do
  seed FuzzTable $option $tests/TablesTests/Resources/*.csv
done
for option in 00 01 05 13; do
  seed FuzzDiagram $option Fuzz/Seeds/FuzzDiagram/*
done
# Format k of RipserInputFormat.allCases is option byte k (point-cloud, lower, upper, distance,
# dipha, sparse, binary).
seed FuzzRipserFormats 00 $tests/PersistenceTests/Resources/circle45.csv
seed FuzzRipserFormats 01 $tests/PersistenceTests/Resources/random20.lower_distance_matrix
seed FuzzRipserFormats 02 $tests/PersistenceTests/Resources/random20.upper_distance_matrix
seed FuzzRipserFormats 03 $tests/PersistenceTests/Resources/rp2_90.lower_distance_matrix.csv
seed FuzzRipserFormats 04 $tests/PersistenceTests/Resources/projective_plane.dipha
seed FuzzRipserFormats 05 $tests/PersistenceTests/Resources/sphere_3_192.sparse
seed FuzzRipserFormats 06 $tests/PersistenceTests/Resources/random16.bin
# Inputs that once failed (option byte included): they stay in the corpus.
for target in FuzzRipserFormats; do
  cp Fuzz/Seeds/$target/* "$corpus/$target/" 2>/dev/null || true
done

mkdir -p "$artifacts"
for target in "${targets[@]}"; do
  echo "== $target: $seconds s"
  mkdir -p "$corpus/$target" "$artifacts/$target"
  # -fork=JOBS: workers one after the other (JOBS=1) that keep going after a crash, a timeout or
  # an out-of-memory input, each saved under ARTIFACTS; the parent's lines count executions.
  "$bin/$target" "$corpus/$target" -max_total_time="$seconds" -fork="$jobs" \
    -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 \
    -timeout=10 -rss_limit_mb=4096 -max_len=65536 \
    -artifact_prefix="$artifacts/$target/" >"$artifacts/$target.log" 2>&1 || true
  grep -E '^#[0-9]+' "$artifacts/$target.log" | tail -n 1
  echo "artifacts: $(find "$artifacts/$target" -type f | wc -l) in $artifacts/$target"
done
