#!/usr/bin/env python3
"""tda-eval distance vs GUDHI / Hera / POT, side by side on identical inputs, as ratios.

Diagrams (fixed seeds):
  exp       births ~ U[0,1], persistence ~ Exp(mean 0.1)
  neardiag  births ~ U[0,1]; 90 % persistence ~ Exp(0.002), 10 % ~ Exp(0.1)
  real      H1 diagrams (ripser, maxdim 1) of 2,000-point clouds: torus~torus, torus~cube, cube~cube
are written as CSV files; then for every task both sides are timed:
  tda-eval  the release binary, whole process (reading the CSVs included), wall time and peak RSS
            from /usr/bin/time -v;
  peer      a fresh Python child that loads the same CSVs and times the call alone (imports and
            reading excluded, so the ratio is conservative for tda-eval), peak RSS of the child.
Each cell is the median of --repeats runs (one run when a run exceeds 20 s); a run over --timeout
is killed and larger sizes of that peer are skipped. ratio = peer seconds / tda-eval seconds
(> 1: tda-eval is faster). Values are printed too, so agreement can be checked in the same table.

  swift build -c release --product tda-eval
  Benchmarks/peers/.venv/bin/python Benchmarks/peers/distances_ratios.py \
      --sizes 1000 10000 --repeats 3 --out distances_ratios.json
  .../python Benchmarks/peers/distances_ratios.py --sizes 100000 --no-real \
      --tasks "bottleneck exact" --peers "gudhi default e" --repeats 1 --out ratios_100k.json
  .../python Benchmarks/peers/distances_ratios.py --sizes 100000 --no-real --kinds exp neardiag \
      --tasks "W1 rel 0.01" "W2 rel 0.01" --repeats 1 --timeout 180 --out w_100k.json
--binary picks another build of tda-eval (e.g. .build-NAME/release/tda-eval).
"""
import argparse, json, os, statistics, subprocess, sys, tempfile, time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
BINARY = os.path.join(ROOT, ".build", "release", "tda-eval")

# task -> (tda-eval options, [(peer name, python expression on A, B)])
TASKS = {
    "bottleneck exact": (["--bottleneck"], [
        ("gudhi default e", "gudhi.bottleneck_distance(A, B)"),
        ("hera delta=0", "gudhi.hera.bottleneck_distance(A, B, delta=0)"),
    ]),
    "bottleneck rel 0.01": (["--bottleneck", "--relative-error", "0.01"], [
        ("hera delta=0.01", "gudhi.hera.bottleneck_distance(A, B, delta=0.01)"),
    ]),
    "W1 rel 0.01": (["--wasserstein", "1", "--relative-error", "0.01"], [
        ("hera W1 delta=0.01", "gudhi.hera.wasserstein_distance(A, B, order=1, internal_p=np.inf, delta=0.01)"),
    ]),
    "W2 rel 0.01": (["--wasserstein", "2", "--relative-error", "0.01"], [
        ("hera W2 delta=0.01", "gudhi.hera.wasserstein_distance(A, B, order=2, internal_p=np.inf, delta=0.01)"),
    ]),
    "W1 exact": (["--wasserstein", "1", "--method", "exact"], [
        ("POT W1 exact", "gudhi.wasserstein.wasserstein_distance(A, B, order=1, internal_p=np.inf)"),
    ]),
}

PEER_CHILD = r"""
import sys, time, json, resource, warnings
warnings.simplefilter("ignore")
import numpy as np, gudhi, gudhi.hera, gudhi.wasserstein
A = np.loadtxt(sys.argv[1], delimiter=",", ndmin=2); B = np.loadtxt(sys.argv[2], delimiter=",", ndmin=2)
t0 = time.perf_counter(); v = EXPR; dt = time.perf_counter() - t0
print(json.dumps({"seconds": dt, "value": float(v), "rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def make_diagram(kind, n, seed):
    import numpy as np
    rng = np.random.default_rng(seed)
    b = rng.uniform(0.0, 1.0, n)
    if kind == "exp":
        p = rng.exponential(0.1, n)
    else:
        small = rng.random(n) < 0.9
        p = np.where(small, rng.exponential(0.002, n), rng.exponential(0.1, n))
    return np.column_stack([b, b + p])


def real_diagram(name, seed):
    import numpy as np
    from ripser import ripser
    rng = np.random.default_rng(seed)
    if name == "torus":
        u, v = rng.uniform(0, 2 * np.pi, 2000), rng.uniform(0, 2 * np.pi, 2000)
        X = np.column_stack([(2 + np.cos(v)) * np.cos(u), (2 + np.cos(v)) * np.sin(u), np.sin(v)])
        X += rng.normal(0, 0.05, X.shape)
    else:
        X = rng.uniform(0, 1, (2000, 3))
    d = ripser(X, maxdim=1)["dgms"][1]
    return d[np.isfinite(d[:, 1])]


def write_inputs(directory, kinds, sizes, real):
    import numpy as np
    pairs = []
    for kind in kinds:
        for n in sizes:
            off = 5 if kind == "neardiag" else 0
            paths = []
            for k in (1, 2):
                path = os.path.join(directory, f"{kind}_{n}_{k}.csv")
                np.savetxt(path, make_diagram(kind, n, 10 * n + k + off), fmt="%.17g", delimiter=",")
                paths.append(path)
            pairs.append((f"{kind} {n}", n, *paths))
    if real:
        # In a child: ripser's memory must not raise this process's high-water RSS, which Linux
        # passes on to the timed children (ru_maxrss survives fork + exec).
        for name, seed in [("torus", 1), ("torus", 2), ("cube", 1), ("cube", 2)]:
            subprocess.run([sys.executable, os.path.abspath(__file__), "--make-real", name, str(seed),
                            os.path.join(directory, f"{name}_{seed}.csv")], check=True)
        for x, y in [("torus_1", "torus_2"), ("torus_1", "cube_1"), ("cube_1", "cube_2")]:
            pairs.append((f"H1 {x}~{y}", 2000, os.path.join(directory, x + ".csv"), os.path.join(directory, y + ".csv")))
    return pairs


def run_ours(options, a, b, timeout):
    cmd = ["/usr/bin/time", "-v", BINARY, "distance", a, b, "--json"] + options
    t0 = time.perf_counter()
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    dt = time.perf_counter() - t0
    if r.returncode != 0:
        raise RuntimeError(r.stderr[-400:])
    rss = next(int(l.split()[-1]) for l in r.stderr.splitlines() if "Maximum resident" in l) / 1024
    value = json.loads(r.stdout)["distance"]
    return {"seconds": dt, "value": float("inf") if value is None else value, "rss_mib": rss}


def run_peer(expr, a, b, timeout):
    r = subprocess.run([sys.executable, "-c", PEER_CHILD.replace("EXPR", expr), a, b],
                       capture_output=True, text=True, timeout=timeout)
    if r.returncode != 0:
        raise RuntimeError(r.stderr[-400:])
    return json.loads(r.stdout.strip().splitlines()[-1])


def median_of(runner, repeats, timeout):
    results = []
    for _ in range(repeats):
        try:
            res = runner(timeout)
        except subprocess.TimeoutExpired:
            return {"status": "timeout"}
        results.append(res)
        if res["seconds"] > 20:
            break
    return {"status": "ok", "seconds": statistics.median(r["seconds"] for r in results),
            "value": results[0]["value"], "rss_mib": max(r["rss_mib"] for r in results)}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--kinds", nargs="+", default=["exp", "neardiag"])
    ap.add_argument("--tasks", nargs="+", default=list(TASKS))
    ap.add_argument("--peers", nargs="+", help="only these peers (names as in the table)")
    ap.add_argument("--no-real", action="store_true")
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--timeout", type=float, default=120)
    ap.add_argument("--out", default="distances_ratios.json")
    ap.add_argument("--binary", default=BINARY, help="the tda-eval executable to time")
    ap.add_argument("--make-real", nargs=3, help=argparse.SUPPRESS)
    args = ap.parse_args()
    global BINARY
    BINARY = os.path.abspath(args.binary)
    if args.make_real:
        import numpy as np
        name, seed, path = args.make_real
        np.savetxt(path, real_diagram(name, int(seed)), fmt="%.17g", delimiter=",")
        return
    rows, dead = [], set()
    with tempfile.TemporaryDirectory() as directory:
        pairs = write_inputs(directory, args.kinds, args.sizes, not args.no_real)
        for label, n, a, b in pairs:
            for task in args.tasks:
                options, peers = TASKS[task]
                ours = median_of(lambda t: run_ours(options, a, b, t), args.repeats, args.timeout)
                for peer, expr in peers:
                    if args.peers and peer not in args.peers:
                        continue
                    key = (label.split()[0], task, peer)
                    if key in dead:
                        theirs = {"status": "skipped (smaller size timed out)"}
                    else:
                        theirs = median_of(lambda t: run_peer(expr, a, b, t), args.repeats, args.timeout)
                        if theirs["status"] == "timeout":
                            dead.add(key)
                    row = {"input": label, "task": task, "peer": peer, "ours": ours, "peer_result": theirs}
                    if ours["status"] == "ok" and theirs["status"] == "ok":
                        row["ratio"] = theirs["seconds"] / ours["seconds"]
                    rows.append(row)
                    print(json.dumps(row), file=sys.stderr, flush=True)
    with open(args.out, "w") as f:
        json.dump(rows, f, indent=1)
    fmt = lambda r: (f"{r['seconds']:.3f} s ({r['rss_mib']:.0f} MiB)" if r["status"] == "ok" else r["status"])
    val = lambda r: (f"{r['value']:.10g}" if r["status"] == "ok" else "-")
    print("| input | task | tda-eval | peer | peer time | ratio | tda-eval value | peer value |")
    print("|---|---|---|---|---|---|---|---|")
    for r in rows:
        ratio = f"{r['ratio']:.2f}" if "ratio" in r else "-"
        print(f"| {r['input']} | {r['task']} | {fmt(r['ours'])} | {r['peer']} | {fmt(r['peer_result'])} | {ratio} | {val(r['ours'])} | {val(r['peer_result'])} |")


if __name__ == "__main__":
    main()
