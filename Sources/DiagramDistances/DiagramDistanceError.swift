import PointClouds

/// Why a diagram distance could not be computed: an invalid point or an out-of-range parameter.
public enum DiagramDistanceError: Error, Equatable, Sendable {
  /// Point `index` (0-based) of diagram `diagram` ("first" or "second") is NaN, lies below the
  /// diagonal (`death < birth`), or has an infinite coordinate on the wrong side
  /// (`birth == +∞` or `death == −∞`).
  case invalidPoint(diagram: String, index: Int, birth: Double, death: Double)
  /// A parameter is outside its allowed range.
  case invalidParameter(name: String, value: String, allowed: String)
}

extension DiagramDistanceError: LocalizedTDAEvalError {
  public var description: String {
    switch self {
    case .invalidPoint(let diagram, let index, let birth, let death):
      let reason =
        birth.isNaN || death.isNaN
        ? "is NaN" : "is not a valid point (birth ≤ death, birth < +inf, death > -inf)"
      return "point \(index) (\(birth), \(death)) of the \(diagram) diagram \(reason)"
    case .invalidParameter(let name, let value, let allowed):
      return "\(name) must be \(allowed), got \(value)"
    }
  }
}
