import Benchmark
import TDAEval

/// Standard normal points, seeded (the same clouds on every run).
func gaussianCloud(count: Int, dimension: Int, seed: UInt64) -> PointCloud {
  var generator = SeededGenerator(seed: seed)
  return PointCloud(
    count: count, dimension: dimension,
    coordinates: (0..<count * dimension).map { _ in generator.nextGaussian() })
}

/// The peers' benchmark table (Benchmarks/peers/tables_peers.py): 20 numeric columns
/// N(0, (i+1)²) and 10 categorical ones with 3…12 equally likely levels, seeded.
func mixedTable(rows: Int, seed: UInt64) -> Table {
  var generator = SeededGenerator(seed: seed)
  var columns: [Table.Column] = []
  for i in 0..<20 {
    let values = (0..<rows).map { _ in Double(i + 1) * generator.nextGaussian() }
    columns.append(Table.Column(name: "x\(i)", kind: .numeric, values: values))
  }
  for j in 0..<10 {
    let levels = j + 3
    let values = (0..<rows).map { _ in Double(Int(generator.nextUniform() * Double(levels))) }
    columns.append(
      Table.Column(
        name: "c\(j)", kind: .categorical, values: values, categories: (0..<levels).map { "L\($0)" }
      ))
  }
  return Table(file: "generated", columns: columns, lines: Array(2..<(rows + 2)))
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

  let realTable = mixedTable(rows: 5_000, seed: 0)
  let syntheticTable = mixedTable(rows: 5_000, seed: 1)
  let gower = GowerDistance(fittedTo: realTable)
  Benchmark("Gower metrics report k=5, 5000 vs 5000, 20 numeric + 10 categorical") { benchmark in
    for _ in benchmark.scaledIterations {
      blackHole(
        try SampleMetricsReport.compute(
          real: realTable, synthetic: syntheticTable, gower: gower, k: 5))
    }
  }

  let real8 = gaussianCloud(count: 3_000, dimension: 8, seed: 0)
  let synthetic8 = gaussianCloud(count: 3_000, dimension: 8, seed: 1)
  Benchmark("exact KDE both ways, 3000 vs 3000, d=8, h=0.5") { benchmark in
    for _ in benchmark.scaledIterations {
      blackHole(
        try KernelDensityBaseline.compute(
          real: real8, synthetic: synthetic8, bandwidth: .fixed(0.5)))
    }
  }
}
