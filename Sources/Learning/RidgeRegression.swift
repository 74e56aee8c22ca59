/// Ridge regression as scikit-learn's `Ridge(alpha=1)`: minimises ‖y − X w − b‖² + α‖w‖² (no 1/n
/// factor, the intercept unpenalised). Solved exactly: the intercept by centring X and y on their
/// means, w from (X_cᵀ X_c + α I) w = X_cᵀ y_c by a Cholesky solve, b = ȳ − x̄ᵀ w.
public struct RidgeRegression: Sendable, Equatable {
  public let coefficients: [Double]
  public let intercept: Double

  /// Fits to the rows of `x` and their `targets`.
  /// - Throws: ``LearningError/notConverged(model:)`` if the system is not positive definite
  ///   (only with `alpha` = 0 and collinear features).
  public init(fitting x: DesignMatrix, targets: [Double], alpha: Double = 1) throws {
    precondition(targets.count == x.rowCount && x.rowCount > 0, "a target a row")
    let n = x.rowCount
    let p = x.columnCount
    var means = [Double](repeating: 0, count: p)
    for i in 0..<n { for j in 0..<p { means[j] += x[i, j] } }
    for j in 0..<p { means[j] /= Double(n) }
    let targetMean = targets.reduce(0, +) / Double(n)
    var gram = [Double](repeating: 0, count: p * p)
    var moment = [Double](repeating: 0, count: p)
    var centred = [Double](repeating: 0, count: p)
    for i in 0..<n {
      for j in 0..<p { centred[j] = x[i, j] - means[j] }
      let y = targets[i] - targetMean
      for a in 0..<p {
        moment[a] += centred[a] * y
        for b in a..<p { gram[a * p + b] += centred[a] * centred[b] }
      }
    }
    for a in 0..<p {
      gram[a * p + a] += alpha
      for b in 0..<a { gram[a * p + b] = gram[b * p + a] }
    }
    guard let w = choleskySolve(gram, moment, n: p) else {
      throw LearningError.notConverged(model: "ridge regression")
    }
    coefficients = w
    intercept = targetMean - zip(means, w).reduce(0) { $0 + $1.0 * $1.1 }
  }

  /// The predictions for the rows of `x`.
  public func predict(_ x: DesignMatrix) -> [Double] {
    (0..<x.rowCount).map { i in
      var s = intercept
      for j in 0..<x.columnCount { s += coefficients[j] * x[i, j] }
      return s
    }
  }
}
