// swift-tools-version: 6.1
//
// tda-eval: topological and geometric quality metrics for synthetic data.
// Benchmarks live in their own package under Benchmarks/ so that `swift test` and
// harnesses that depend on tda-eval never build the benchmark harness.
import PackageDescription

let package = Package(
  name: "tda-eval",
  platforms: [.macOS(.v15)],
  products: [
    .library(name: "TDAEval", targets: ["TDAEval"]),
    .executable(name: "tda-eval", targets: ["tda-eval"]),
    /// The C ABI (`@_cdecl` functions over flat buffers and JSON) that the Python package loads.
    .library(name: "CTDAEval", type: .dynamic, targets: ["CTDAEval"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/apple/swift-numerics", from: "1.1.1"),
    // `swift package generate-documentation --target TDAEval`: the DocC documentation (CI builds
    // it).
    .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
  ],
  targets: [
    // MARK: - Public API

    /// Seeded generators and controlled failures of generative models.
    .target(name: "Datasets", dependencies: ["PointClouds", "Tables"]),
    /// Bottleneck and Wasserstein distances between persistence diagrams.
    .target(name: "DiagramDistances", dependencies: ["Persistence"]),
    /// BigInteger and Rational over GNU MP; the only importer of CGMP.
    .target(name: "ExactArithmetic", dependencies: ["CGMP"]),
    /// Vietoris–Rips and witness filtrations, the cohomology reducer, persistence diagrams.
    .target(
      name: "Persistence",
      dependencies: ["PointClouds", "ExactArithmetic"]),
    /// Point clouds, strict CSV input, metrics, distance matrices, k-NN, seeded randomness.
    .target(name: "PointClouds", dependencies: ["CDistanceKernels"]),
    /// Models on tables (scaling, one-hot, logistic, ridge, k-NN), their metrics (ROC AUC, F1,
    /// R²…), logistic and 1-NN detection, train-on-synthetic-test-on-real utility.
    .target(name: "Learning", dependencies: ["PointClouds", "Tables"]),
    /// Precision/recall, density/coverage, realism, geometry score, KDE and VQ baselines.
    .target(
      name: "SampleMetrics", dependencies: ["PointClouds", "Persistence", "Tables", "Learning"]),
    /// Mixed-type tables: RFC 4180 reading, schemas, missing cells, Gower and Euclidean row
    /// distances.
    .target(name: "Tables", dependencies: ["PointClouds", "CDistanceKernels"]),
    /// The library a harness imports: every module above, evaluation reports, benchmark tables.
    .target(
      name: "TDAEval",
      dependencies: [
        "PointClouds", "Persistence", "DiagramDistances", "SampleMetrics", "Datasets",
        "ExactArithmetic", "Tables", "Learning",
      ]),
    /// The command-line tool.
    .executableTarget(
      name: "tda-eval",
      dependencies: [
        "TDAEval",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      path: "Sources/TDAEvalCLI"),
    /// The C ABI of the library for other languages (the Python package in python/).
    .target(name: "CTDAEval", dependencies: ["TDAEval"]),

    // MARK: - Implementation details

    /// The AVX2 (+ FMA) distance tiles (bounded float32 Euclidean, exact Gower), chosen at run
    /// time on CPUs that have them.
    .target(name: "CDistanceKernels"),
    /// GNU MP as a system library (Debian: libgmp-dev).
    .systemLibrary(name: "CGMP", pkgConfig: "gmp", providers: [.apt(["libgmp-dev"])]),
    /// Brute-force oracles, fixtures and approximate equality, for tests only.
    .target(
      name: "_TestSupport",
      dependencies: ["TDAEval", .product(name: "RealModule", package: "swift-numerics")]),

    // MARK: - Unit test bundles

    .testTarget(name: "ExactArithmeticTests", dependencies: ["ExactArithmetic", "_TestSupport"]),
    .testTarget(
      name: "PointCloudsTests", dependencies: ["PointClouds", "_TestSupport"],
      resources: [.copy("Resources")]),
    .testTarget(
      name: "PersistenceTests", dependencies: ["Persistence", "Datasets", "_TestSupport"],
      resources: [.copy("Resources")]),
    .testTarget(
      name: "DiagramDistancesTests", dependencies: ["DiagramDistances", "_TestSupport"],
      resources: [.copy("Resources")]),
    .testTarget(
      name: "SampleMetricsTests", dependencies: ["SampleMetrics", "Datasets", "_TestSupport"],
      resources: [.copy("Resources")]),
    .testTarget(
      name: "TablesTests", dependencies: ["Tables", "_TestSupport"], resources: [.copy("Resources")]
    ),
    .testTarget(
      name: "LearningTests", dependencies: ["Learning", "Datasets", "_TestSupport"],
      resources: [.copy("Resources")]),
    .testTarget(name: "DatasetsTests", dependencies: ["Datasets", "_TestSupport"]),
    .testTarget(name: "TDAEvalTests", dependencies: ["TDAEval", "_TestSupport"]),
    .testTarget(name: "CLITests", dependencies: ["tda-eval", "_TestSupport"]),
  ]
)
