import Benchmark
import TDAEval

/// The cost of exactness: persistence over Q against Z/2, wide simplex indices against 64-bit ones,
/// and GNU MP arithmetic itself. The side-by-side ratios are in `peers/exact_rips.py`.
let benchmarks: @Sendable () -> Void = {
  Benchmark.defaultConfiguration = .init(
    metrics: [.wallClock, .cpuTotal, .peakMemoryResident], maxDuration: .seconds(5),
    maxIterations: 20)

  // A noisy sphere in R³ at H2: coefficients Z/2 and Q give the same bars here, so the two
  // benchmarks below differ only in the arithmetic of the reduction.
  let sphere = BaseDistribution.sphere.sample(count: 150, noise: 0.02, seed: 1)

  for (name, coefficients) in [("Z/2", Coefficients.prime(2)), ("Q", .rationals)] {
    Benchmark("Rips H0–H2 over \(name), noisy sphere, 150 points") { benchmark in
      for _ in benchmark.scaledIterations {
        blackHole(
          try RipsPersistence.diagrams(
            sphere, options: RipsOptions(maxDimension: 2, coefficients: coefficients)))
      }
    }
  }

  for width in SimplexIndexWidth.allCases {
    Benchmark("Rips H0–H2, noisy sphere, 150 points, \(width.rawValue) simplex indices") {
      benchmark in
      for _ in benchmark.scaledIterations {
        var options = RipsOptions(maxDimension: 2)
        options.indexWidth = width
        blackHole(try RipsPersistence.diagrams(sphere, options: options))
      }
    }
  }

  // C(400, 200) · C(300, 150) through GNU MP: a 500-bit product and its exact quotient.
  Benchmark("BigInteger binomial product and exact division") { benchmark in
    for _ in benchmark.scaledIterations {
      let product = BigInteger.binomial(400, 200) * BigInteger.binomial(300, 150)
      blackHole(product / BigInteger.binomial(300, 150))
    }
  }
}
