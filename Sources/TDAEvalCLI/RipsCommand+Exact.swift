import ArgumentParser
import Foundation
import TDAEval

extension Coefficients {
  /// Reads `--coeff`: a prime p ≤ 65521 for Z/p, or `Q` for the rationals; the library's
  /// message when it is neither.
  static func argument(_ text: String) throws -> Coefficients { try Coefficients(parsing: text) }
}

/// `--index-width`: `64`, `128` or `gmp` (also the raw names `64-bit`, `128-bit`, `GMP`).
extension SimplexIndexWidth: ExpressibleByArgument {
  public init?(argument: String) { self.init(name: argument) }
  public static var allValueStrings: [String] { names }
}

/// `--input-format`: the strict CSV reader or one of Ripser's formats (matched as Ripser matches
/// them, e.g. `lower_distance_matrix`).
enum RipsFileFormat: Equatable, ExpressibleByArgument {
  case csv
  case ripser(RipserInputFormat)

  init?(argument: String) {
    if argument == "csv" {
      self = .csv
    } else if let format = RipserInputFormat(name: argument) {
      self = .ripser(format)
    } else {
      return nil
    }
  }

  static var allValueStrings: [String] { ["csv"] + RipserInputFormat.allCases.map(\.rawValue) }
  var defaultValueDescription: String { "csv" }
}

/// `--output` of `rips`.
enum RipsOutput: String, CaseIterable, ExpressibleByArgument {
  /// A summary per dimension and every bar.
  case table
  /// One JSON object (as `--json`).
  case json
  /// Ripser's own text output (`persistence intervals in dim k:`).
  case ripser
}

/// `--metric`: the distance between points of a cloud.
extension Metric: ExpressibleByArgument {}

extension RipsCommand {
  /// `--verbose`: the engine's choices, on stderr.
  func reportChoices(_ result: RipsResult, coefficients: Coefficients) {
    let line =
      "rips: \(result.points) points, coefficients \(coefficients.fieldName), threshold \(formatted(result.threshold)), simplex indices \(result.indexWidth.rawValue) (\(result.indexWidth.typeName))\n"
    FileHandle.standardError.write(Data(line.utf8))
  }

  /// `--torsion-check`: the diagrams over Z/2, Z/3 and Q, and the bars where they differ.
  func runTorsionCheck(_ data: RipsInput) throws {
    let report = try TorsionCheck.compute(
      data, metric: rips.metric, options: rips.options(progress: nil)
    ) { field, result in
      if verbose { reportChoices(result, coefficients: field) }
    }
    if outputOptions.json || output == .json { return try printJSON(report) }
    func say(_ line: String) { writeStandardOutput(line + "\n") }
    if report.agree {
      say("\(report.fields.joined(separator: ", ")): the diagrams agree (no torsion seen)")
      return
    }
    let dimensions = report.differing_dimensions.map(String.init).joined(separator: ", ")
    let agreeing = report.fieldsAgreeing(with: report.fields.last!).filter { $0 != "Q" }
    say("the diagrams differ in dimension \(dimensions)")
    say("Q agrees with: \(agreeing.isEmpty ? "none" : agreeing.joined(separator: ", "))")
    say("")
    printTable(
      header: ["dim", "birth", "death"] + report.fields.map { "× \($0)" },
      rows: report.differences.map { difference in
        [
          String(difference.dimension), formatted(difference.birth),
          formatted(difference.death ?? .infinity),
        ] + report.fields.map { String(difference.multiplicities[$0] ?? 0) }
      })
  }
}
