import Benchmark
import Foundation
import TDAEval

/// Random diagrams as in `peers/distances_ratios.py` (births uniform on [0, 1], persistence
/// exponential with mean 0.1), from our own seeded generator.
func exponentialDiagram(count: Int, seed: UInt64) -> PersistenceDiagram {
  var generator = SeededGenerator(seed: seed)
  let pairs = (0..<count).map { _ -> PersistencePair in
    let birth = generator.nextUniform()
    return PersistencePair(birth: birth, death: birth - 0.1 * log(1 - generator.nextUniform()))
  }
  return PersistenceDiagram(dimension: 1, pairs: pairs)
}

let benchmarks: @Sendable () -> Void = {
  Benchmark.defaultConfiguration = .init(
    metrics: [.wallClock, .cpuTotal, .peakMemoryResident], maxDuration: .seconds(5),
    maxIterations: 20)
  for count in [1_000, 10_000] {
    let a = exponentialDiagram(count: count, seed: 1)
    let b = exponentialDiagram(count: count, seed: 2)
    Benchmark("bottleneck exact, \(count) points") { benchmark in
      blackHole(try Bottleneck.distance(a, b))
    }
    Benchmark("bottleneck relative error 0.01, \(count) points") { benchmark in
      blackHole(try Bottleneck.distance(a, b, relativeError: 0.01))
    }
    Benchmark("Wasserstein q=1 auction 0.01, \(count) points") { benchmark in
      blackHole(try Wasserstein.distance(a, b, order: 1, method: .auction))
    }
    Benchmark("Wasserstein q=2 auction 0.01, \(count) points") { benchmark in
      blackHole(try Wasserstein.distance(a, b, order: 2, method: .auction))
    }
    Benchmark("Wasserstein q=1 exact, \(count) points") { benchmark in
      blackHole(try Wasserstein.distance(a, b, order: 1, method: .exact))
    }
  }
  let many = (0..<8).map { exponentialDiagram(count: 500, seed: UInt64(10 + $0)) }
  Benchmark("pairwise bottleneck matrix, 8 diagrams of 500 points") { benchmark in
    blackHole(try PairwiseDistances.matrix(many, metric: .bottleneck()))
  }
}
