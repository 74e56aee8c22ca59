import ArgumentParser
import Foundation
import TDAEval

/// `tda-eval generate SHAPE`: writes a seeded sample of a known shape as CSV, or with `--failure`
/// the synthetic sample of a controlled failure (and with `--real FILE` its real counterpart).
struct GenerateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "generate",
    abstract: "Write a seeded point cloud of a known shape, or of a controlled failure, as CSV.",
    discussion: """
      SHAPE is one of the base distributions of the controlled failures and the benchmark \
      tables (see the choices below). With --failure, the output is the synthetic sample that \
      failure produces; --real FILE also writes the real sample of the same seed.
      Examples:
        tda-eval generate torus --n 500 --seed 1 > torus.csv
        tda-eval generate circle --failure wrong-topology --real real.csv --out synth.csv
        tda-eval generate tabular --failure memorisation --fraction 0.5 --jitter 0.01
      """)

  @Argument(help: "The shape to sample.")
  var shape: BaseDistribution

  @Option(name: .customLong("n"), help: "Number of points.")
  var count = 500

  @Option(help: "Seed of the random generator (the same seed gives the same file everywhere).")
  var seed: UInt64 = 1

  @Option(help: "Standard deviation of Gaussian noise added to every coordinate.")
  var noise = 0.0

  @Option(
    help: "Ambient dimension, for cube (≥ 1) and gaussian-mixture (≥ 2); default: the shape's own.")
  var dimension: Int?

  @Option(help: "Write to this file instead of stdout.")
  var out: String?

  @OptionGroup var memory: MemoryOptions

  @Option(help: "Write the synthetic sample of this controlled failure.")
  var failure: Failure.Kind?

  @Option(help: "With --failure: write the real sample of the same seed to this file.")
  var real: String?

  @Option(help: "dropped-modes: fraction of modes kept, in (0, 1].")
  var kept = 0.4

  @Option(help: "noise: standard deviation, in units of the coordinate scales.")
  var sigma = 0.1

  @Option(
    help:
      "memorisation: fraction of copied rows (default 1); too-few-samples: fraction of points kept (default 0.1)."
  )
  var fraction: Double?

  @Option(help: "memorisation: deviation of the noise added to copies (0: exact copies).")
  var jitter = 0.0

  @Option(help: "translation: Euclidean length of the shift along the diagonal.")
  var offset = 1.0

  @Option(help: "scaling: factor about the sample mean, > 0.")
  var factor = 1.5

  func validate() throws {
    guard (1...100_000_000).contains(count) else {
      throw ValidationError("--n must be between 1 and 100000000, got \(count)")
    }
    if let dimension, !(shape.dimensions.contains(dimension) && dimension <= 100_000) {
      throw ValidationError(
        "--dimension must be \(shape.dimensionsDescription)"
          + (shape.dimensions.count > 1 ? " and ≤ 100000" : "") + ", got \(dimension)")
    }
    if failure != nil {
      guard noise == 0 else {
        throw ValidationError(
          "--noise does not apply with --failure; use --failure noise --sigma σ")
      }
      return
    }
    guard real == nil else { throw ValidationError("--real needs --failure") }
    guard noise.isFinite && noise >= 0 else {
      throw ValidationError("--noise must be a finite number ≥ 0, got \(noise)")
    }
  }

  /// The failure named by `--failure` with its parameters.
  private var controlledFailure: Failure? {
    failure.map {
      Failure(
        $0, kept: kept, sigma: sigma, fraction: fraction, jitter: jitter, offset: offset,
        factor: factor)
    }
  }

  /// Bytes per coordinate of a generated sample: the double (8) and its CSV text, built as a
  /// string and copied once on the way out (2 × up to 24 characters).
  static let bytesPerCoordinate = 56.0

  func run() throws {
    memory.install()
    // A controlled failure holds its real and synthetic samples.
    let coordinates =
      Double(count) * Double(dimension ?? shape.dimension) * (failure == nil ? 1 : 2)
    try MemoryBudget.current.check(
      bytes: coordinates * Self.bytesPerCoordinate,
      what:
        "generate \(shape.rawValue) --n \(count)\(dimension.map { " --dimension \($0)" } ?? "") (\(String(format: "%.3g", coordinates)) coordinates and their CSV text)",
      suggestion: shape.dimensions.count > 1
        ? "use a smaller --n or --dimension" : "use a smaller --n")
    let cloud: PointCloud
    if let failure = controlledFailure {
      let pair = try ControlledFailures.pair(
        base: shape, failure: failure, count: count, dimension: dimension, seed: seed)
      if let real { try writeText(pair.real.cloud.csv(), toPath: real) }
      cloud = pair.synthetic.cloud
    } else {
      cloud = shape.sample(count: count, dimension: dimension, noise: noise, seed: seed)
    }
    if let out {
      try writeText(cloud.csv(), toPath: out)
    } else {
      writeStandardOutput(cloud.csv())
    }
  }
}

/// `SHAPE`: a base distribution by its name.
extension BaseDistribution: ExpressibleByArgument {}

/// `--failure`: a controlled failure by its name.
extension Failure.Kind: ExpressibleByArgument {}
