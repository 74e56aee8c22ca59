import ArgumentParser
import Foundation
import TDAEval

/// `tda-eval rips FILE`: persistence diagrams of the Vietoris–Rips filtration of one cloud or
/// distance matrix.
struct RipsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "rips",
    abstract:
      "Persistence diagrams of the Vietoris–Rips filtration of one cloud or distance matrix.",
    discussion: """
      Ripser's conventions: a simplex enters at its diameter, the default threshold is the \
      enclosing radius, classes alive at an explicit threshold are essential (death null in \
      JSON), zero-length bars are dropped.

      Input formats: csv (default: a point cloud read strictly, with --delimiter/--columns) and \
      Ripser's point-cloud, lower-distance, upper-distance, distance, dipha, sparse, binary \
      (--format and --dim/--modulus are accepted as in Ripser). FILE '-' or none reads stdin.

      Examples:
        tda-eval rips cloud.csv --maxdim 2 --json
        tda-eval rips sphere.lower_distance_matrix --input-format lower-distance --maxdim 2 --output ripser
        tda-eval rips rp2.lower_distance_matrix --input-format lower-distance --maxdim 2 --torsion-check
      """)

  @Argument(help: "The input file ('-' or nothing: standard input).")
  var file: String?

  @Option(
    name: [.customLong("input-format"), .customLong("format")],
    help: "The input's format (Ripser's names also match by prefix, e.g. lower_distance_matrix).")
  var inputFormat = RipsFileFormat.csv

  @OptionGroup var rips: RipsParameters

  @Option(help: "The output: a table, JSON, or Ripser's own text output.")
  var output = RipsOutput.table

  @Option(help: "With --output ripser: print only finite bars with death > ratio × birth.")
  var ratio = 1.0

  @Flag(help: "Compare the diagrams over Z/2, Z/3 and Q and print the bars that differ (torsion).")
  var torsionCheck = false

  @Flag(
    help: "Report the engine's choices (coefficients, threshold, simplex index width) on stderr.")
  var verbose = false

  @Option(
    help: ArgumentHelp(
      "Sheehy's sparse approximation with parameter ε > 0 (GUDHI's sparse=ε): for ε < 1 every "
        + "birth and death within a factor 1/(1 − ε) in bottleneck terms.",
      valueName: "ε"))
  var approximate: Double?

  @OptionGroup var input: CloudInputOptions
  @OptionGroup var outputOptions: OutputOptions
  @OptionGroup var memory: MemoryOptions

  func validate() throws {
    guard ratio.isFinite && ratio >= 1 else {
      throw ValidationError("--ratio must be a finite number ≥ 1, got \(ratio)")
    }
    try validateApproximate()
  }

  func run() throws {
    memory.install()
    let path = file ?? "-"
    let data: RipsInput
    switch inputFormat {
    case .ripser(let format): data = try format.read(contentsOf: path)
    case .csv:
      // `-` is standard input, named `<stdin>` in messages; pipes and FIFOs are read as streams.
      data = .cloud(try input.parse(try readInput(path), path: path))
    }
    // The library computes extreme magnitudes in units of a power of two and refuses mixed
    // scales; checked here first so that the message names the file.
    if case .cloud(let cloud) = data { _ = try PowerOfTwoScale.fitting([(inputName(path), cloud)]) }
    if approximate == nil { try rips.checkMemory(data) }
    if torsionCheck { return try runTorsionCheck(data) }
    let progress = ProgressBar()
    let result =
      try approximate.map { try computeApproximate(data, epsilon: $0, progress: progress.handler) }
      ?? rips.compute(data, progress: progress.handler)
    progress.finish()
    if verbose { reportChoices(result, coefficients: rips.coeff) }
    if outputOptions.json || output == .json {
      try printJSON(RipsSummary(result, parameters: rips))
    } else if output == .ripser {
      let lines =
        RipserTextOutput.header(for: data, threshold: rips.threshold)
        + RipserTextOutput.intervals(result.diagrams, ratio: ratio)
      writeStandardOutput(lines.joined(separator: "\n") + "\n")
    } else {
      if let approximation = result.approximation { printApproximation(approximation) }
      printSummary([("", result)])
      printBars(result.diagrams)
    }
  }
}

/// The options of a Vietoris–Rips computation shared by `rips` and `diagrams`.
struct RipsParameters: ParsableArguments {
  @Option(name: [.customLong("maxdim"), .customLong("dim")], help: "Largest homology dimension.")
  var maxdim = 1

  @Option(
    name: [.customLong("coeff"), .customLong("modulus")],
    help: "Coefficients: a prime p ≤ 65521 for Z/p, or Q for the rationals (default 2).",
    transform: Coefficients.argument)
  var coeff: Coefficients = .prime(2)

  @Option(help: "Largest diameter (default: the enclosing radius).")
  var threshold: Double?

  @Option(help: "Simplex index width: 64, 128 or gmp (default: the narrowest that fits).")
  var indexWidth: SimplexIndexWidth?

  @Option(help: "Metric for point clouds.")
  var metric = Metric.euclidean

  @Option(help: "Worker threads (default: all processors).")
  var threads: Int?

  func validate() throws {
    if let threads, threads < 1 {
      throw ValidationError("--threads must be at least 1, got \(threads)")
    }
  }

  func options(progress: ProgressHandler?) -> RipsOptions {
    var options = RipsOptions(
      maxDimension: maxdim, coefficients: coeff, threshold: threshold,
      threads: threads ?? defaultThreadCount, progress: progress)
    options.indexWidth = indexWidth
    return options
  }

  func compute(_ data: RipsInput, progress: ProgressHandler?) throws -> RipsResult {
    try RipsPersistence.compute(data, metric: metric, options: options(progress: progress))
  }
}

extension RipsParameters {
  /// Refuses, before anything large is allocated, a computation on `data` whose estimated memory
  /// (distance matrix, simplices, per-thread buffers) is above the budget (`ResourceError`, exit
  /// 2).
  func checkMemory(_ data: RipsInput, fewerPoints: String = "fewer points") throws {
    try RipsPersistence.checkMemory(
      data, metric: metric, options: options(progress: nil), fewerPoints: fewerPoints)
  }
}

extension RipsSummary {
  /// The summary of `result` computed with `parameters`.
  init(_ result: RipsResult, parameters: RipsParameters) {
    self.init(result, maxdim: parameters.maxdim, coeff: parameters.coeff)
  }
}

/// Prints one row per sample and dimension: bars, essential bars, total and largest finite
/// persistence.
func printSummary(_ results: [(name: String, result: RipsResult)]) {
  let named = results.contains { !$0.name.isEmpty }
  var rows: [[String]] = []
  for (name, result) in results {
    for diagram in result.diagrams {
      let summary = DiagramSummary(diagram)
      rows.append(
        (named ? [name] : []) + [
          String(diagram.dimension), String(summary.bars), String(summary.essential),
          formatted(summary.totalPersistence), formatted(summary.maxPersistence),
        ])
    }
  }
  printTable(
    header: (named ? ["sample"] : []) + [
      "dim", "bars", "essential", "total persistence", "max persistence",
    ],
    rows: rows)
}

/// Prints every bar, one row each.
func printBars(_ diagrams: [PersistenceDiagram]) {
  var rows: [[String]] = []
  for diagram in diagrams {
    for pair in diagram.pairs.sorted(by: { ($0.birth, $0.death) < ($1.birth, $1.death) }) {
      rows.append([String(diagram.dimension), formatted(pair.birth), formatted(pair.death)])
    }
  }
  writeStandardOutput("\n")
  printTable(header: ["dim", "birth", "death"], rows: rows)
}
