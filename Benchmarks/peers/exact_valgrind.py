#!/usr/bin/env python3
"""Leak check of ExactArithmetic under valgrind.

Valgrind cannot run the Swift test binary (libdispatch's worker threads crash it), so this
script builds a throwaway package next to /tmp that compiles CGMP and ExactArithmetic from this
repository (symlinks) into a small executable exercising every allocating path: construction,
binary and compound operators, copy-on-write, multiply-add with a reused scratch, inverse,
negation, conversions, strings, hashing, an exact 12x12 Hilbert solve and 10^5 accumulated
products. It then runs `valgrind --leak-check=full` and prints the LEAK SUMMARY.

With --cli BINARY it also runs the tda-eval binary under valgrind on the projective plane over Q
with GMP simplex indices and one thread (the reducer, RationalCoefficient and BigInteger indices);
Swift's runtime shows a few "possibly lost" metadata caches and "uninitialised" reports inside
swift_initStructMetadata there, which are the runtime's, not ours: look at "definitely lost".

Usage (from the repository root):
    python3 Benchmarks/peers/exact_valgrind.py
    python3 Benchmarks/peers/exact_valgrind.py --cli .build/debug/tda-eval
"""
import argparse
import os
import pathlib
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parents[2]

PACKAGE = """// swift-tools-version: 6.1
import PackageDescription
let package = Package(
  name: "exact-leakcheck",
  targets: [
    .systemLibrary(name: "CGMP", pkgConfig: "gmp"),
    .target(name: "ExactArithmetic", dependencies: ["CGMP"]),
    .executableTarget(name: "leakcheck", dependencies: ["ExactArithmetic"]),
  ])
"""

MAIN = r"""
import ExactArithmetic

var total = BigInteger(0)
for n in UInt(0)..<300 { for k in UInt(0)...n where k % 7 == 0 { total += BigInteger.binomial(n, k) } }
var copy = total
copy.addProduct(total, total)
copy.subtractProduct(copy, total)
copy.negate()
let (q, r) = copy.quotientAndRemainder(dividingBy: BigInteger(2).power(100) + 3)
let parsed = BigInteger(copy.description)!
var set: Set<BigInteger> = [total, copy, q, r, parsed, BigInteger(UInt128.max), BigInteger(10).choose(3)]
set.insert(BigInteger.gcd(q, r) % 97)
precondition(Int(exactly: BigInteger(5) / 2) == 2 && UInt128(exactly: BigInteger(UInt128.max)) == .max)

let n = 12
var matrix = (0..<n * n).map { Rational(1, $0 / n + $0 % n + 1) }
var rhs = (0..<n).map { i in (0..<n).reduce(Rational.zero) { $0 + matrix[i * n + $1] } }
var scratch = Rational()
for column in 0..<n {
  let pivotInverse = matrix[column * n + column].inverse
  for row in column + 1..<n {
    let factor = -matrix[row * n + column] * pivotInverse
    for k in column..<n { matrix[row * n + k].addProduct(factor, matrix[column * n + k], scratch: &scratch) }
    rhs[row].addProduct(factor, rhs[column], scratch: &scratch)
  }
}
var solution = [Rational](repeating: 0, count: n)
for row in (0..<n).reversed() {
  var value = rhs[row]
  for k in row + 1..<n { value -= matrix[row * n + k] * solution[k] }
  value /= matrix[row * n + row]
  solution[row] = value
}
precondition(solution.allSatisfy { $0 == 1 })

var harmonic = Rational()
for i in 1...2000 { harmonic.addProduct(Rational(1, i), Rational(1)) }
var accumulator = Rational()
for i in 1...100_000 { accumulator.addProduct(Rational(i % 5 - 2, i % 3 + 1), Rational(1, 2), scratch: &scratch) }
accumulator.invert()
let rationals: Set<Rational> = [harmonic, accumulator, Rational("6/4")!, Rational(exactly: 0.1)!, harmonic.inverse]
print("ok", set.count, rationals.count, harmonic.denominator.bitWidth, Double(accumulator), "\(Rational(3, 6))")
"""


def leak_summary(command) -> int:
    result = subprocess.run(
        ["valgrind", "--leak-check=full", "--show-leak-kinds=definite,indirect"] + command,
        capture_output=True, text=True)
    print(result.stdout[-300:], end="")
    lines = result.stderr.splitlines()
    start = next((i for i, line in enumerate(lines) if "HEAP SUMMARY" in line), 0)
    print("\n".join(lines[start:]))
    clean = "no leaks are possible" in result.stderr or (
        "definitely lost: 0 bytes" in result.stderr and "indirectly lost: 0 bytes" in result.stderr)
    return 0 if clean and result.returncode == 0 else 3


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cli", help="also check this tda-eval binary")
    arguments = parser.parse_args()
    status = 0
    if arguments.cli:
        data = (pathlib.Path(__file__).resolve().parents[2] / "Tests" / "PersistenceTests" / "Resources"
                / "projective_plane.lower_distance_matrix")
        status = leak_summary([arguments.cli, "rips", str(data), "--input-format", "lower-distance",
                               "--maxdim", "2", "--coeff", "Q", "--index-width", "gmp", "--threads", "1"])
    with tempfile.TemporaryDirectory(prefix="exact-leakcheck-") as directory:
        package = pathlib.Path(directory)
        (package / "Package.swift").write_text(PACKAGE)
        sources = package / "Sources"
        sources.mkdir()
        for module in ("CGMP", "ExactArithmetic"):
            os.symlink(ROOT / "Sources" / module, sources / module)
        (sources / "leakcheck").mkdir()
        (sources / "leakcheck" / "main.swift").write_text(MAIN)
        subprocess.run(["swift", "build", "-c", "debug"], cwd=package, check=True)
        binary = package / ".build" / "debug" / "leakcheck"
        return leak_summary([str(binary)]) or status


if __name__ == "__main__":
    sys.exit(main())
