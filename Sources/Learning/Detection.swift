import Foundation
import PointClouds
import Tables

/// Can a classifier tell the synthetic rows from the real ones? Two detectors:
///
/// - **logistic detection**, SDMetrics' `LogisticDetection`: real rows labelled 1, synthetic 0;
///   features from ``FeatureEncoder`` (imputation means from the real table, categories and
///   missing indicators from both); per fold of a seeded stratified split (``StratifiedFolds``),
///   a ``Scaler`` of kind `robust` fitted to the training part (SDMetrics' `RobustScaler`) and a
///   ``LogisticRegression`` (C = 1) solved to optimality; the ROC AUC of P(real) on the held-out
///   part. `auc` is the mean over folds, `score` SDMetrics' form 1 − mean(2·max(AUC, 0.5) − 1)
///   (1: indistinguishable, 0: separable);
/// - the exact leave-one-out **1-NN two-sample test** on the pooled rows
///   (``NearestNeighbourTest``).
public struct DetectionReport: Sendable, Codable, Equatable {
  /// Logistic detection.
  public struct Logistic: Sendable, Codable, Equatable {
    /// Mean ROC AUC over the folds.
    public var auc: Double
    /// SDMetrics' score: 1 − mean over folds of (2·max(AUC, 0.5) − 1).
    public var score: Double
    /// The ROC AUC of each fold.
    public var folds: [Double]
  }

  public var logistic: Logistic
  public var nearestNeighbour: NearestNeighbourTest
  /// The row distance of the 1-NN test.
  public var distance: RowDistanceKind
  /// The number of folds and the seed of the folds, ties and permutations.
  public var folds: Int
  public var seed: UInt64

  enum CodingKeys: String, CodingKey {
    case logistic, distance, folds, seed
    case nearestNeighbour = "nearest_neighbour"
  }
}

/// Logistic and 1-NN detection of synthetic rows (``DetectionReport``).
public enum Detection {
  /// The knobs of a detection.
  public struct Options: Sendable, Equatable {
    /// Folds of the logistic detection (SDMetrics: 3).
    public var folds = 3
    /// Label permutations of the 1-NN test's p-value.
    public var permutations = 1000
    /// Seeds the folds, the 1-NN ties and the permutations.
    public var seed: UInt64 = 0

    public init(folds: Int = 3, permutations: Int = 1000, seed: UInt64 = 0) {
      self.folds = folds
      self.permutations = permutations
      self.seed = seed
    }
  }

  /// Both detectors on `samples`' real and synthetic tables.
  /// - Throws: ``LearningError`` for options out of range or too few rows; ``TableError`` for a
  ///   missing cell under the Euclidean distance.
  public static func compute(_ samples: TableSamples, options: Options = Options()) throws
    -> DetectionReport
  {
    guard options.folds >= 2 else {
      throw LearningError.invalidParameter(
        name: "--folds", value: "\(options.folds)", allowed: "at least 2")
    }
    guard options.permutations >= 1 else {
      throw LearningError.invalidParameter(
        name: "--permutations", value: "\(options.permutations)", allowed: "at least 1")
    }
    for (set, table) in [("real", samples.real), ("synthetic", samples.synthetic)]
    where table.rowCount < options.folds {
      throw LearningError.tooFewRows(
        set: set, rows: table.rowCount, required: options.folds,
        purpose: "\(options.folds)-fold stratified detection")
    }
    let logistic = try logisticDetection(
      real: samples.real, synthetic: samples.synthetic, folds: options.folds, seed: options.seed)
    let test = try NearestNeighbourTest.compute(
      samples, permutations: options.permutations, seed: options.seed)
    return DetectionReport(
      logistic: logistic, nearestNeighbour: test, distance: samples.distance,
      folds: options.folds, seed: options.seed)
  }

  /// The labels (1 real, 0 synthetic) and folds of the pooled rows, real rows first: what the
  /// logistic detection uses (exported for reference scripts).
  public static func folds(real: Int, synthetic: Int, folds: Int, seed: UInt64) -> (
    labels: [Int], folds: [Int]
  ) {
    let labels = [Int](repeating: 1, count: real) + [Int](repeating: 0, count: synthetic)
    return (labels, StratifiedFolds.assign(labels: labels, folds: folds, seed: seed))
  }

  /// Logistic detection with `folds` seeded stratified folds, the folds fitted concurrently.
  public static func logisticDetection(real: Table, synthetic: Table, folds: Int, seed: UInt64)
    throws -> DetectionReport.Logistic
  {
    let encoder = FeatureEncoder(fittedTo: real, alsoSeeing: [synthetic])
    let x = encoder.encode(real.appending(synthetic))
    let (labels, fold) = Self.folds(
      real: real.rowCount, synthetic: synthetic.rowCount, folds: folds, seed: seed)
    let results = UnsafeMutableBufferPointer<Result<Double, any Error>?>.allocate(capacity: folds)
    results.initialize(repeating: nil)
    defer { results.deallocate() }
    nonisolated(unsafe) let slots = results
    DispatchQueue.concurrentPerform(iterations: folds) { f in
      slots[f] = Result {
        let train = labels.indices.filter { fold[$0] != f }
        let test = labels.indices.filter { fold[$0] == f }
        let scaler = Scaler(.robust, fittedTo: x, rows: train)
        let model = try LogisticRegression(
          fitting: scaler.apply(x.selecting(rows: train)), labels: train.map { labels[$0] },
          classCount: 2)
        let p = model.probabilities(scaler.apply(x.selecting(rows: test)))
        var positives: [Double] = []
        var negatives: [Double] = []
        for (position, row) in test.enumerated() {
          if labels[row] == 1 {
            positives.append(p[2 * position + 1])
          } else {
            negatives.append(p[2 * position + 1])
          }
        }
        return ROCCurve(positives: positives, negatives: negatives).area
      }
    }
    let aucs = try results.map { try $0!.get() }
    let mean = aucs.reduce(0, +) / Double(folds)
    let score = 1 - aucs.reduce(0) { $0 + 2 * max($1, 0.5) - 1 } / Double(folds)
    return DetectionReport.Logistic(auc: mean, score: score, folds: aucs)
  }
}
