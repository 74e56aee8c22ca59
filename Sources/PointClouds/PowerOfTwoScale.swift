/// An exact change of units by a power of two, 2^`exponent`, for clouds whose coordinates are so
/// large or so small that their squared distances would overflow or underflow float64.
///
/// Multiplying by a power of two changes only the exponent of each (normal) number, so every
/// distance of a norm — Euclidean, Manhattan, Chebyshev — between the scaled points is exactly
/// 2^`exponent` times the distance between the original points, and quantities that are ratios of
/// distances (k-NN radii compared with each other, the witness complex's relative γ) are equal.
/// ``fitting(_:)`` picks the identity for every cloud whose largest magnitude lies in
/// [2^−200, 2^200], so that ordinary data is computed exactly as before.
package struct PowerOfTwoScale: Sendable, Equatable {
  /// The scaled coordinates are the originals times 2^exponent.
  package let exponent: Int

  package init(exponent: Int) { self.exponent = exponent }

  /// No change of units.
  package static let identity = PowerOfTwoScale(exponent: 0)

  /// Largest magnitudes in [2^−comfortable, 2^comfortable] are left alone.
  static let comfortable = 200

  /// The smallest distinct gap, in scaled units, between two values of one coordinate that still
  /// has a normal square: below it, two distinct points may end up at squared distance 0.
  static let smallestGap = 0x1p-500

  /// `value` × 2^exponent (in the scaled units).
  package func scale(_ value: Double) -> Double {
    exponent == 0 ? value : Double(sign: .plus, exponent: exponent, significand: value)
  }

  /// `value` × 2^−exponent (back in the original units); ±∞ when beyond float64.
  package func unscale(_ value: Double) -> Double {
    exponent == 0 ? value : Double(sign: .plus, exponent: -exponent, significand: value)
  }

  /// `cloud` in the scaled units (the same cloud for the identity).
  package func scale(_ cloud: PointCloud) -> PointCloud {
    guard exponent != 0 else { return cloud }
    return PointCloud(
      count: cloud.count, dimension: cloud.dimension, coordinates: cloud.coordinates.map(scale),
      columnNames: cloud.columnNames)
  }

  /// The scale that brings a positive `largest` magnitude into [1, 2) when it is outside
  /// [2^−200, 2^200] (otherwise, and for 0, the identity).
  package static func bringing(largest: Double) -> PowerOfTwoScale {
    guard largest > 0, largest.isFinite else { return .identity }
    let top = Int(largest.exponent)
    return abs(top) <= comfortable ? .identity : PowerOfTwoScale(exponent: -top)
  }

  /// The scale that brings the largest coordinate magnitude of `clouds` into [1, 2) when it is
  /// outside [2^−200, 2^200] (otherwise the identity).
  ///
  /// - Throws: ``MagnitudeError`` when a coordinate is not finite, or when the coordinates span
  ///   so many orders of magnitude that two distinct values of one coordinate differ by less than
  ///   2^−500 of the largest magnitude: their squared difference underflows, so two distinct
  ///   points could be computed at distance 0 (mixed scales such as 1e300 beside 1e−300).
  package static func fitting(_ clouds: [(name: String, cloud: PointCloud)]) throws(MagnitudeError)
    -> PowerOfTwoScale
  {
    var largest = 0.0
    var smallest = Double.infinity  // the smallest nonzero magnitude
    for (name, cloud) in clouds where cloud.dimension > 0 {
      for (k, value) in cloud.coordinates.enumerated() {
        guard value.isFinite else {
          throw MagnitudeError(
            reason: "\(name): point \(k / cloud.dimension), coordinate \(k % cloud.dimension) "
              + "(0-based) is \(value), not a finite number")
        }
        let magnitude = value.magnitude
        largest = max(largest, magnitude)
        if magnitude > 0 { smallest = min(smallest, magnitude) }
      }
    }
    let scale = bringing(largest: largest)
    // A gap below `smallestGap` needs two values below 2^52 × smallestGap (a gap is at least
    // one ulp of the larger value): sort the columns only when such small values exist.
    guard scale.scale(smallest) < 0x1p52 * smallestGap else { return scale }
    for (name, cloud) in clouds where cloud.dimension > 0 {
      for column in 0..<cloud.dimension {
        let values = stride(from: column, to: cloud.coordinates.count, by: cloud.dimension)
          .map { cloud.coordinates[$0] }.sorted()
        for (a, b) in zip(values, values.dropFirst()) where a != b {
          let gap = scale.scale(b - a)
          if gap < smallestGap {
            throw MagnitudeError(
              reason: "\(name): column \(column) (0-based) holds \(a) and \(b), whose difference "
                + "is below 2^-500 of the largest magnitude \(largest): squared distances would "
                + "underflow float64 (mixed scales); rescale the columns")
          }
        }
      }
    }
    return scale
  }
}

/// Coordinates that no change of units makes computable in float64 (not finite, or of mixed
/// scales); its description is one line naming the sample, point or column, and the remedy.
package struct MagnitudeError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The whole message.
  package var reason: String

  package init(reason: String) { self.reason = reason }

  package var description: String { reason }
}
