/// scikit-learn's `KNeighborsClassifier(n_neighbors=k)` (uniform weights, Euclidean, brute
/// force): the class probabilities of a row are the shares of its k nearest training rows
/// (``NearestTrainingRows``) in each class; the prediction is the most frequent class, ties to
/// the first class in label order.
public struct KNeighborsClassifier: Sendable {
  public let k: Int
  public let classCount: Int
  let training: DesignMatrix
  let labels: [Int]

  /// Keeps the training rows and their labels (in 0..<classCount).
  /// - Precondition: 1 ≤ k ≤ rows.
  public init(training: DesignMatrix, labels: [Int], classCount: Int, k: Int = 5) {
    precondition(k >= 1 && k <= training.rowCount && labels.count == training.rowCount)
    self.k = k
    self.classCount = classCount
    self.training = training
    self.labels = labels
  }

  /// Row-major `rowCount × classCount` vote shares.
  public func probabilities(_ x: DesignMatrix) -> [Double] {
    let neighbours = NearestTrainingRows.find(k: k, from: x, in: training)
    var result = [Double](repeating: 0, count: x.rowCount * classCount)
    for row in 0..<x.rowCount {
      for s in 0..<k { result[row * classCount + labels[neighbours[row * k + s]]] += 1 }
      for c in 0..<classCount { result[row * classCount + c] /= Double(k) }
    }
    return result
  }
}

/// scikit-learn's `KNeighborsRegressor(n_neighbors=k)`: the mean target of the k nearest
/// training rows (``NearestTrainingRows``).
public struct KNeighborsRegressor: Sendable {
  public let k: Int
  let training: DesignMatrix
  let targets: [Double]

  /// - Precondition: 1 ≤ k ≤ rows.
  public init(training: DesignMatrix, targets: [Double], k: Int = 5) {
    precondition(k >= 1 && k <= training.rowCount && targets.count == training.rowCount)
    self.k = k
    self.training = training
    self.targets = targets
  }

  /// The predictions for the rows of `x`.
  public func predict(_ x: DesignMatrix) -> [Double] {
    let neighbours = NearestTrainingRows.find(k: k, from: x, in: training)
    return (0..<x.rowCount).map { row in
      (0..<k).reduce(0) { $0 + targets[neighbours[row * k + $1]] } / Double(k)
    }
  }
}

/// The predicted class of each row: the most probable, ties to the lowest class index (as
/// `np.argmax`).
public func predictedClasses(_ probabilities: [Double], classCount: Int) -> [Int] {
  stride(from: 0, to: probabilities.count, by: classCount).map { start in
    var best = 0
    for c in 1..<classCount where probabilities[start + c] > probabilities[start + best] {
      best = c
    }
    return best
  }
}
