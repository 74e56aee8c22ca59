import PointClouds

/// Why a model, a detection or a utility comparison could not be computed; each case names the
/// option, the column or the set to fix.
public enum LearningError: Error, Equatable, Sendable {
  /// An option is outside its allowed range.
  case invalidParameter(name: String, value: String, allowed: String)
  /// A training set has fewer rows (or rows of a class) than the model needs.
  case tooFewRows(set: String, rows: Int, required: Int, purpose: String)
  /// The target has fewer than two classes in a training set.
  case oneClass(target: String, set: String, label: String?)
  /// The target cannot serve the task (e.g. regression on a categorical column).
  case unsuitableTarget(target: String, reason: String)
  /// No feature is left besides the target.
  case noFeatures(target: String)
  /// Newton's method did not converge (never seen on finite data).
  case notConverged(model: String)
}

extension LearningError: LocalizedTDAEvalError {
  public var description: String {
    switch self {
    case .invalidParameter(let name, let value, let allowed):
      return "\(name) must be \(allowed), got \(value)"
    case .tooFewRows(let set, let rows, let required, let purpose):
      return
        "the \(set) set has \(rows) row\(rows == 1 ? "" : "s"); "
        + "\(purpose) needs at least \(required)"
    case .oneClass(let target, let set, let label):
      let only = label.map { " ('\($0)')" } ?? ""
      return
        "the target '\(target)' has a single class\(only) in the \(set) training set; "
        + "a classifier needs two"
    case .unsuitableTarget(let target, let reason):
      return "the target '\(target)' \(reason)"
    case .noFeatures(let target):
      return "no feature column besides the target '\(target)': nothing to predict from"
    case .notConverged(let model):
      return "\(model): Newton's method did not converge"
    }
  }
}
