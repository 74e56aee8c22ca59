import PointClouds
import Tables

/// The attribute-inference attack: an attacker who knows a real person's quasi-identifiers (age,
/// sex, postcode…) looks up the nearest synthetic row on those columns and reads its sensitive
/// value. Reported as accuracy (categorical or ordinal sensitive column) or RMSE (numeric), for the
/// real (training) rows and, with a holdout, for rows the generator never saw: leakage shows as
/// the difference.
///
/// Nearest rows are found in the chosen distance restricted to the quasi-identifier columns (Gower
/// with ranges from the real rows; Euclidean on their raw values when all are numeric, otherwise on
/// their embedding); ties go to the first synthetic row in file order. Synthetic rows whose
/// sensitive cell is missing are never chosen; real rows whose sensitive cell is missing are not
/// attacked (`rows` counts those that are).
public struct AttributeInference: Codable, Sendable, Equatable {
  /// One attacked set's result.
  public struct Result: Codable, Sendable, Equatable {
    /// Rows attacked.
    public var rows: Int
    /// Share of exact guesses (categorical or ordinal sensitive column).
    public var accuracy: Double?
    /// Root mean squared error of the guesses (numeric sensitive column).
    public var rmse: Double?
  }

  public var quasiIdentifiers: [String]
  public var sensitive: String
  /// The attack on the training rows.
  public var training: Result
  /// The same attack on the holdout rows (what a fresh real sample leaks).
  public var holdout: Result?

  enum CodingKeys: String, CodingKey {
    case sensitive, holdout
    case quasiIdentifiers = "quasi_identifiers"
    case rows, accuracy, rmse
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(quasiIdentifiers, forKey: .quasiIdentifiers)
    try container.encode(sensitive, forKey: .sensitive)
    try container.encode(training.rows, forKey: .rows)
    try container.encodeIfPresent(training.accuracy, forKey: .accuracy)
    try container.encodeIfPresent(training.rmse, forKey: .rmse)
    try container.encodeIfPresent(holdout, forKey: .holdout)
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    quasiIdentifiers = try container.decode([String].self, forKey: .quasiIdentifiers)
    sensitive = try container.decode(String.self, forKey: .sensitive)
    training = Result(
      rows: try container.decode(Int.self, forKey: .rows),
      accuracy: try container.decodeIfPresent(Double.self, forKey: .accuracy),
      rmse: try container.decodeIfPresent(Double.self, forKey: .rmse))
    holdout = try container.decodeIfPresent(Result.self, forKey: .holdout)
  }

  init(quasiIdentifiers: [String], sensitive: String, training: Result, holdout: Result?) {
    self.quasiIdentifiers = quasiIdentifiers
    self.sensitive = sensitive
    self.training = training
    self.holdout = holdout
  }

  /// Runs the attack on `samples` (tables read together).
  /// - Throws: ``TableError`` for an unknown column, or a missing quasi-identifier cell under the
  ///   Euclidean distance; ``SampleMetricsError`` when the sensitive column is also a
  ///   quasi-identifier or no synthetic row has a sensitive value.
  public static func compute(
    _ samples: TableSamples, quasiIdentifiers: [String], sensitive: String,
    progress: ProgressHandler? = nil
  ) throws -> AttributeInference {
    guard !quasiIdentifiers.contains(sensitive) else {
      throw SampleMetricsError.invalidParameter(
        name: "--sensitive", value: sensitive, allowed: "a column that is not a quasi-identifier")
    }
    guard !quasiIdentifiers.isEmpty else {
      throw SampleMetricsError.invalidParameter(
        name: "--quasi-identifiers", value: "none", allowed: "at least one column")
    }
    let target = try samples.real.selecting(columns: [sensitive], context: "--sensitive").columns[0]
    let syntheticTarget = try samples.synthetic.selecting(
      columns: [sensitive], context: "--sensitive"
    )
    .columns[0].values
    let candidates = samples.synthetic.selecting(
      rows: syntheticTarget.indices.filter { !syntheticTarget[$0].isNaN })
    guard candidates.rowCount > 0 else {
      throw SampleMetricsError.invalidParameter(
        name: "synthetic rows with a '\(sensitive)' value", value: "0", allowed: "at least 1")
    }
    let realKeys = try samples.real.selecting(
      columns: quasiIdentifiers, context: "--quasi-identifiers")
    let syntheticKeys = try candidates.selecting(
      columns: quasiIdentifiers, context: "--quasi-identifiers")
    let guesses = try candidates.selecting(columns: [sensitive], context: "--sensitive").columns[0]
      .values
    let space: (Table) throws -> RowSpace
    switch samples.distance {
    case .gower:
      let gower = GowerDistance(fittedTo: realKeys)
      space = { .gower($0, gower) }
    case .euclidean:
      if realKeys.isAllNumeric {
        space = { table in
          if let error = table.missingCellError() { throw error }
          return .euclidean(table.numericCloud!)
        }
      } else {
        let embedding = try EuclideanEmbedding(fittedTo: realKeys)
        space = { .euclidean(try embedding.apply(to: $0)) }
      }
    }
    let references = try space(syntheticKeys)
    func attack(_ keys: Table, truth: [Double]) throws -> Result {
      let nearest = try space(keys).nearest(in: references, progress: progress).indices
      let attacked = truth.indices.filter { !truth[$0].isNaN }
      if target.kind == .numeric {
        let squares = attacked.map {
          (guesses[nearest[$0]] - truth[$0]) * (guesses[nearest[$0]] - truth[$0])
        }
        return Result(rows: attacked.count, rmse: mean(squares).squareRoot())
      }
      let hits = attacked.filter { guesses[nearest[$0]] == truth[$0] }.count
      return Result(
        rows: attacked.count, accuracy: attacked.isEmpty ? 0 : Double(hits) / Double(attacked.count)
      )
    }
    let training = try attack(realKeys, truth: target.values)
    var held: Result? = nil
    if let holdout = samples.holdout {
      held = try attack(
        try holdout.selecting(columns: quasiIdentifiers, context: "--quasi-identifiers"),
        truth: try holdout.selecting(columns: [sensitive], context: "--sensitive").columns[0].values
      )
    }
    return AttributeInference(
      quasiIdentifiers: quasiIdentifiers, sensitive: sensitive, training: training, holdout: held)
  }

  /// One line saying what the attack found.
  var reading: String {
    func describe(_ result: Result) -> String {
      if let accuracy = result.accuracy { return "accuracy \(accuracy)" }
      return "RMSE \(result.rmse ?? .nan)"
    }
    var line =
      "guessing '\(sensitive)' from \(quasiIdentifiers.joined(separator: ", ")) via the nearest synthetic row: \(describe(training)) on training rows"
    if let holdout { line += " against \(describe(holdout)) on holdout rows (the gap is the leak)" }
    return line
  }
}
