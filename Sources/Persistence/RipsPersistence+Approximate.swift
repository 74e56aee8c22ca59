import Foundation
import PointClouds

/// The sparse approximation a Vietoris–Rips diagram was computed from, and its guarantee.
public struct RipsApproximation: Sendable, Equatable, Codable {
  /// The approximation parameter ε > 0 (GUDHI's `sparse`).
  public var epsilon: Double

  /// The approximation with parameter `epsilon`.
  public init(epsilon: Double) { self.epsilon = epsilon }

  /// 1/(1 − ε) for ε < 1: the sparse filtration is (1, 1/(1 − ε))-interleaved with the Rips
  /// filtration (Cavanna, Jahanseir and Sheehy 2015, as GUDHI documents it). Nil for ε ≥ 1, where
  /// no bound is known.
  public var interleavingFactor: Double? { epsilon < 1 ? 1 / (1 - epsilon) : nil }

  /// log(1/(1 − ε)): a bound of the bottleneck distance between the logarithms of the exact and
  /// the approximate diagrams (every birth and death replaced by its logarithm). Nil for ε ≥ 1.
  public var logBottleneckBound: Double? { epsilon < 1 ? -log1p(-epsilon) : nil }

  /// The guarantee in words.
  public var guarantee: String {
    guard let factor = interleavingFactor else {
      return "none: the interleaving guarantee needs epsilon < 1"
    }
    let c = String(format: "%.6g", factor)
    return "with births and deaths replaced by their logarithms, the bottleneck distance to the "
      + "exact Rips diagram is at most log(1/(1 - epsilon)): matched bars have births and deaths "
      + "within a factor \(c) of each other, unmatched bars have death/birth at most \(c)^2"
  }

  enum CodingKeys: String, CodingKey {
    case method, epsilon
    case interleavingFactor = "interleaving_factor"
    case logBottleneckBound = "log_bottleneck_bound"
    case guarantee
  }

  /// Reads ε back (every other key follows from it).
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    self.init(epsilon: try container.decode(Double.self, forKey: .epsilon))
  }

  /// Encodes the method (`sparse-rips`), ε, the factor and the bound (null for ε ≥ 1) and the
  /// guarantee in words.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode("sparse-rips", forKey: .method)
    try container.encode(epsilon, forKey: .epsilon)
    try container.encode(interleavingFactor, forKey: .interleavingFactor)
    try container.encode(logBottleneckBound, forKey: .logBottleneckBound)
    try container.encode(guarantee, forKey: .guarantee)
  }
}

extension RipsPersistence {
  /// The diagrams of Sheehy's sparse approximation of the Vietoris–Rips filtration of `cloud`
  /// (`SparseRipsApproximation`, GUDHI's `SparseRipsComplex` with `sparse` = `epsilon`, started
  /// at point 0): for ε < 1 within the guarantee of ``RipsApproximation`` of the exact diagrams,
  /// from a complex of O(n) simplices per dimension for doubling metrics. `options.threshold` is
  /// GUDHI's `max_edge_length`: edges of larger value are left out (classes alive there are
  /// essential); without it the whole sparse filtration is used.
  /// - Throws: ``PersistenceError/invalidParameter(name:value:allowed:)`` for ε not a positive
  ///   finite number, and as ``compute(_:metric:options:)``.
  public static func compute(
    _ cloud: PointCloud, approximation epsilon: Double, metric: Metric = .euclidean,
    options: RipsOptions = RipsOptions()
  ) throws(PersistenceError) -> RipsResult {
    try validate(epsilon: epsilon, options: options)
    guard cloud.count >= 1 else {
      throw .invalidParameter(name: "points", value: "0", allowed: "at least 1")
    }
    if let result = try inPowerOfTwoUnits(
      cloud, options: options,
      { (cloud, options) throws(PersistenceError) in
        try compute(cloud, approximation: epsilon, metric: metric, options: options)
      })
    {
      return result
    }
    let approximation = SparseRipsApproximation(
      cloud, metric: metric, epsilon: epsilon, threshold: options.threshold ?? .infinity,
      threads: options.threads)
    return try compute(approximation, epsilon: epsilon, points: cloud.count, options: options)
  }

  /// The diagrams of Sheehy's sparse approximation of the Vietoris–Rips filtration of the points
  /// of a dense distance matrix (as for a cloud, with O(n²) distance look-ups).
  public static func compute(
    _ matrix: DistanceMatrix, approximation epsilon: Double, options: RipsOptions = RipsOptions()
  ) throws(PersistenceError) -> RipsResult {
    try validate(epsilon: epsilon, options: options)
    guard matrix.count >= 1 else {
      throw .invalidParameter(name: "points", value: "0", allowed: "at least 1")
    }
    for (k, d) in matrix.entries.enumerated() where !(d >= 0 && d.isFinite) {
      let i = Int(((1 + (1 + 8 * Double(k)).squareRoot()) / 2).rounded(.down))
      throw .invalidParameter(
        name: "distance (\(i), \(k - i * (i - 1) / 2))", value: String(d),
        allowed: "a non-negative finite number")
    }
    let approximation = SparseRipsApproximation(
      matrix, epsilon: epsilon, threshold: options.threshold ?? .infinity,
      threads: options.threads)
    return try compute(approximation, epsilon: epsilon, points: matrix.count, options: options)
  }

  static func validate(epsilon: Double, options: RipsOptions) throws(PersistenceError) {
    try options.validate()
    guard epsilon.isFinite && epsilon > 0 else {
      throw .invalidParameter(
        name: "approximate", value: String(epsilon), allowed: "a positive finite number")
    }
  }

  /// Reduces the sparse filtration of `approximation`, built from `points` points (repeated
  /// points are one vertex of its matrix).
  static func compute(
    _ approximation: SparseRipsApproximation, epsilon: Double, points: Int, options: RipsOptions
  ) throws(PersistenceError) -> RipsResult {
    var result = try compute(
      sparse: approximation.matrix, reportedThreshold: options.threshold ?? .infinity,
      options: options, blocker: approximation.blocker)
    result.points = points
    result.approximation = RipsApproximation(epsilon: epsilon)
    return result
  }
}
