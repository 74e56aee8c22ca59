/// How well predicted classes and probabilities match the true classes, as `sklearn.metrics`
/// computes each score. Classes are indices 0..<classCount shared by truth and predictions.
public struct ClassificationScores: Sendable, Equatable, Codable {
  /// `accuracy_score`: the share of correct predictions.
  public var accuracy: Double
  /// `balanced_accuracy_score`: the mean recall over the classes present in the truth.
  public var balancedAccuracy: Double
  /// `f1_score(average='macro')`: the mean F1 = 2tp / (2tp + fp + fn) over the classes in the
  /// truth or the predictions.
  public var f1Macro: Double
  /// `roc_auc_score`: binary, or the macro mean of one-vs-rest AUCs; nil when undefined (the
  /// truth's classes are not exactly the model's, or fewer than two).
  public var auroc: Double?

  enum CodingKeys: String, CodingKey {
    case accuracy, auroc
    case balancedAccuracy = "balanced_accuracy"
    case f1Macro = "f1_macro"
  }

  public init(accuracy: Double, balancedAccuracy: Double, f1Macro: Double, auroc: Double?) {
    self.accuracy = accuracy
    self.balancedAccuracy = balancedAccuracy
    self.f1Macro = f1Macro
    self.auroc = auroc
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(accuracy, forKey: .accuracy)
    try container.encode(balancedAccuracy, forKey: .balancedAccuracy)
    try container.encode(f1Macro, forKey: .f1Macro)
    try container.encode(auroc, forKey: .auroc)
  }

  /// Scores `predicted` classes and `probabilities` (row-major, one column per entry of
  /// `modelClasses`, the model's classes in increasing order) against `truth`.
  /// - Precondition: `truth` is not empty.
  public init(
    truth: [Int], predicted: [Int], probabilities: [Double], modelClasses: [Int], classCount: Int
  ) {
    precondition(!truth.isEmpty && truth.count == predicted.count, "one prediction per true row")
    let n = truth.count
    var tp = [Int](repeating: 0, count: classCount)
    var trueCount = [Int](repeating: 0, count: classCount)
    var predictedCount = [Int](repeating: 0, count: classCount)
    for (t, p) in zip(truth, predicted) {
      trueCount[t] += 1
      predictedCount[p] += 1
      if t == p { tp[t] += 1 }
    }
    accuracy = Double(tp.reduce(0, +)) / Double(n)
    let present = (0..<classCount).filter { trueCount[$0] > 0 }
    balancedAccuracy =
      present.reduce(0) { $0 + Double(tp[$1]) / Double(trueCount[$1]) } / Double(present.count)
    let labels = (0..<classCount).filter { trueCount[$0] > 0 || predictedCount[$0] > 0 }
    f1Macro =
      labels.reduce(0) { sum, c in
        sum + 2 * Double(tp[c]) / Double(trueCount[c] + predictedCount[c])
      } / Double(labels.count)
    auroc = Self.rocAUC(truth: truth, probabilities: probabilities, modelClasses: modelClasses)
  }

  /// `roc_auc_score(truth, scores)`: binary (the second class positive, its probability the
  /// score) or one-vs-rest averaged over classes; nil unless the truth holds exactly the model's
  /// classes and at least two.
  static func rocAUC(truth: [Int], probabilities: [Double], modelClasses: [Int]) -> Double? {
    let m = modelClasses.count
    guard m >= 2, Set(truth) == Set(modelClasses) else { return nil }
    func auc(_ column: Int) -> Double {
      var positives: [Double] = []
      var negatives: [Double] = []
      for (row, t) in truth.enumerated() {
        let score = probabilities[row * m + column]
        if t == modelClasses[column] { positives.append(score) } else { negatives.append(score) }
      }
      return ROCCurve(positives: positives, negatives: negatives).area
    }
    if m == 2 { return auc(1) }
    return (0..<m).reduce(0) { $0 + auc($1) } / Double(m)
  }
}

/// How well numeric predictions match the truth, as `sklearn.metrics`.
public struct RegressionScores: Sendable, Equatable, Codable {
  /// `r2_score`: 1 − Σ(y − ŷ)² / Σ(y − ȳ)² (1 for a perfect fit of a constant truth, 0 for an
  /// imperfect one).
  public var r2: Double
  /// √`mean_squared_error`.
  public var rmse: Double
  /// `mean_absolute_error`.
  public var mae: Double

  public init(r2: Double, rmse: Double, mae: Double) {
    self.r2 = r2
    self.rmse = rmse
    self.mae = mae
  }

  /// Scores `predicted` against `truth` (not empty).
  public init(truth: [Double], predicted: [Double]) {
    precondition(!truth.isEmpty && truth.count == predicted.count, "one prediction per true row")
    let n = Double(truth.count)
    let mean = truth.reduce(0, +) / n
    var residual = 0.0
    var total = 0.0
    var absolute = 0.0
    for (y, p) in zip(truth, predicted) {
      residual += (y - p) * (y - p)
      total += (y - mean) * (y - mean)
      absolute += abs(y - p)
    }
    r2 = total == 0 ? (residual == 0 ? 1 : 0) : 1 - residual / total
    rmse = (residual / n).squareRoot()
    mae = absolute / n
  }
}
