/// The ROC curve of scores for positive and negative examples, as `sklearn.metrics.roc_curve`
/// computes it (default `drop_intermediate=True`): one point per distinct score, from the highest
/// down, cumulative false and true positive rates; points in the middle of a straight run are
/// dropped (where neither cumulative count changes its step); (0, 0) comes first.
public struct ROCCurve: Codable, Sendable, Equatable {
  /// False positive rates, increasing.
  public var falsePositiveRates: [Double]
  /// True positive rates, increasing.
  public var truePositiveRates: [Double]

  enum CodingKeys: String, CodingKey {
    case falsePositiveRates = "fpr"
    case truePositiveRates = "tpr"
  }

  /// The curve of `positives` and `negatives` scores (higher means "more positive").
  /// - Precondition: both are non-empty.
  public init(positives: [Double], negatives: [Double]) {
    precondition(!positives.isEmpty && !negatives.isEmpty, "ROC needs both classes")
    let labelled = (positives.map { ($0, true) } + negatives.map { ($0, false) }).sorted {
      $0.0 > $1.0
    }
    var tps: [Double] = []
    var fps: [Double] = []
    var tp = 0.0
    var fp = 0.0
    for (index, (score, positive)) in labelled.enumerated() {
      if positive { tp += 1 } else { fp += 1 }
      if index == labelled.count - 1 || labelled[index + 1].0 != score {
        tps.append(tp)
        fps.append(fp)
      }
    }
    // Drop points where both second differences vanish (sklearn's drop_intermediate).
    var kept: [Int] = []
    for i in tps.indices {
      if i == 0 || i == tps.count - 1 {
        kept.append(i)
        continue
      }
      let secondFP = fps[i + 1] - 2 * fps[i] + fps[i - 1]
      let secondTP = tps[i + 1] - 2 * tps[i] + tps[i - 1]
      if secondFP != 0 || secondTP != 0 { kept.append(i) }
    }
    let p = Double(positives.count)
    let n = Double(negatives.count)
    falsePositiveRates = [0] + kept.map { fps[$0] / n }
    truePositiveRates = [0] + kept.map { tps[$0] / p }
  }

  /// The area under the curve by the trapezoidal rule (`sklearn.metrics.roc_auc_score`); ties
  /// between a positive and a negative score count one half.
  public var area: Double {
    var total = 0.0
    for i in 1..<falsePositiveRates.count {
      total +=
        (falsePositiveRates[i] - falsePositiveRates[i - 1])
        * (truePositiveRates[i] + truePositiveRates[i - 1]) / 2
    }
    return total
  }

  /// The largest true positive rate among the curve's points whose false positive rate is at most
  /// `rate` (no interpolation).
  public func truePositiveRate(atFalsePositiveRate rate: Double) -> Double {
    zip(falsePositiveRates, truePositiveRates).filter { $0.0 <= rate }.map(\.1).max() ?? 0
  }
}
