import Foundation
import PointClouds
import Tables
import Testing
import _TestSupport

@testable import Learning

/// Cases small enough to work out by hand (or by a few lines of bisection), and the edge cases:
/// a single category, a constant column, two rows, a class missing from the training set, ties.
@Suite("Learning: hand-computed cases")
struct HandComputedTests {
  static func table(_ columns: [Table.Column], file: String = "t.csv") -> Table {
    Table(file: file, columns: columns, lines: (0..<columns[0].values.count).map { $0 + 2 })
  }

  static func matrix(_ rows: [[Double]]) -> DesignMatrix {
    DesignMatrix(
      rowCount: rows.count, columnCount: rows[0].count, values: rows.flatMap { $0 },
      names: (0..<rows[0].count).map { "x\($0)" })
  }

  @Test("a single category and a constant column scale to zero features (scale 1)")
  func singleCategoryAndConstant() throws {
    let t = Self.table([
      Table.Column(name: "c", kind: .categorical, values: [0, 0, 0, 0], categories: ["a"]),
      Table.Column(name: "k", kind: .numeric, values: [5, 5, 5, 5]),
    ])
    let encoder = FeatureEncoder(fittedTo: t)
    #expect(encoder.names == ["c=a", "k"])
    let raw = encoder.encode(t)
    #expect(raw.values == [1, 5, 1, 5, 1, 5, 1, 5])
    let scaler = Scaler(.standard, fittedTo: raw)
    #expect(scaler.centers == [1, 5] && scaler.scales == [1, 1])
    #expect(scaler.apply(raw).values.allSatisfy { $0 == 0 })
    // Ridge on zero features predicts the mean target.
    let ridge = try RidgeRegression(fitting: scaler.apply(raw), targets: [1, 2, 3, 6])
    #expect(ridge.coefficients == [0, 0] && ridge.intercept == 3)
  }

  @Test("missing cells: the fitted mean and an indicator; a missing category of its own")
  func missingCells() {
    let t = Self.table([
      Table.Column(name: "x", kind: .numeric, values: [1, .nan, 3]),
      Table.Column(name: "c", kind: .categorical, values: [1, .nan, 0], categories: ["b", "a"]),
    ])
    let encoder = FeatureEncoder(fittedTo: t)
    #expect(encoder.names == ["x", "x=<missing>", "c=a", "c=b", "c=<missing>"])
    #expect(encoder.encode(t).values == [1, 0, 1, 0, 0, 2, 1, 0, 0, 1, 3, 0, 0, 1, 0])
    // A table fitted without missing cells imputes unseen ones without an indicator, and an
    // unseen category is all zeros (handle_unknown='ignore').
    let complete = Self.table([
      Table.Column(name: "x", kind: .numeric, values: [2, 4]),
      Table.Column(name: "c", kind: .categorical, values: [0, 0], categories: ["b", "a"]),
    ])
    let fitted = FeatureEncoder(fittedTo: complete)
    #expect(fitted.names == ["x", "c=b"])
    #expect(fitted.encode(t).values == [1, 0, 3, 0, 3, 1])
  }

  @Test("robust scaling: median and interquartile range as numpy's linear percentiles")
  func robust() {
    let x = Self.matrix([[1], [2], [4], [10]])
    let scaler = Scaler(.robust, fittedTo: x)
    // Quartiles at positions 0.75 and 2.25: 1.75 and 5.5; median 3.
    #expect(scaler.centers == [3] && scaler.scales == [3.75])
  }

  @Test("two rows: logistic regression at the root of w = 2σ(−w), ridge in closed form")
  func twoRows() throws {
    let model = try LogisticRegression(
      fitting: Self.matrix([[-1], [1]]), labels: [0, 1], classCount: 2)
    // f(w, b) = log(1 + e^(w−b)) + log(1 + e^(−w−b)) + w²/2 is even in b: b = 0 and w = 2σ(−w).
    var low = 0.0
    var high = 2.0
    for _ in 0..<200 {
      let mid = (low + high) / 2
      if mid - 2 / (1 + exp(mid)) < 0 { low = mid } else { high = mid }
    }
    #expect(abs(model.coefficients[0] - low) <= 1e-12)
    #expect(abs(model.intercepts[0]) <= 1e-12)
    let ridge = try RidgeRegression(fitting: Self.matrix([[0], [2]]), targets: [1, 5])
    #expect(
      abs(ridge.coefficients[0] - 4.0 / 3) <= 1e-15 && abs(ridge.intercept - 5.0 / 3) <= 1e-15)
  }

  @Test("multinomial optimum: the gradient vanishes and the weights sum to zero over classes")
  func multinomialOptimum() throws {
    var generator = SeededGenerator(seed: 5)
    let rows = (0..<60).map { _ in [generator.nextGaussian(), generator.nextGaussian()] }
    let labels = rows.map { $0[0] > 0.5 ? 2 : ($0[1] > 0 ? 1 : 0) }
    let x = Self.matrix(rows)
    let model = try LogisticRegression(fitting: x, labels: labels, classCount: 3)
    let p = model.probabilities(x)
    for k in 0..<3 {
      for j in 0..<2 {
        let gradient =
          (0..<60).reduce(0) { $0 + (p[$1 * 3 + k] - (labels[$1] == k ? 1 : 0)) * rows[$1][j] }
          + model.coefficients[k * 2 + j]
        #expect(abs(gradient) <= 1e-9, "∂/∂w[\(k)][\(j)] = \(gradient)")
      }
      let gradient = (0..<60).reduce(0) { $0 + p[$1 * 3 + k] - (labels[$1] == k ? 1 : 0) }
      #expect(abs(gradient) <= 1e-9, "∂/∂b[\(k)] = \(gradient)")
    }
    for j in 0..<2 {
      #expect(abs((0..<3).reduce(0) { $0 + model.coefficients[$1 * 2 + j] }) <= 1e-9)
    }
  }

  @Test("metrics with a test class missing from the training set (AUROC undefined)")
  func classMissingFromTraining() {
    let scores = ClassificationScores(
      truth: [0, 1, 2, 2], predicted: [0, 1, 1, 0],
      probabilities: [0.9, 0.1, 0.2, 0.8, 0.4, 0.6, 0.7, 0.3],
      modelClasses: [0, 1], classCount: 3)
    #expect(scores.accuracy == 0.5)
    #expect(abs(scores.balancedAccuracy - 2.0 / 3) <= 1e-15)
    #expect(abs(scores.f1Macro - 4.0 / 9) <= 1e-15)
    #expect(scores.auroc == nil)
  }

  @Test("ROC AUC counts ordered pairs, ties one half")
  func auc() {
    #expect(
      ClassificationScores.rocAUC(
        truth: [1, 1, 0, 0], probabilities: [0.1, 0.9, 0.6, 0.4, 0.5, 0.5, 0.9, 0.1],
        modelClasses: [0, 1]) == 0.75)
    #expect(ROCCurve(positives: [0.5], negatives: [0.5]).area == 0.5)
  }

  @Test("R² of a constant truth: 1 when exact, 0 otherwise")
  func regressionScores() {
    #expect(RegressionScores(truth: [2, 2], predicted: [2, 2]).r2 == 1)
    #expect(
      RegressionScores(truth: [2, 2], predicted: [1, 3]) == RegressionScores(r2: 0, rmse: 1, mae: 1)
    )
  }

  @Test("k-NN: equal distances go to the lower training index, vote ties to the first class")
  func neighbourTies() {
    let training = Self.matrix([[1], [-1], [1], [-1], [2], [0]])
    #expect(NearestTrainingRows.find(k: 3, from: Self.matrix([[0]]), in: training) == [5, 0, 1])
    #expect(
      NearestTrainingRows.find(k: 5, from: Self.matrix([[0]]), in: training) == [5, 0, 1, 2, 3])
    let knn = KNeighborsClassifier(
      training: training, labels: [1, 0, 1, 0, 1, 1], classCount: 2, k: 2)
    // From 0.9, rows 0 and 2 tie nearest (both label 1).
    #expect(knn.probabilities(Self.matrix([[0.9]])) == [0, 1])
    // From 0.5, rows 0, 2 and 5 tie: rows 0 (label 1) and 2 (label 0) are taken, one vote each.
    let tie = KNeighborsClassifier(
      training: training, labels: [1, 0, 0, 0, 1, 0], classCount: 2, k: 2)
    #expect(predictedClasses(tie.probabilities(Self.matrix([[0.5]])), classCount: 2) == [0])
  }

  @Test("stratified folds: balanced per class, the same for a seed, different across seeds")
  func folds() {
    let labels = [Int](repeating: 1, count: 10) + [Int](repeating: 0, count: 7)
    let folds = StratifiedFolds.assign(labels: labels, folds: 3, seed: 4)
    for c in 0..<2 {
      let counts = (0..<3).map { f in
        labels.indices.filter { labels[$0] == c && folds[$0] == f }.count
      }
      let n = labels.filter { $0 == c }.count
      #expect(counts.allSatisfy { $0 == n / 3 || $0 == (n + 2) / 3 })
    }
    let sizes = (0..<3).map { f in folds.filter { $0 == f }.count }
    #expect(sizes.max()! - sizes.min()! <= 1)
    #expect(folds == StratifiedFolds.assign(labels: labels, folds: 3, seed: 4))
    #expect(folds != StratifiedFolds.assign(labels: labels, folds: 3, seed: 5))
  }
}
