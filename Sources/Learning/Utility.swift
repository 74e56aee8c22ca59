import Foundation
import Tables

/// Train on synthetic, test on real (TSTR) against train on real, test on real (TRTR): the same
/// scikit-learn models with their defaults fitted once on the real training table and once on the
/// synthetic one, both scored on a held-out real test table.
///
/// Classification (a categorical or ordinal target): ``LogisticRegression`` (C = 1) and
/// ``KNeighborsClassifier`` (k = 5), scored by ``ClassificationScores``. Regression (a numeric
/// target; an ordinal one on request, on its ranks): ``RidgeRegression`` (α = 1) and
/// ``KNeighborsRegressor`` (k = 5), scored by ``RegressionScores``. Each training table's
/// features are fitted on it alone: ``FeatureEncoder`` (one-hot, unknown test categories all
/// zero, missing cells imputed and flagged) then a `standard` ``Scaler`` of the value features,
/// the 0/1 indicators left as they are (a `ColumnTransformer` of `StandardScaler` and
/// `OneHotEncoder`). Rows whose target is missing are left out of every set and counted in
/// `missing_target`.
public struct UtilityReport: Sendable, Codable, Equatable {
  /// What is predicted.
  public enum Task: String, Sendable, Codable, CaseIterable {
    case classification, regression
  }

  /// One model's scores: classification or regression.
  public enum Scores: Sendable, Codable, Equatable {
    case classification(ClassificationScores)
    case regression(RegressionScores)

    public func encode(to encoder: any Encoder) throws {
      switch self {
      case .classification(let scores): try scores.encode(to: encoder)
      case .regression(let scores): try scores.encode(to: encoder)
      }
    }

    public init(from decoder: any Decoder) throws {
      if let scores = try? RegressionScores(from: decoder) {
        self = .regression(scores)
      } else {
        self = .classification(try ClassificationScores(from: decoder))
      }
    }

    /// `self` − `baseline`, score by score (nil where either is).
    func minus(_ baseline: Scores) -> Scores {
      switch (self, baseline) {
      case (.classification(let a), .classification(let b)):
        var auroc: Double? = nil
        if let x = a.auroc, let y = b.auroc { auroc = x - y }
        return .classification(
          ClassificationScores(
            accuracy: a.accuracy - b.accuracy,
            balancedAccuracy: a.balancedAccuracy - b.balancedAccuracy,
            f1Macro: a.f1Macro - b.f1Macro, auroc: auroc))
      case (.regression(let a), .regression(let b)):
        return .regression(
          RegressionScores(r2: a.r2 - b.r2, rmse: a.rmse - b.rmse, mae: a.mae - b.mae))
      default:
        preconditionFailure("scores of one task")
      }
    }
  }

  /// One model trained on each training table, scored on the test table.
  public struct Comparison: Sendable, Codable, Equatable {
    /// Trained on the real table (TRTR).
    public var real: Scores
    /// Trained on the synthetic table (TSTR).
    public var synthetic: Scores
    /// synthetic − real, score by score.
    public var gap: Scores
  }

  /// Rows per set.
  public struct Rows: Sendable, Codable, Equatable {
    public var real: Int
    public var synthetic: Int
    public var test: Int
  }

  public var task: Task
  public var target: String
  /// `logistic` and `knn` (classification) or `ridge` and `knn` (regression).
  public var models: [String: Comparison]
  /// Rows used (target present) per set.
  public var rows: Rows
  /// Rows left out for a missing target, per set.
  public var missingTarget: Rows

  enum CodingKeys: String, CodingKey {
    case task, target, models, rows
    case missingTarget = "missing_target"
  }
}

/// TRTR against TSTR (``UtilityReport``).
public enum Utility {
  /// Neighbours of the k-NN models (scikit-learn's default).
  public static let neighbours = 5

  /// The comparison on `samples`, whose holdout table is the test table.
  public static func compute(
    _ samples: TableSamples, target: String, task: UtilityReport.Task? = nil
  ) throws -> UtilityReport {
    guard let test = samples.holdout else {
      throw LearningError.invalidParameter(name: "--test", value: "none", allowed: "a test table")
    }
    return try compute(
      train: samples.real, synthetic: samples.synthetic, test: test, target: target, task: task)
  }

  /// The comparison of models trained on `train` (real) and on `synthetic`, scored on `test`
  /// (tables encoded together, as ``TableSamples`` reads them).
  /// - Throws: ``TableError/unknownColumn(file:column:context:)`` for an unknown target;
  ///   ``LearningError`` for a target unfit for the task, a training set with one class or fewer
  ///   rows than k, an empty test set, no feature column.
  public static func compute(
    train: Table, synthetic: Table, test: Table, target: String, task: UtilityReport.Task? = nil
  ) throws -> UtilityReport {
    guard let c = train.columns.firstIndex(where: { $0.name == target }) else {
      throw TableError.unknownColumn(file: train.file, column: target, context: "--target")
    }
    let column = train.columns[c]
    let task = task ?? (column.kind == .numeric ? .regression : .classification)
    if task == .regression && column.kind == .categorical {
      throw LearningError.unsuitableTarget(
        target: target, reason: "is categorical; regression needs a numeric or ordinal column")
    }
    let features = train.columns.map(\.name).filter { $0 != target }
    guard !features.isEmpty else { throw LearningError.noFeatures(target: target) }
    let sets = [("real", train), ("synthetic", synthetic), ("test", test)]
    var kept: [(features: Table, target: [Double])] = []
    var missing: [Int] = []
    for (_, table) in sets {
      let values = table.columns[c].values
      let rows = values.indices.filter { !values[$0].isNaN }
      kept.append(
        (
          try table.selecting(rows: rows).selecting(columns: features, context: "--target"),
          rows.map { values[$0] }
        ))
      missing.append(table.rowCount - rows.count)
    }
    guard kept[2].target.count > 0 else {
      throw LearningError.tooFewRows(
        set: "test", rows: 0, required: 1, purpose: "scoring (rows with a '\(target)' value)")
    }
    for index in 0..<2 where kept[index].target.count < neighbours {
      throw LearningError.tooFewRows(
        set: sets[index].0, rows: kept[index].target.count, required: neighbours,
        purpose: "\(neighbours)-NN (rows with a '\(target)' value)")
    }
    let classes = ClassLabels(codes: kept.flatMap(\.target), column: column)
    if task == .classification {
      for index in 0..<2 {
        let distinct = Set(kept[index].target)
        if distinct.count < 2 {
          let label = distinct.first.flatMap { code in
            classes.names[classes.codes.firstIndex(of: code)!]
          }
          throw LearningError.oneClass(target: target, set: sets[index].0, label: label)
        }
      }
    }
    let results = UnsafeMutableBufferPointer<Result<[String: UtilityReport.Scores], any Error>?>
      .allocate(capacity: 2)
    results.initialize(repeating: nil)
    defer { results.deallocate() }
    nonisolated(unsafe) let slots = results
    let testSet = kept[2]
    let trainingSets = [kept[0], kept[1]]
    DispatchQueue.concurrentPerform(iterations: 2) { index in
      slots[index] = Result {
        try scores(
          training: trainingSets[index], test: testSet, task: task, classes: classes)
      }
    }
    let real = try results[0]!.get()
    let fake = try results[1]!.get()
    var models: [String: UtilityReport.Comparison] = [:]
    for name in real.keys {
      models[name] = UtilityReport.Comparison(
        real: real[name]!, synthetic: fake[name]!, gap: fake[name]!.minus(real[name]!))
    }
    return UtilityReport(
      task: task, target: target, models: models,
      rows: .init(
        real: kept[0].target.count, synthetic: kept[1].target.count, test: testSet.target.count),
      missingTarget: .init(real: missing[0], synthetic: missing[1], test: missing[2]))
  }

  /// Both models of `task` fitted on `training`, scored on `test`.
  static func scores(
    training: (features: Table, target: [Double]), test: (features: Table, target: [Double]),
    task: UtilityReport.Task, classes: ClassLabels
  ) throws -> [String: UtilityReport.Scores] {
    let encoder = FeatureEncoder(fittedTo: training.features)
    let raw = encoder.encode(training.features)
    let scaler = Scaler(.standard, fittedTo: raw, scaled: encoder.isValue)
    let x = scaler.apply(raw)
    let xTest = scaler.apply(encoder.encode(test.features))
    switch task {
    case .regression:
      let ridge = try RidgeRegression(fitting: x, targets: training.target)
      let knn = KNeighborsRegressor(training: x, targets: training.target, k: neighbours)
      return [
        "ridge": .regression(RegressionScores(truth: test.target, predicted: ridge.predict(xTest))),
        "knn": .regression(RegressionScores(truth: test.target, predicted: knn.predict(xTest))),
      ]
    case .classification:
      let index = Dictionary(uniqueKeysWithValues: classes.codes.enumerated().map { ($1, $0) })
      let truth = test.target.map { index[$0]! }
      let trained = training.target.map { index[$0]! }
      let modelClasses = Set(trained).sorted()
      let position = Dictionary(uniqueKeysWithValues: modelClasses.enumerated().map { ($1, $0) })
      let labels = trained.map { position[$0]! }
      func scored(_ probabilities: [Double]) -> UtilityReport.Scores {
        let predicted = predictedClasses(probabilities, classCount: modelClasses.count).map {
          modelClasses[$0]
        }
        return .classification(
          ClassificationScores(
            truth: truth, predicted: predicted, probabilities: probabilities,
            modelClasses: modelClasses, classCount: classes.codes.count))
      }
      let logistic = try LogisticRegression(
        fitting: x, labels: labels, classCount: modelClasses.count)
      let knn = KNeighborsClassifier(
        training: x, labels: labels, classCount: modelClasses.count, k: neighbours)
      return [
        "logistic": scored(logistic.probabilities(xTest)),
        "knn": scored(knn.probabilities(xTest)),
      ]
    }
  }
}
