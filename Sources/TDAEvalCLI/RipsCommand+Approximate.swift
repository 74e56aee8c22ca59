import ArgumentParser
import Foundation
import TDAEval

/// `rips --approximate ε`: Sheehy's sparse approximation of the Vietoris–Rips filtration.
extension RipsCommand {
  /// ε must be a positive finite number, and the torsion check compares exact diagrams only.
  func validateApproximate() throws {
    guard let approximate else { return }
    guard approximate.isFinite && approximate > 0 else {
      throw ValidationError("--approximate must be a positive finite number, got \(approximate)")
    }
    if torsionCheck {
      throw ValidationError("--approximate and --torsion-check cannot be combined")
    }
  }

  /// The approximate diagrams of a point cloud or a dense distance matrix.
  func computeApproximate(_ data: RipsInput, epsilon: Double, progress: ProgressHandler?) throws
    -> RipsResult
  {
    let options = rips.options(progress: progress)
    switch data {
    case .cloud(let cloud):
      return try RipsPersistence.compute(
        cloud, approximation: epsilon, metric: rips.metric, options: options)
    case .dense(let matrix):
      return try RipsPersistence.compute(matrix, approximation: epsilon, options: options)
    case .sparse:
      throw ValidationError(
        "--approximate needs a point cloud or a dense distance matrix, not a sparse matrix")
    }
  }

  /// The table output's first line: the approximation and its guarantee.
  func printApproximation(_ approximation: RipsApproximation) {
    writeStandardOutput(
      "approximate (sparse Rips, epsilon \(formatted(approximation.epsilon))): "
        + "\(approximation.guarantee)\n\n")
  }
}
