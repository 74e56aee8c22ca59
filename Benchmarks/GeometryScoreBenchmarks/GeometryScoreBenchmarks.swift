import Benchmark
import TDAEval

/// N(0, I_d) samples, as in `peers/gscore_ratios.py` (our generator, not numpy's).
func gaussianCloud(count: Int, dimension: Int, seed: UInt64) -> PointCloud {
  var generator = SeededGenerator(seed: seed)
  return PointCloud(
    count: count, dimension: dimension,
    coordinates: (0..<count * dimension).map { _ in generator.nextGaussian() })
}

let benchmarks: @Sendable () -> Void = {
  Benchmark.defaultConfiguration = .init(
    metrics: [.wallClock, .cpuTotal, .peakMemoryResident], maxDuration: .seconds(5),
    maxIterations: 20)

  // One trial of the reference defaults at N = 5000, d = 32: L₀ = 64, γ = 1/128.
  let cloud = gaussianCloud(count: 5000, dimension: 32, seed: 0)
  let cache = WitnessDistanceCache(cloud)
  let draw = LandmarkSets.random(trials: 1, perTrial: 64, pointCount: 5000, seed: 1)
  Benchmark("witness filtration + H1, one trial, 5000×32, L=64 (cached distances)") { benchmark in
    for _ in benchmark.scaledIterations {
      let filtration = WitnessFiltration(
        distances: cache, landmarks: draw[trial: 0], maxAlpha: .fractionOfMaxDistance(1.0 / 128))
      blackHole(filtration.h1Barcode())
    }
  }
  Benchmark("witness filtration + H1, one trial, 5000×32, L=64 (distances per trial)") {
    benchmark in
    for _ in benchmark.scaledIterations {
      let filtration = WitnessFiltration(
        witnesses: cloud, landmarks: cloud.selecting(points: draw[trial: 0]),
        maxAlpha: .fractionOfMaxDistance(1.0 / 128))
      blackHole(filtration.h1Barcode())
    }
  }

  // A whole score, 100 trials per cloud (the code's default is 1000).
  let other = gaussianCloud(count: 5000, dimension: 32, seed: 1)
  Benchmark("gscore 5000×32 vs 5000×32, 100 trials, defaults") { benchmark in
    for _ in benchmark.scaledIterations {
      blackHole(try GeometryScore(trials: 100, seed: 2).evaluate(real: cloud, synthetic: other))
    }
  }
}
