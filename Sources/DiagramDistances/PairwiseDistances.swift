import Dispatch
import Persistence

/// Which distance between diagrams, with its parameters.
public enum DiagramMetric: Sendable, Hashable {
  /// `Bottleneck.distance` (exact when `relativeError == 0`).
  case bottleneck(relativeError: Double = 0)
  /// `Wasserstein.distance` with the `.automatic` method.
  case wasserstein(order: Double = 1, internalP: Double = .infinity, relativeError: Double = 0.01)

  /// The distance between two diagrams under this metric.
  public func distance(
    _ a: PersistenceDiagram, _ b: PersistenceDiagram, ignoreEssential: Bool = false
  ) throws -> Double {
    switch self {
    case .bottleneck(let relativeError):
      return try Bottleneck.distance(
        a, b, relativeError: relativeError, ignoreEssential: ignoreEssential)
    case .wasserstein(let order, let internalP, let relativeError):
      return try Wasserstein.distance(
        a, b, order: order, internalP: internalP, relativeError: relativeError,
        ignoreEssential: ignoreEssential)
    }
  }
}

/// Distances between every pair of many diagrams, computed in parallel.
public enum PairwiseDistances {
  /// The symmetric matrix of distances between `diagrams`, row-major and flat
  /// (`result[i * count + j]`), with zeros on the diagonal.
  ///
  /// Each unordered pair is computed once (so an approximate metric still gives a symmetric
  /// matrix), the pairs being shared among the cores with `DispatchQueue.concurrentPerform`.
  /// Every diagram is validated first, so an invalid point throws before any work starts.
  /// Memory: the matrix plus one distance computation per core.
  public static func matrix(
    _ diagrams: [PersistenceDiagram], metric: DiagramMetric, ignoreEssential: Bool = false
  ) throws -> [Double] {
    let count = diagrams.count
    for (k, diagram) in diagrams.enumerated() {
      _ = try PreparedDiagram(diagram, name: "diagram \(k)", ignoreEssential: ignoreEssential)
    }
    let pairs = (0..<count).flatMap { i in ((i + 1)..<max(i + 1, count)).map { (i, $0) } }
    var result = [Double](repeating: 0, count: count * count)
    let failure = FirstError()
    result.withUnsafeMutableBufferPointer { buffer in
      nonisolated(unsafe) let output = buffer
      DispatchQueue.concurrentPerform(iterations: pairs.count) { k in
        let (i, j) = pairs[k]
        do {
          let value = try metric.distance(
            diagrams[i], diagrams[j], ignoreEssential: ignoreEssential)
          output[i * count + j] = value
          output[j * count + i] = value
        } catch {
          failure.record(error)
        }
      }
    }
    if let error = failure.error { throw error }
    return result
  }
}

/// The first error thrown by parallel work.
private final class FirstError: @unchecked Sendable {
  private let lock = DispatchQueue(label: "PairwiseDistances.FirstError")
  private var stored: (any Error)?

  func record(_ error: any Error) { lock.sync { if stored == nil { stored = error } } }
  var error: (any Error)? { lock.sync { stored } }
}
