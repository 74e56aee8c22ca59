#!/usr/bin/env bash
# Reproduces every ratio of Benchmarks/README.md, side by side with the peers, in one command:
#   bash Benchmarks/peers/reproduce.sh [AREA...]     (areas: rips h0 distances metrics gscore
#                                                     exact tables learning fidelity evaluate
#                                                     sparse)
# It installs the peers (setup.sh), builds the release binary, and runs each area's script with
# the arguments the README quotes; each area's output goes to Benchmarks/peers/results/AREA.txt.
# The whole run takes hours (the peers are slow); name areas to run a few.
set -euo pipefail
cd "$(dirname "$0")/../.."
bash Benchmarks/peers/setup.sh
swift build -c release --product tda-eval
P=Benchmarks/peers/.venv/bin/python
B=.build/release/tda-eval
OUT=Benchmarks/peers/results
mkdir -p "$OUT"
WORK=$(mktemp -d)

run() {  # run AREA COMMAND...: the command's output, also saved in $OUT/AREA.txt
  local area=$1
  shift
  echo "== $area: $*"
  "$@" 2>&1 | tee -a "$OUT/$area.txt"
}

area() {
  case $1 in
    rips) run rips $P Benchmarks/peers/rips_ratios.py --runs 3 --ripser-runs 1 ;;
    h0)
      run h0 $P Benchmarks/peers/h0_ratios.py --sizes 2000x64,20000x64 --runs 1
      run h0 $P Benchmarks/peers/h0_ratios.py --sizes 100000x64 --tools tda ;;
    sparse)
      run sparse $P Benchmarks/peers/sparse_rips_ratios.py --clouds torus,sphere \
        --sizes 2000,5000,20000 --eps 0.5,1.0 ;;
    distances) run distances $P Benchmarks/peers/distances_ratios.py --sizes 1000 10000 --repeats 3 --timeout 150 ;;
    metrics)
      run metrics $P Benchmarks/peers/metrics_ratios.py --repeats 3
      run metrics $P Benchmarks/peers/metrics_ratios.py --suite ndb --repeats 3 ;;
    gscore) run gscore $P Benchmarks/peers/gscore_ratios.py --only 5000x32 --repeats 3 ;;
    exact)
      run exact python3 Benchmarks/peers/exact_rips.py --runs 3 --cases sphere_3_192
      run exact python3 Benchmarks/peers/exact_rips.py --runs 1 --cases rp2_600 ;;
    tables)
      run tables $P Benchmarks/peers/tables_peers.py --n 5000 --peer all --tda-eval $B \
        --template "{binary} metrics {real} {synth} --distance gower --bins 0 --json"
      run tables $P Benchmarks/peers/tables_peers.py --n 2000 --peer dcr --tda-eval $B \
        --template "{binary} privacy {real} {synth} --holdout {synth} --json" ;;
    fidelity)
      run fidelity $P Benchmarks/peers/tables_peers.py --n 50000 --peer quality --repeats 3 \
        --tda-eval $B --template "{binary} fidelity {real} {synth} --json" ;;
    learning)
      run learning $P Benchmarks/peers/learning_ratios.py --write "$WORK/learning"
      for i in 1 2 3; do
        run learning bash -c "time $B detect $WORK/learning/real.csv $WORK/learning/synth.csv > /dev/null"
        run learning bash -c "time $P Benchmarks/peers/learning_ratios.py --peer detect $WORK/learning"
        run learning bash -c "time $B utility $WORK/learning/real.csv $WORK/learning/synth.csv --test $WORK/learning/test.csv --target y > /dev/null"
        run learning bash -c "time $P Benchmarks/peers/learning_ratios.py --peer utility $WORK/learning"
      done ;;
    evaluate)
      run evaluate $P Benchmarks/peers/evaluate_ratios.py --all-parts --n 5000 --d 30 --runs 1 --peer-trials 1
      run evaluate $P Benchmarks/peers/evaluate_ratios.py --sizes 500 1000 --runs 3 ;;
    *) echo "unknown area '$1'" >&2; exit 2 ;;
  esac
}

areas=("$@")
[ ${#areas[@]} -gt 0 ] || areas=(rips h0 distances metrics gscore exact tables fidelity learning evaluate sparse)
for a in "${areas[@]}"; do area "$a"; done
echo "results in $OUT"
