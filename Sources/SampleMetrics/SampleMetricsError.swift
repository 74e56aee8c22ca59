import PointClouds

/// Why a sample metric could not be computed from its input or parameters.
///
/// Every case names the set (`"real"`, `"synthetic"`, `"holdout"`) or the parameter, and the
/// allowed range, so the message alone tells a person what to fix.
public enum SampleMetricsError: Error, Equatable, Sendable {
  /// A parameter is outside its allowed range.
  case invalidParameter(name: String, value: String, allowed: String)
  /// A set has fewer points than the metric needs.
  case tooFewPoints(set: String, count: Int, required: Int)
  /// Two sets that must share a dimension do not.
  case dimensionMismatch(set: String, dimension: Int, otherSet: String, otherDimension: Int)
  /// A coordinate is NaN or infinite.
  case notFinite(set: String, point: Int, coordinate: Int)
  /// A coordinate is so large that squared distances would overflow float64.
  case tooLarge(set: String, point: Int, coordinate: Int, limit: Double)
  /// A set has no coordinates (dimension 0).
  case noColumns(set: String)
  /// The sample covariance of a set is singular (a kernel density with a data-scaled bandwidth
  /// rule needs it positive definite): collapsed or linearly dependent columns.
  case singularCovariance(set: String)
}

extension SampleMetricsError: LocalizedTDAEvalError {
  public var description: String {
    switch self {
    case .invalidParameter(let name, let value, let allowed):
      return "\(name) must be \(allowed), got \(value)"
    case .tooFewPoints(let set, let count, let required):
      return
        "the \(set) set has \(count) point\(count == 1 ? "" : "s"), at least \(required) needed"
    case .dimensionMismatch(let set, let dimension, let otherSet, let otherDimension):
      return
        "the \(set) set has dimension \(dimension) but the \(otherSet) set has dimension \(otherDimension)"
    case .notFinite(let set, let point, let coordinate):
      return
        "the \(set) set has a NaN or infinite value at point \(point), coordinate \(coordinate) (0-based)"
    case .tooLarge(let set, let point, let coordinate, let limit):
      return
        "the \(set) set has a value of magnitude above \(limit) at point \(point), coordinate \(coordinate) (0-based): squared distances would overflow float64; rescale the data"
    case .noColumns(let set):
      return "the \(set) set has no columns"
    case .singularCovariance(let set):
      return
        "the sample covariance of the \(set) set is singular (constant or linearly dependent columns); use a fixed bandwidth"
    }
  }
}

/// Checks that `cloud` has columns, at least `minimum` points and only finite coordinates small
/// enough that no squared distance between two such points overflows: |x| ≤ √(max / 4d), and
/// neither all tiny (below 2^-200) nor of mixed scales (``PowerOfTwoScale/fitting(_:)``).
func validate(_ cloud: PointCloud, named set: String, minimum: Int) throws {
  guard cloud.dimension > 0 else { throw SampleMetricsError.noColumns(set: set) }
  guard cloud.count >= minimum else {
    throw SampleMetricsError.tooFewPoints(set: set, count: cloud.count, required: minimum)
  }
  if let bad = cloud.coordinates.firstIndex(where: { !$0.isFinite }) {
    throw SampleMetricsError.notFinite(
      set: set, point: bad / cloud.dimension, coordinate: bad % cloud.dimension)
  }
  let limit = (Double.greatestFiniteMagnitude / Double(4 * cloud.dimension)).squareRoot()
  if let bad = cloud.coordinates.firstIndex(where: { abs($0) > limit }) {
    throw SampleMetricsError.tooLarge(
      set: set, point: bad / cloud.dimension, coordinate: bad % cloud.dimension, limit: limit)
  }
  // Mixed scales (distinct values closer than 2^-500 of the largest) throw a MagnitudeError; a
  // cloud that would need units scaled up (every |x| < 2^-200) is refused too: its squared
  // distances lose precision or underflow.
  let scale = try PowerOfTwoScale.fitting([("the \(set) set", cloud)])
  if scale.exponent > 0 {
    let largest = cloud.coordinates.reduce(0) { max($0, $1.magnitude) }
    throw MagnitudeError(
      reason: "every coordinate of the \(set) set is below 2^-200 in magnitude (largest "
        + "\(largest)): squared distances would lose precision or underflow float64; "
        + "rescale the data")
  }
}

/// Checks that `other` has the dimension of `cloud`.
func validateSameDimension(
  _ cloud: PointCloud, named set: String, _ other: PointCloud, named otherSet: String
) throws {
  guard cloud.dimension == other.dimension else {
    throw SampleMetricsError.dimensionMismatch(
      set: set, dimension: cloud.dimension, otherSet: otherSet, otherDimension: other.dimension)
  }
}
