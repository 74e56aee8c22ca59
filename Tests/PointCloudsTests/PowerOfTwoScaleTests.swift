import PointClouds
import Testing

/// The exact change of units for coordinates near the float64 limits (issue 21).
@Suite("Power-of-two scale")
struct PowerOfTwoScaleTests {
  static func cloud(_ values: [Double], dimension: Int = 2) -> PointCloud {
    PointCloud(count: values.count / dimension, dimension: dimension, coordinates: values)
  }

  @Test("ordinary magnitudes (2^-200 … 2^200) keep their units")
  func identity() throws {
    for largest in [1.0, 0x1p200, 0x1p-200, 3e-60, 1e60, 0] {
      let scale = try PowerOfTwoScale.fitting([("c", Self.cloud([largest, 0, -0.5 * largest, 0]))])
      #expect(scale == .identity, "\(largest)")
    }
  }

  @Test("extreme magnitudes land in [1, 2), exactly: scaling back returns every coordinate")
  func extremes() throws {
    for largest in [1e300, -Double.greatestFiniteMagnitude, 1e-300, 5e-324, 0x1p201, 0x1p-201] {
      let cloud = Self.cloud([largest, 0, largest / 2, largest / 4])
      let scale = try PowerOfTwoScale.fitting([("c", cloud)])
      let scaled = scale.scale(cloud)
      let top = scaled.coordinates.map(\.magnitude).max()!
      #expect(top >= 1 && top < 2, "\(largest)")
      #expect(scaled.coordinates.map(scale.unscale) == cloud.coordinates, "\(largest)")
    }
  }

  @Test("distinct values closer than 2^-500 of the largest magnitude are mixed scales")
  func mixedScales() {
    for values in [
      [1e300, 0, 0, 1e-300], [Double.greatestFiniteMagnitude, 0, 1, 1], [1, 0, 0, 1e-160],
    ] {
      #expect(throws: MagnitudeError.self, "\(values)") {
        try PowerOfTwoScale.fitting([("c", Self.cloud(values))])
      }
    }
    // Tiny values alone in their column, or equal ones, are no gap.
    #expect(throws: Never.self) {
      try PowerOfTwoScale.fitting([("c", Self.cloud([1e300, 1e-300, 0, 1e-300]))])
    }
  }

  @Test("a coordinate that is not finite is refused, naming the sample, point and coordinate")
  func notFinite() {
    #expect(
      throws: MagnitudeError(
        reason: "c: point 1, coordinate 0 (0-based) is inf, not a finite number")
    ) {
      try PowerOfTwoScale.fitting([("c", Self.cloud([0, 0, .infinity, 1]))])
    }
  }
}
