import Foundation
import Tables
import Testing
import _TestSupport

@testable import Learning

/// The Learning module against scikit-learn and SDMetrics (the cases of
/// `Scripts/references/make_learning_references.py`, public clinical tables and the registry).
@Suite("Learning against scikit-learn")
struct ReferenceTests {
  nonisolated(unsafe) static let reference: [String: Any] = {
    let data = try! Data(
      contentsOf: URL(fileURLWithPath: resourcePath("learning/learning.json", in: Bundle.module)))
    return try! JSONSerialization.jsonObject(with: data) as! [String: Any]
  }()

  static var utilityCases: [[String: Any]] { reference["utility"] as! [[String: Any]] }
  static var detectionCases: [[String: Any]] { reference["detection"] as! [[String: Any]] }

  static func number(_ value: Any?) -> Double? { (value as? NSNumber)?.doubleValue }
  static func numbers(_ value: Any?) -> [Double] { (value as! [NSNumber]).map(\.doubleValue) }

  /// The case's files read as the CLI reads them, under the kinds the script used.
  static func samples(_ testCase: [String: Any]) throws -> TableSamples {
    let kinds = testCase["kinds"] as! [String: String]
    let files = testCase["files"] as! [String]
    func names(_ kind: String) -> [String] { kinds.filter { $0.value == kind }.map(\.key).sorted() }
    let raws = try files.map {
      try RawTable.read(contentsOf: resourcePath("learning/\($0)", in: Bundle.module))
    }
    var overrides = SchemaOverrides(
      categorical: names("categorical"), ordinal: names("ordinal"), ignore: names("ignore"))
    if let levels = testCase["levels"] as? [String: [String]], !levels.isEmpty {
      overrides = SchemaOverrides(ignore: names("ignore"))
      let path = resourcePath("learning/registry_schema.json", in: Bundle.module)
      overrides.schema = try SchemaOverrides.readSchema(contentsOf: path)
      overrides.schemaFile = path
    }
    return try TableSamples(
      real: raws[0], synthetic: raws[1], holdout: raws.count > 2 ? raws[2] : nil,
      options: TableOptions(overrides: overrides))
  }

  static func expectClose(_ a: Double?, _ b: Double?, _ tolerance: Double, _ what: String) {
    switch (a, b) {
    case (nil, nil): break
    case (let x?, let y?):
      #expect(abs(x - y) <= tolerance * max(1, abs(y)), "\(what): \(x) vs scikit-learn \(y)")
    default:
      Issue.record("\(what): \(String(describing: a)) vs scikit-learn \(String(describing: b))")
    }
  }

  @Test("utility scores equal scikit-learn's (AUROC, R² to 1e-6)", arguments: 0..<8)
  func utilityScores(index: Int) throws {
    let testCase = Self.utilityCases[index]
    let name = testCase["name"] as! String
    let task = UtilityReport.Task(rawValue: testCase["task"] as! String)!
    let report = try Utility.compute(
      try Self.samples(testCase), target: testCase["target"] as! String, task: task)
    let rows = testCase["rows"] as! [String: Int]
    #expect(
      report.rows == .init(real: rows["real"]!, synthetic: rows["synthetic"]!, test: rows["test"]!))
    let dropped = testCase["missing_target"] as! [String: Int]
    #expect(
      report.missingTarget
        == .init(real: dropped["real"]!, synthetic: dropped["synthetic"]!, test: dropped["test"]!))
    #expect(
      Set(report.models.keys)
        == (task == .classification ? ["logistic", "knn"] : ["ridge", "knn"]))
    for (model, comparison) in report.models {
      for (set, scores) in [("real", comparison.real), ("synthetic", comparison.synthetic)] {
        let expected =
          ((testCase[set] as! [String: Any])[model] as! [String: Any])["scores"] as! [String: Any]
        let what = "\(name) \(model) trained on \(set)"
        switch scores {
        case .classification(let s):
          Self.expectClose(s.accuracy, Self.number(expected["accuracy"]), 1e-12, "\(what) accuracy")
          Self.expectClose(
            s.balancedAccuracy, Self.number(expected["balanced_accuracy"]), 1e-12,
            "\(what) balanced")
          Self.expectClose(s.f1Macro, Self.number(expected["f1_macro"]), 1e-12, "\(what) F1")
          Self.expectClose(s.auroc, Self.number(expected["auroc"]), 1e-6, "\(what) AUROC")
        case .regression(let s):
          Self.expectClose(s.r2, Self.number(expected["r2"]), 1e-6, "\(what) R²")
          Self.expectClose(s.rmse, Self.number(expected["rmse"]), 1e-6, "\(what) RMSE")
          Self.expectClose(s.mae, Self.number(expected["mae"]), 1e-6, "\(what) MAE")
        }
      }
    }
  }

  @Test("features, coefficients and k-NN predictions equal scikit-learn's", arguments: 0..<8)
  func models(index: Int) throws {
    let testCase = Self.utilityCases[index]
    let name = testCase["name"] as! String
    let target = testCase["target"] as! String
    let samples = try Self.samples(testCase)
    func prepared(_ table: Table) throws -> (features: Table, target: [Double]) {
      let values = try table.selecting(columns: [target], context: "target").columns[0].values
      let rows = values.indices.filter { !values[$0].isNaN }
      let names = table.columns.map(\.name).filter { $0 != target }
      return (
        try table.selecting(rows: rows).selecting(columns: names, context: "features"),
        rows.map { values[$0] }
      )
    }
    let test = try prepared(samples.holdout!)
    let column = try samples.real.selecting(columns: [target], context: "target").columns[0]
    for (set, table) in [("real", samples.real), ("synthetic", samples.synthetic)] {
      let expected = testCase[set] as! [String: Any]
      let what = "\(name) trained on \(set)"
      let training = try prepared(table)
      let encoder = FeatureEncoder(fittedTo: training.features)
      #expect(encoder.names == expected["features"] as! [String], "\(what) features")
      let raw = encoder.encode(training.features)
      let scaler = Scaler(.standard, fittedTo: raw, scaled: encoder.isValue)
      for (a, b) in zip(scaler.centers, Self.numbers(expected["scale_means"])) {
        Self.expectClose(a, b, 1e-12, "\(what) mean")
      }
      for (a, b) in zip(scaler.scales, Self.numbers(expected["scale_scales"])) {
        Self.expectClose(a, b, 1e-12, "\(what) scale")
      }
      let x = scaler.apply(raw)
      let xTest = scaler.apply(encoder.encode(test.features))
      if testCase["task"] as! String == "regression" {
        let ridge = try RidgeRegression(fitting: x, targets: training.target)
        let reference = expected["ridge"] as! [String: Any]
        for (a, b) in zip(ridge.coefficients, Self.numbers(reference["coefficients"])) {
          Self.expectClose(a, b, 1e-8, "\(what) ridge coefficient")
        }
        Self.expectClose(
          ridge.intercept, Self.number(reference["intercept"]), 1e-10, "\(what) intercept")
        let knn = KNeighborsRegressor(training: x, targets: training.target).predict(xTest)
        let expectedKNN = Self.numbers((expected["knn"] as! [String: Any])["predictions"])
        for (row, (a, b)) in zip(knn, expectedKNN).enumerated() {
          #expect(abs(a - b) <= 1e-12 * max(1, abs(b)), "\(what) 5-NN row \(row): \(a) vs \(b)")
        }
        continue
      }
      let classes = ClassLabels(
        codes: training.target + test.target + (try prepared(samples.synthetic).target)
          + (try prepared(samples.real).target), column: column)
      let index = Dictionary(uniqueKeysWithValues: classes.codes.enumerated().map { ($1, $0) })
      let modelClasses = expected["model_classes"] as! [Int]
      #expect(Set(training.target.map { index[$0]! }).sorted() == modelClasses)
      let labels = training.target.map { modelClasses.firstIndex(of: index[$0]!)! }
      let logistic = try LogisticRegression(
        fitting: x, labels: labels, classCount: modelClasses.count)
      let reference = expected["logistic"] as! [String: Any]
      let coefficients = (reference["coefficients"] as! [[NSNumber]]).flatMap {
        $0.map(\.doubleValue)
      }
      let scale = coefficients.reduce(1) { max($0, abs($1)) }
      #expect(logistic.coefficients.count == coefficients.count)
      for (a, b) in zip(logistic.coefficients, coefficients) {
        #expect(abs(a - b) <= 1e-6 * scale, "\(what) logistic coefficient \(a) vs \(b)")
      }
      // Multinomial intercepts are defined up to a common constant: compare them centred.
      let intercepts = Self.numbers(reference["intercepts"])
      let shift = modelClasses.count == 2 ? 0 : intercepts.reduce(0, +) / Double(intercepts.count)
      for (a, b) in zip(logistic.intercepts, intercepts) {
        #expect(
          abs(a - (b - shift)) <= 1e-6 * max(1, abs(b)), "\(what) intercept \(a) vs \(b - shift)")
      }
      let probabilities = logistic.probabilities(xTest)
      let expectedProbabilities = (reference["probabilities"] as! [[NSNumber]]).flatMap {
        $0.map(\.doubleValue)
      }
      for (a, b) in zip(probabilities, expectedProbabilities) {
        #expect(abs(a - b) <= 1e-7, "\(what) logistic probability \(a) vs \(b)")
      }
      let knn = KNeighborsClassifier(training: x, labels: labels, classCount: modelClasses.count)
      let predicted = predictedClasses(knn.probabilities(xTest), classCount: modelClasses.count)
        .map { modelClasses[$0] }
      #expect(
        predicted == ((expected["knn"] as! [String: Any])["predictions"] as! [Int]), "\(what) 5-NN")
      let votes = (((expected["knn"] as! [String: Any])["probabilities"]) as! [[NSNumber]])
        .flatMap { $0.map(\.doubleValue) }
      #expect(knn.probabilities(xTest) == votes, "\(what) 5-NN vote shares")
    }
  }

  @Test("logistic detection equals scikit-learn on our folds", arguments: 0..<4)
  func detection(index: Int) throws {
    let testCase = Self.detectionCases[index]
    let name = testCase["name"] as! String
    let samples = try Self.samples(testCase)
    let folds = testCase["folds"] as! Int
    let seed = UInt64(testCase["seed"] as! Int)
    let assigned = Detection.folds(
      real: samples.real.rowCount, synthetic: samples.synthetic.rowCount, folds: folds, seed: seed)
    #expect(
      assigned.folds == testCase["fold_of_row"] as! [Int], "\(name): the script's folds are ours")
    #expect(
      FeatureEncoder(fittedTo: samples.real, alsoSeeing: [samples.synthetic]).names
        == testCase["features"] as! [String])
    let result = try Detection.logisticDetection(
      real: samples.real, synthetic: samples.synthetic, folds: folds, seed: seed)
    for (f, (a, b)) in zip(result.folds, Self.numbers(testCase["aucs"])).enumerated() {
      Self.expectClose(a, b, 1e-6, "\(name) fold \(f) AUC")
    }
    Self.expectClose(result.auc, Self.number(testCase["auc"]), 1e-6, "\(name) AUC")
    Self.expectClose(result.score, Self.number(testCase["score"]), 1e-6, "\(name) score")
    // SDMetrics' own pipeline stops lbfgs at tol 1e-4: close, not equal.
    for (a, b) in zip(result.folds, Self.numbers(testCase["sdmetrics_aucs"])) {
      #expect(abs(a - b) <= 5e-3, "\(name): \(a) vs SDMetrics \(b)")
    }
  }
}
