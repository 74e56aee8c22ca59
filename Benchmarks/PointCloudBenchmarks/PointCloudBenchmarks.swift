import Benchmark
import Foundation
import TDAEval

let benchmarks: @Sendable () -> Void = {
  Benchmark.defaultConfiguration = .init(
    metrics: [.wallClock, .cpuTotal, .peakMemoryResident, .mallocCountTotal],
    maxDuration: .seconds(5), maxIterations: 20)

  // 100,000 rows × 32 columns, the size of the CSV comparison in the ecosystem notes.
  Benchmark("CSV.parse.100000x32") { benchmark in
    let cloud = BaseDistribution.cube.sample(count: 100_000, dimension: 32, seed: 1)
    let bytes = Array(cloud.csv().utf8)
    benchmark.startMeasurement()
    for _ in benchmark.scaledIterations {
      blackHole(try PointCloud.parse(csv: bytes, file: "bench.csv"))
    }
  }

  // n = 4,000 points in d = 64: 7,998,000 pairwise distances.
  Benchmark("DistanceMatrix.euclidean.4000x64") { benchmark in
    let cloud = BaseDistribution.cube.sample(count: 4_000, dimension: 64, seed: 1)
    benchmark.startMeasurement()
    for _ in benchmark.scaledIterations { blackHole(DistanceMatrix(cloud)) }
  }
}
