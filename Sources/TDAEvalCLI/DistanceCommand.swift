import ArgumentParser
import Foundation
import TDAEval

/// `tda-eval distance A B`: bottleneck or Wasserstein distance between two persistence diagrams.
struct DistanceCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "distance",
    abstract: "Bottleneck or Wasserstein distance between two persistence diagrams.",
    discussion: """
      Diagrams are CSV files of 'birth,death' rows ('inf' for an essential class; a header row is \
      allowed). The ground metric is L∞ unless --internal-p says otherwise (Wasserstein only). \
      Essential points are matched by sorting within their family; if the counts differ the \
      distance is infinite (null in JSON) unless --ignore-essential drops them.

      The bottleneck distance is exact unless --relative-error E > 0. The Wasserstein distance is \
      exact for small diagrams (or with --relative-error 0 or --method exact) and otherwise an \
      auction whose value is certified within the relative error (default 0.01).

      Example: tda-eval distance real_h1.csv synth_h1.csv --wasserstein 2 --json
      """)

  @Argument(help: "The first diagram (CSV).")
  var first: String

  @Argument(help: "The second diagram (CSV).")
  var second: String

  @Flag(help: "Bottleneck distance (L∞ ground metric).")
  var bottleneck = false

  @Option(help: ArgumentHelp("Wasserstein distance of order Q ≥ 1.", valueName: "Q"))
  var wasserstein: Double?

  @Option(
    help: ArgumentHelp("Ground metric L_P, P in [1, inf] (Wasserstein only).", valueName: "P"))
  var internalP: Double = .infinity

  @Option(
    help: ArgumentHelp(
      "Relative error E ≥ 0 (default: 0 for bottleneck = exact, 0.01 for Wasserstein).",
      valueName: "E"))
  var relativeError: Double?

  @Option(help: "Wasserstein method (automatic: exact for small diagrams, else the auction).")
  var method = Wasserstein.Method.automatic

  @Flag(help: "Drop essential (infinite) points instead of matching them.")
  var ignoreEssential = false

  @Flag(help: "Also print an optimal matching (pairs of indices, -1 for the diagonal).")
  var matching = false

  @OptionGroup var output: OutputOptions

  func validate() throws {
    guard bottleneck != (wasserstein != nil) else {
      throw ValidationError("choose exactly one of --bottleneck and --wasserstein Q")
    }
    if let wasserstein, !(wasserstein >= 1 && wasserstein.isFinite) {
      throw ValidationError("--wasserstein must be a finite number ≥ 1, got \(wasserstein)")
    }
    guard internalP >= 1 else {
      throw ValidationError("--internal-p must be in [1, inf], got \(internalP)")
    }
    if bottleneck && internalP != .infinity {
      throw ValidationError("--internal-p applies to --wasserstein only (bottleneck uses L∞)")
    }
    if let relativeError, !(relativeError >= 0 && relativeError.isFinite) {
      throw ValidationError("--relative-error must be a finite number ≥ 0, got \(relativeError)")
    }
  }

  func run() throws {
    let a = try PersistenceDiagram.read(contentsOf: first)
    let b = try PersistenceDiagram.read(contentsOf: second)
    let result: DiagramDistanceResult
    let error: Double
    if let order = wasserstein {
      error = relativeError ?? 0.01
      result = try Wasserstein.compute(
        a, b, order: order, internalP: internalP, relativeError: error,
        method: method, ignoreEssential: ignoreEssential,
        matching: matching)
    } else {
      error = relativeError ?? 0
      result = try Bottleneck.compute(
        a, b, relativeError: error, ignoreEssential: ignoreEssential, matching: matching)
    }
    let report = DiagramDistanceReport(
      metric: bottleneck ? "bottleneck" : "wasserstein", order: wasserstein,
      internalP: internalP, relativeError: error, ignoreEssential: ignoreEssential,
      distance: result.distance, matching: result.matching)
    if output.json {
      try printJSON(report)
    } else {
      var rows = [["distance", formatted(result.distance)]]
      if let pairs = result.matching {
        rows += pairs.map { ["match", "\($0.first) -> \($0.second)"] }
      }
      printTable(header: [report.metric, "value"], rows: rows)
    }
  }
}

/// `--method`: how Wasserstein distances are computed.
extension Wasserstein.Method: ExpressibleByArgument {}
