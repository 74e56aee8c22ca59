/// A distance between points of R^d.
public enum Metric: String, Sendable, CaseIterable, Codable {
  /// √Σ (xᵢ − yᵢ)².
  case euclidean
  /// Σ |xᵢ − yᵢ|.
  case manhattan
  /// maxᵢ |xᵢ − yᵢ|.
  case chebyshev

  /// The distance between the `dimension` coordinates starting at `x` and at `y`.
  @inlinable
  public func distance(_ x: UnsafePointer<Double>, _ y: UnsafePointer<Double>, dimension: Int)
    -> Double
  {
    switch self {
    case .euclidean:
      return squaredEuclidean(x, y, dimension: dimension).squareRoot()
    case .manhattan:
      var sum = 0.0
      for k in 0..<dimension { sum += abs(x[k] - y[k]) }
      return sum
    case .chebyshev:
      var largest = 0.0
      for k in 0..<dimension { largest = max(largest, abs(x[k] - y[k])) }
      return largest
    }
  }

  /// The distance between points `i` and `j` of `cloud`.
  @inlinable
  public func distance(_ cloud: PointCloud, _ i: Int, _ j: Int) -> Double {
    cloud.withUnsafeCoordinates { c in
      distance(
        c.baseAddress! + i * cloud.dimension, c.baseAddress! + j * cloud.dimension,
        dimension: cloud.dimension)
    }
  }
}

/// Σ (xᵢ − yᵢ)², with four independent accumulators (LLVM does not reassociate floating point).
/// This is the value every nearest-neighbour search reports (the k-d tree and the recheck of
/// bounded tiles give the same bits).
@inlinable
package func squaredEuclidean(
  _ x: UnsafePointer<Double>, _ y: UnsafePointer<Double>, dimension: Int
)
  -> Double
{
  var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0
  var k = 0
  while k + 4 <= dimension {
    let d0 = x[k] - y[k], d1 = x[k + 1] - y[k + 1], d2 = x[k + 2] - y[k + 2],
      d3 = x[k + 3] - y[k + 3]
    s0 += d0 * d0
    s1 += d1 * d1
    s2 += d2 * d2
    s3 += d3 * d3
    k += 4
  }
  while k < dimension {
    let d = x[k] - y[k]
    s0 += d * d
    k += 1
  }
  return (s0 + s1) + (s2 + s3)
}
