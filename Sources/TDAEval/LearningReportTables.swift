import Foundation

extension DetectionReport {
  /// The header of ``tableRows(_:)``.
  public static let tableHeader = ["detector", "measure", "value"]

  /// The report as rows of `tda-eval detect`'s table, values written by `format`.
  public func tableRows(_ format: (Double) -> String) -> [[String]] {
    let nearest = "1-NN (\(distance.rawValue))"
    return [
      ["logistic", "ROC AUC (mean of \(folds) folds)", format(logistic.auc)],
      ["logistic", "fold AUCs", logistic.folds.map(format).joined(separator: ", ")],
      ["logistic", "SDMetrics score", format(logistic.score)],
      [nearest, "accuracy", format(nearestNeighbour.accuracy)],
      [
        nearest, "p-value (\(nearestNeighbour.permutations) permutations)",
        format(nearestNeighbour.pValue),
      ],
    ]
  }
}

extension UtilityReport {
  /// The header of ``tableRows(_:)`` for this report's task.
  public var tableHeader: [String] {
    task == .classification
      ? ["model", "trained on", "accuracy", "balanced accuracy", "macro F1", "ROC AUC"]
      : ["model", "trained on", "R²", "RMSE", "MAE"]
  }

  /// The report as rows of `tda-eval utility`'s table (per model: real, synthetic, gap), values
  /// written by `format`.
  public func tableRows(_ format: (Double) -> String) -> [[String]] {
    var rows: [[String]] = []
    for model in models.keys.sorted() {
      let comparison = models[model]!
      for (set, scores) in [
        ("real", comparison.real), ("synthetic", comparison.synthetic), ("gap", comparison.gap),
      ] {
        switch scores {
        case .classification(let s):
          rows.append([
            model, set, format(s.accuracy), format(s.balancedAccuracy), format(s.f1Macro),
            s.auroc.map(format) ?? "—",
          ])
        case .regression(let s):
          rows.append([model, set, format(s.r2), format(s.rmse), format(s.mae)])
        }
      }
    }
    return rows
  }

  /// One line on the task and the rows, as `tda-eval utility` prints it above its table.
  public var summary: String {
    "\(task.rawValue) of '\(target)': \(rows.real) real, \(rows.synthetic) synthetic training rows, "
      + "\(rows.test) test rows"
  }
}
