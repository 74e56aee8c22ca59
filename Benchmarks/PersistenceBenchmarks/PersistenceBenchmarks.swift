import Benchmark
import TDAEval

let benchmarks: @Sendable () -> Void = {
  Benchmark.defaultConfiguration = .init(
    metrics: [.wallClock, .cpuTotal, .peakMemoryResident], maxDuration: .seconds(5),
    maxIterations: 20)

  // A noisy torus in R³: H1 has two long bars, H2 one (below the enclosing radius).
  let torus = BaseDistribution.torus.sample(count: 400, noise: 0.05, seed: 1)

  Benchmark("Rips H0–H2, noisy torus, 400 points, enclosing radius (dense path)") { benchmark in
    for _ in benchmark.scaledIterations {
      blackHole(try RipsPersistence.diagrams(torus, options: RipsOptions(maxDimension: 2)))
    }
  }

  Benchmark("Rips H0–H2, noisy torus, 400 points, threshold 1.2 (sparse path)") { benchmark in
    for _ in benchmark.scaledIterations {
      blackHole(
        try RipsPersistence.diagrams(torus, options: RipsOptions(maxDimension: 2, threshold: 1.2)))
    }
  }

  Benchmark("Rips H0–H2 over Z/3, noisy torus, 400 points") { benchmark in
    for _ in benchmark.scaledIterations {
      blackHole(
        try RipsPersistence.diagrams(
          torus, options: RipsOptions(maxDimension: 2, coefficients: .prime(3))))
    }
  }
}
