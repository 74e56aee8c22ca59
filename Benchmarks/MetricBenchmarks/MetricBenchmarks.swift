import Benchmark
import TDAEval

/// Standard normal points, seeded (the same clouds on every run).
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

  for (count, dimension) in [(2_000, 64), (5_000, 16)] {
    let real = gaussianCloud(count: count, dimension: dimension, seed: 0)
    let synthetic = gaussianCloud(count: count, dimension: dimension, seed: 1)
    Benchmark("metrics report k=5, \(count) vs \(count), d=\(dimension)") { benchmark in
      for _ in benchmark.scaledIterations {
        blackHole(try SampleMetricsReport.compute(real: real, synthetic: synthetic, k: 5))
      }
    }
    Benchmark("k-th neighbour radii k=5, \(count), d=\(dimension)") { benchmark in
      for _ in benchmark.scaledIterations {
        blackHole(NearestNeighbors.kthNeighborSquaredDistances(in: real, k: 5))
      }
    }
  }

  let real8 = gaussianCloud(count: 3_000, dimension: 8, seed: 0)
  let synthetic8 = gaussianCloud(count: 3_000, dimension: 8, seed: 1)
  Benchmark("exact KDE both ways, 3000 vs 3000, d=8, h=0.5") { benchmark in
    for _ in benchmark.scaledIterations {
      blackHole(
        try KernelDensityBaseline.compute(real: real8, synthetic: synthetic8, bandwidth: .fixed(0.5)))
    }
  }
}
