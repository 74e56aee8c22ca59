import PointClouds

extension TorsionCheck {
  /// The fields `tda-eval rips --torsion-check` compares: Z/2, Z/3 and Q.
  public static let defaultFields: [Coefficients] = [.prime(2), .prime(3), .rationals]

  /// Computes the diagrams of `input` over each of `fields` (`options.coefficients` is not used)
  /// and compares them; `computed` sees each field's result as it is done.
  public static func compute(
    _ input: RipsInput, metric: Metric = .euclidean, options: RipsOptions,
    fields: [Coefficients] = defaultFields,
    computed: (Coefficients, RipsResult) -> Void = { _, _ in }
  ) throws(PersistenceError) -> TorsionCheckReport {
    precondition(!fields.isEmpty, "a torsion check needs at least one field")
    var runs: [Run] = []
    var parameters = options
    var last: RipsResult?
    for field in fields {
      parameters.coefficients = field
      let result = try RipsPersistence.compute(input, metric: metric, options: parameters)
      computed(field, result)
      runs.append(Run(field: field.fieldName, diagrams: result.diagrams))
      last = result
    }
    return TorsionCheckReport(
      TorsionCheck(runs: runs), result: last!, maxdim: options.maxDimension)
  }
}

/// The outcome of a torsion check as `tda-eval rips --torsion-check --json` prints it: the
/// parameters, whether the fields agree, the bars that differ and every field's diagrams.
public struct TorsionCheckReport: Codable, Sendable, Equatable {
  /// A bar whose multiplicity differs between fields.
  public struct Difference: Codable, Sendable, Equatable {
    /// The homology dimension.
    public var dimension: Int
    /// The birth.
    public var birth: Double
    /// The death; absent for an essential bar.
    public var death: Double?
    /// How many times each field has the bar, by field name.
    public var multiplicities: [String: Int]
  }

  /// The largest homology dimension asked for.
  public var maxdim: Int
  /// The threshold of the filtration; absent if infinite.
  public var threshold: Double?
  /// The number of points.
  public var points: Int
  /// The fields compared (`Z/2`, `Z/3`, `Q`), in order.
  public var fields: [String]
  /// Whether all fields have the same diagrams.
  public var agree: Bool
  /// The dimensions in which some fields differ, increasing.
  public var differing_dimensions: [Int]
  /// The bars that differ, by dimension, then birth, then death.
  public var differences: [Difference]
  /// The diagrams of each field.
  public var diagrams: [String: [PersistenceDiagram]]

  /// The report of `check`, whose last run is `result`, computed up to `maxdim`.
  public init(_ check: TorsionCheck, result: RipsResult, maxdim: Int) {
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

  /// The fields whose diagrams equal those of `field`, in order (`field` included).
  public func fieldsAgreeing(with field: String) -> [String] {
    fields.filter { other in
      differences.allSatisfy { $0.multiplicities[other] == $0.multiplicities[field] }
    }
  }
}
