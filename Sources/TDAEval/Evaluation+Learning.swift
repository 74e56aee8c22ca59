import Foundation

extension Evaluation {
  /// The parts that fit classifiers to the rows of tables: computed once, on the tables, for the
  /// real/synthetic pair (not for the baseline, whose second real sample sits at 0.5 AUC by
  /// construction, nor for the bootstrap).
  static let learningParts: Set<Part> = [.detect, .utility]

  /// With a learning part in ``parts``: the report of the other parts (`evaluateRest` with this
  /// configuration minus the learning parts) with the learning parts computed on `samples`;
  /// otherwise nil.
  func withLearningParts(
    _ samples: () throws -> TableSamples, real: EvaluationReport.Sample,
    synthetic: EvaluationReport.Sample, hasHoldout: Bool,
    evaluateRest: (Evaluation) throws -> EvaluationReport
  ) throws -> EvaluationReport? {
    let learning = parts.intersection(Self.learningParts)
    guard !learning.isEmpty else { return nil }
    if learning.contains(.utility) {
      try check(target != nil, "target", "none", "a column to predict for the utility part")
      try check(hasHoldout, "holdout", "none", "a test table for the utility part")
    }
    var rest = self
    rest.parts.subtract(learning)
    var report =
      rest.parts.isEmpty
      ? EvaluationReport(parameters: self, real: real, synthetic: synthetic)
      : try evaluateRest(rest)
    report.parameters = self
    let tables = try samples()
    for part in learning.sorted() {
      let start = ContinuousClock.now
      switch part {
      case .detect:
        report.detection = try Detection.compute(
          tables,
          options: .init(folds: detectionFolds, permutations: detectionPermutations, seed: seed))
      case .utility:
        report.utility = try Utility.compute(tables, target: target!, task: task)
      default: preconditionFailure("\(part) is not a learning part")
      }
      report.timings[part.rawValue] = (ContinuousClock.now - start).seconds
    }
    return report
  }

  /// Point clouds as the tables `tda-eval detect` reads from their values written exactly under
  /// a header of the real cloud's column names (or 0, 1, …), column kinds inferred, Euclidean
  /// distance.
  static func tables(real: PointCloud, synthetic: PointCloud, holdout: PointCloud?) throws
    -> TableSamples
  {
    // Clouds pair their columns by position: every table takes the real cloud's names.
    let names = real.columnNames ?? (0..<real.dimension).map(String.init)
    func raw(_ cloud: PointCloud, _ file: String) -> RawTable {
      RawTable(
        file: file, names: names,
        cells: (0..<cloud.dimension).map { c in (0..<cloud.count).map { "\(cloud[$0, c])" } },
        lines: (0..<cloud.count).map { $0 + 1 })
    }
    return try TableSamples(
      real: raw(real, "real"), synthetic: raw(synthetic, "synthetic"),
      holdout: holdout.map { raw($0, "holdout") },
      options: TableOptions(distance: .euclidean))
  }
}
