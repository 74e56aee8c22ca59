#!/usr/bin/env bash
# The test of the real path: runs a sweep three ways — on this machine, in 3 shards, and as a
# Slurm array job through the cluster sbatch talks to (Scripts/slurm/local-cluster.sh brings one
# up here) — and checks that the three give the same results. From the repository root:
#
#   Scripts/slurm/local-cluster.sh                       # once, as root
#   Scripts/slurm/try-sweep.sh [MANIFEST]                # default: Scripts/slurm/example-sweep.jsonl
#
# Compared: every NAME.json byte for byte with its "timings" object removed, every NAME.error,
# and the CSVs of 'tda-eval merge'. tda-eval is $TDA_EVAL, else the one on PATH, else
# .build/release/tda-eval (built when missing). The runs go to a new directory under $WORK_ROOT
# (default: ${TMPDIR:-/tmp}; on a cluster of several machines, a directory they all see). Exit status
# 0 when all three agree.
set -euo pipefail

manifest=${1:-Scripts/slurm/example-sweep.jsonl}
[ -f "$manifest" ] || { echo "try-sweep: no manifest '$manifest'" >&2; exit 2; }

tool=${TDA_EVAL:-$(command -v tda-eval || true)}
if [ -z "$tool" ]; then
  if [ ! -x .build/release/tda-eval ]; then
    echo "try-sweep: building tda-eval (release)" >&2
    swift build -c release --product tda-eval >&2
  fi
  tool=.build/release/tda-eval
fi
tool=$(realpath "$tool")

root=${WORK_ROOT:-${TMPDIR:-/tmp}}
mkdir -p "$root"
work=$(mktemp -d "$root/tda-eval-sweep.XXXXXX")
work=$(realpath "$work")
echo "try-sweep: manifest $manifest, tda-eval $tool, results in $work" >&2

count=$("$tool" sweep "$manifest" --list | wc -l)

status=0
"$tool" sweep "$manifest" --out "$work/local" --all >/dev/null || status=$?
echo "try-sweep: local run: $count evaluations, exit status $status" >&2

for i in 1 2 3; do
  status=0
  "$tool" sweep "$manifest" --out "$work/sharded" --shard "$i/3" >/dev/null || status=$?
  echo "try-sweep: shard $i/3: exit status $status" >&2
done

status=0
TDA_EVAL=$tool sbatch --wait --quiet --array="0-$((count - 1))" --output="$work/slurm-%A_%a.out" \
  Scripts/slurm/sweep.sbatch "$manifest" "$work/slurm" || status=$?
echo "try-sweep: Slurm array job 0-$((count - 1)): sbatch exit status $status" >&2

for run in local sharded slurm; do
  "$tool" merge "$work/$run" --out "$work/$run.csv" 2>/dev/null
done

strip() { sed 's/"timings":{[^}]*}//' "$1"; }
differences=0
for file in "$work"/local/*; do
  name=$(basename "$file")
  for run in sharded slurm; do
    other=$work/$run/$name
    if [ ! -f "$other" ]; then
      echo "try-sweep: $run has no $name" >&2
      differences=$((differences + 1))
    elif ! cmp -s <(strip "$file") <(strip "$other"); then
      echo "try-sweep: $run/$name differs from local/$name" >&2
      differences=$((differences + 1))
    fi
  done
done
for run in sharded slurm; do
  if [ "$(ls "$work/$run" | wc -l)" -ne "$(ls "$work/local" | wc -l)" ]; then
    echo "try-sweep: $run holds other files than local" >&2
    differences=$((differences + 1))
  fi
  cmp -s "$work/local.csv" "$work/$run.csv" || {
    echo "try-sweep: $run.csv differs from local.csv" >&2
    differences=$((differences + 1))
  }
done

if [ "$differences" -eq 0 ]; then
  echo "try-sweep: local, sharded and Slurm results agree ($(ls "$work/local" | wc -l) files; merged: $work/local.csv)"
else
  echo "try-sweep: $differences differences (see $work)" >&2
  exit 1
fi
