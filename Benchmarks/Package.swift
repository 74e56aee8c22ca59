// swift-tools-version: 6.1
//
// tda-eval's benchmarks: a package of its own, so that `swift test` at the root and harnesses that
// depend on tda-eval never build the benchmark harness. Run from this folder:
//   swift package benchmark --target PersistenceBenchmarks
// Side-by-side ratios against the peer tools: see peers/README.md.
import PackageDescription

let benchmarkTargets = [
  "PointCloudBenchmarks", "PersistenceBenchmarks", "DistanceBenchmarks", "MetricBenchmarks",
  "GeometryScoreBenchmarks",
  "ExactBenchmarks",
]

let package = Package(
  name: "tda-eval-benchmarks",
  platforms: [.macOS(.v15)],
  dependencies: [
    .package(name: "tda-eval", path: ".."),
    .package(
      url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
  ],
  targets: benchmarkTargets.map { name in
    .executableTarget(
      name: name,
      dependencies: [
        .product(name: "TDAEval", package: "tda-eval"),
        .product(name: "Benchmark", package: "benchmark"),
      ],
      path: name,
      plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")])
  }
)
