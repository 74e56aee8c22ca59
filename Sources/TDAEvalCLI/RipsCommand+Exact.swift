import ArgumentParser
import Foundation
import TDAEval

/// `--coeff`: a prime p for Z/p, or `Q` for the rationals.
extension Coefficients: ExpressibleByArgument {
  public init?(argument: String) { self.init(text: argument) }
}

/// `--index-width`: `64`, `128` or `gmp` (also the raw names `64-bit`, `128-bit`, `GMP`).
extension SimplexIndexWidth: ExpressibleByArgument {
  public init?(argument: String) {
    switch argument.lowercased() {
    case "64", "64-bit": self = .bits64
    case "128", "128-bit": self = .bits128
    case "gmp": self = .unbounded
    default: return nil
    }
  }

  public static var allValueStrings: [String] { ["64", "128", "gmp"] }
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
    let fields: [Coefficients] = [.prime(2), .prime(3), .rationals]
    var parameters = rips
    var runs: [TorsionCheck.Run] = []
    var last: RipsResult?
    for field in fields {
      parameters.coeff = field
      let result = try parameters.compute(data, progress: nil)
      if verbose { reportChoices(result, coefficients: field) }
      runs.append(TorsionCheck.Run(field: field.fieldName, diagrams: result.diagrams))
      last = result
    }
    let check = TorsionCheck(runs: runs)
    guard let result = last else { return }
    if outputOptions.json || output == .json {
      try printJSON(TorsionCheckReport(check, result: result, maxdim: rips.maxdim))
      return
    }
    let names = runs.map(\.field)
    func say(_ line: String) { writeStandardOutput(line + "\n") }
    if check.agree {
      say("\(names.joined(separator: ", ")): the diagrams agree (no torsion seen)")
      return
    }
    let dimensions = check.differingDimensions.map(String.init).joined(separator: ", ")
    let agreeing = check.fieldsAgreeing(with: names.count - 1).filter { $0 != "Q" }
    say("the diagrams differ in dimension \(dimensions)")
    say("Q agrees with: \(agreeing.isEmpty ? "none" : agreeing.joined(separator: ", "))")
    say("")
    printTable(
      header: ["dim", "birth", "death"] + names.map { "× \($0)" },
      rows: check.differences.map { difference in
        [
          String(difference.dimension), formatted(difference.bar.birth),
          formatted(difference.bar.death),
        ]
          + difference.multiplicities.map(String.init)
      })
  }
}

/// The JSON of `tda-eval rips --torsion-check`.
struct TorsionCheckReport: Encodable {
  struct Difference: Encodable {
    var dimension: Int
    var birth: Double
    /// Null for an essential bar.
    var death: Double?
    /// How many times each field has the bar.
    var multiplicities: [String: Int]
  }

  var maxdim: Int
  var threshold: Double?
  var points: Int
  var fields: [String]
  var agree: Bool
  var differing_dimensions: [Int]
  var differences: [Difference]
  /// The diagrams of each field.
  var diagrams: [String: [PersistenceDiagram]]

  init(_ check: TorsionCheck, result: RipsResult, maxdim: Int) {
    self.maxdim = maxdim
    threshold = result.threshold.isFinite ? result.threshold : nil
    points = result.points
    fields = check.runs.map(\.field)
    agree = check.agree
    differing_dimensions = check.differingDimensions
    differences = check.differences.map { difference in
      Difference(
        dimension: difference.dimension, birth: difference.bar.birth,
        death: difference.bar.isEssential ? nil : difference.bar.death,
        multiplicities: Dictionary(
          uniqueKeysWithValues: zip(check.runs.map(\.field), difference.multiplicities)))
    }
    diagrams = Dictionary(uniqueKeysWithValues: check.runs.map { ($0.field, $0.diagrams) })
  }
}
