import Foundation

/// L2-penalised logistic regression, the model of scikit-learn's `LogisticRegression()` (C = 1,
/// unpenalised intercepts): for two classes the sigmoid model of the second class against the
/// first, minimising C Σᵢ log(1 + exp(−sᵢ zᵢ)) + ½‖w‖²; for more, the multinomial (softmax) model
/// with one weight vector and intercept per class, minimising C Σᵢ (log Σₖ exp zᵢₖ − zᵢ,yᵢ) +
/// ½ Σₖ ‖wₖ‖².
///
/// Solved to optimality by Newton's method (the exact Hessian, a Cholesky solve, backtracking on
/// the objective while the Newton decrement exceeds 1e-10 of the objective), then full Newton
/// steps until one moves no parameter by more than 1e-10 of the parameters' size (at most five):
/// Newton converges quadratically there, so the parameters are exact to rounding. The multinomial
/// intercepts are determined only up to a common constant: steps keep their sum at 0 (the
/// Hessian is completed along that direction).
public struct LogisticRegression: Sendable, Equatable {
  /// The number of classes (at least 2); labels are 0..<classCount.
  public let classCount: Int
  /// The number of features.
  public let featureCount: Int
  /// Weights, row-major: one row of `featureCount` (two classes), or one per class.
  public let coefficients: [Double]
  /// One intercept (two classes) or one per class.
  public let intercepts: [Double]
  /// Newton iterations taken.
  public let iterations: Int

  /// Fits to the rows of `x` labelled `labels` (each in 0..<classCount, every class present).
  /// - Throws: ``LearningError/notConverged(model:)`` if Newton's method fails (never seen on
  ///   finite data: the problem is strictly convex in the weights).
  public init(fitting x: DesignMatrix, labels: [Int], classCount: Int, c: Double = 1) throws {
    precondition(
      classCount >= 2 && labels.count == x.rowCount, "two classes or more, a label a row")
    let rows = classCount == 2 ? 1 : classCount
    let q = x.columnCount + 1
    let problem = Problem(x: x, labels: labels, rows: rows, c: c)
    var theta = [Double](repeating: 0, count: rows * q)
    var iterations = 0
    var polishing = 0
    while true {
      iterations += 1
      guard iterations <= 200 else {
        throw LearningError.notConverged(model: "logistic regression")
      }
      let (value, gradient, hessian) = problem.evaluate(theta, derivatives: true)
      guard let step = choleskySolve(hessian!, gradient!.map { -$0 }, n: theta.count) else {
        throw LearningError.notConverged(model: "logistic regression")
      }
      let size = theta.reduce(1) { max($0, abs($1)) }
      let decrement = -zip(gradient!, step).reduce(0) { $0 + $1.0 * $1.1 }
      // Near the optimum full Newton steps converge quadratically; the objective's rounding then
      // hides the decrease, so the line search is skipped and a few polishing steps finish.
      if step.reduce(0, { max($0, abs($1)) }) <= 1e-10 * size || polishing == 4 {
        for i in theta.indices { theta[i] += step[i] }
        break
      }
      if polishing > 0 || decrement <= 1e-10 * (1 + abs(value)) {
        for i in theta.indices { theta[i] += step[i] }
        polishing += 1
        continue
      }
      var t = 1.0
      while true {
        let trial = zip(theta, step).map { $0 + t * $1 }
        if problem.evaluate(trial, derivatives: false).value <= value - 1e-4 * t * decrement {
          theta = trial
          break
        }
        t /= 2
        guard t >= 1e-10 else { throw LearningError.notConverged(model: "logistic regression") }
      }
    }
    self.classCount = classCount
    featureCount = x.columnCount
    coefficients = (0..<rows).flatMap { k in theta[(k * q)..<(k * q + q - 1)] }
    intercepts = (0..<rows).map { theta[$0 * q + q - 1] }
    self.iterations = iterations
  }

  /// The class probabilities of every row of `x`, row-major (`rowCount × classCount`), as
  /// `predict_proba`.
  public func probabilities(_ x: DesignMatrix) -> [Double] {
    precondition(x.columnCount == featureCount, "the features the model was fitted on")
    let p = featureCount
    var result = [Double](repeating: 0, count: x.rowCount * classCount)
    x.values.withUnsafeBufferPointer { values in
      for row in 0..<x.rowCount {
        let features = values.baseAddress! + row * p
        if classCount == 2 {
          var z = intercepts[0]
          for j in 0..<p { z += coefficients[j] * features[j] }
          let positive = 1 / (1 + exp(-z))
          result[row * 2] = 1 - positive
          result[row * 2 + 1] = positive
        } else {
          var z = (0..<classCount).map { k in
            var s = intercepts[k]
            for j in 0..<p { s += coefficients[k * p + j] * features[j] }
            return s
          }
          let top = z.max()!
          var total = 0.0
          for k in z.indices {
            z[k] = exp(z[k] - top)
            total += z[k]
          }
          for k in z.indices { result[row * classCount + k] = z[k] / total }
        }
      }
    }
    return result
  }
}

/// The penalised objective, its gradient and Hessian over θ = (w₁, b₁, …, w_R, b_R).
private struct Problem {
  let x: DesignMatrix
  let labels: [Int]
  /// 1 (sigmoid) or the number of classes (softmax).
  let rows: Int
  let c: Double

  func evaluate(_ theta: [Double], derivatives: Bool) -> (
    value: Double, gradient: [Double]?, hessian: [Double]?
  ) {
    let p = x.columnCount
    let q = p + 1
    let m = rows * q
    var value = 0.0
    for k in 0..<rows { for j in 0..<p { value += 0.5 * theta[k * q + j] * theta[k * q + j] } }
    var gradient = [Double](repeating: 0, count: derivatives ? m : 0)
    var hessian = [Double](repeating: 0, count: derivatives ? m * m : 0)
    var z = [Double](repeating: 0, count: rows)
    var residual = [Double](repeating: 0, count: rows)
    var probability = [Double](repeating: 0, count: rows)
    var loss = 0.0
    x.values.withUnsafeBufferPointer { values in
      for i in 0..<x.rowCount {
        let features = values.baseAddress! + i * p
        for k in 0..<rows {
          var s = theta[k * q + p]
          for j in 0..<p { s += theta[k * q + j] * features[j] }
          z[k] = s
        }
        if rows == 1 {
          // y = 1 for the second class; log(1 + e^z) − y z, stably.
          let y = labels[i] == 1 ? 1.0 : 0.0
          let s = z[0]
          loss += (s > 0 ? s + log1p(exp(-s)) : log1p(exp(s))) - y * s
          let sigma = s >= 0 ? 1 / (1 + exp(-s)) : exp(s) / (1 + exp(s))
          probability[0] = sigma
          residual[0] = sigma - y
        } else {
          let top = z.max()!
          var total = 0.0
          for k in 0..<rows {
            probability[k] = exp(z[k] - top)
            total += probability[k]
          }
          loss += top + log(total) - z[labels[i]]
          for k in 0..<rows {
            probability[k] /= total
            residual[k] = probability[k] - (labels[i] == k ? 1 : 0)
          }
        }
        guard derivatives else { continue }
        for k in 0..<rows {
          let r = c * residual[k]
          for j in 0..<p { gradient[k * q + j] += r * features[j] }
          gradient[k * q + p] += r
        }
        // Hessian blocks (k, l), l ≥ k: c·P_k(δ_kl − P_l) x̃ x̃ᵀ, upper triangles only.
        for k in 0..<rows {
          for l in k..<rows {
            let weight =
              rows == 1
              ? c * probability[0] * (1 - probability[0])
              : c * probability[k] * ((k == l ? 1 : 0) - probability[l])
            if weight == 0 { continue }
            let block = (k * q) * m + l * q
            for a in 0..<q {
              let wa = weight * (a < p ? features[a] : 1)
              let rowBase = block + a * m
              let start = k == l ? a : 0
              for b in start..<q { hessian[rowBase + b] += wa * (b < p ? features[b] : 1) }
            }
          }
        }
      }
    }
    value += c * loss
    guard derivatives else { return (value, nil, nil) }
    for k in 0..<rows { for j in 0..<p { gradient[k * q + j] += theta[k * q + j] } }
    for k in 0..<rows { for j in 0..<p { hessian[(k * q + j) * m + k * q + j] += 1 } }
    if rows > 1 {
      // Complete the Hessian along the direction that moves every intercept alike (where the
      // objective is flat): the step then keeps the intercepts' sum.
      for k in 0..<rows {
        for l in k..<rows { hessian[(k * q + p) * m + l * q + p] += 1 / Double(rows) }
      }
    }
    // Mirror the upper triangle.
    for a in 0..<m { for b in 0..<a { hessian[a * m + b] = hessian[b * m + a] } }
    return (value, gradient, hessian)
  }
}
