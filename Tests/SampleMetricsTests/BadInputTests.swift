import Foundation
import Testing
import _TestSupport

@testable import PointClouds
@testable import SampleMetrics

/// Every bad input is an error that names the set or parameter and its allowed range.
@Suite("Sample metrics reject bad input")
struct BadInputTests {
  static let good = PointCloud(rows: [[0, 0], [1, 0], [0, 1], [1, 1]])

  @Test("k outside 1..<n is an error, naming the set", arguments: [0, -1, 4, 10])
  func badK(k: Int) {
    #expect(throws: SampleMetricsError.self) {
      try PrecisionRecall.compute(real: Self.good, synthetic: Self.good, k: k)
    }
  }

  @Test("k ≥ the synthetic set's size is an error even when the real set is large enough")
  func kTooLargeForSynthetic() {
    let small = PointCloud(rows: [[0, 0], [1, 1]])
    #expect(
      throws: SampleMetricsError.invalidParameter(
        name: "k", value: "2", allowed: "in 1...1 (below the 2 points of the synthetic set)")
    ) { try DensityCoverage.compute(real: Self.good, synthetic: small, k: 2) }
  }

  @Test(
    "NaN, infinity, empty sets, no columns and mismatched dimensions are errors",
    arguments: [
      (
        PointCloud(rows: [[0, 0], [.nan, 1], [0, 1]]),
        SampleMetricsError.notFinite(set: "synthetic", point: 1, coordinate: 0)
      ),
      (
        PointCloud(rows: [[0, 0], [1, .infinity], [0, 1]]),
        .notFinite(set: "synthetic", point: 1, coordinate: 1)
      ),
      (
        PointCloud(rows: [[0, 0], [0, 1], [1e154, 1]]),
        .tooLarge(
          set: "synthetic", point: 2, coordinate: 0,
          limit: (Double.greatestFiniteMagnitude / 8).squareRoot())
      ),
      (
        PointCloud(count: 0, dimension: 2, coordinates: []),
        .tooFewPoints(set: "synthetic", count: 0, required: 1)
      ),
      (PointCloud(count: 3, dimension: 0, coordinates: []), .noColumns(set: "synthetic")),
      (
        PointCloud(rows: [[0], [1], [2]]),
        .dimensionMismatch(set: "real", dimension: 2, otherSet: "synthetic", otherDimension: 1)
      ),
    ])
  func badClouds(cloud: PointCloud, error: SampleMetricsError) {
    #expect(throws: error) { try ManifoldComparison(real: Self.good, synthetic: cloud, k: 1) }
    #expect(throws: error) {
      try DistanceToClosestRecord.compute(real: Self.good, synthetic: cloud)
    }
  }

  @Test("a bad holdout is named as the holdout")
  func badHoldout() {
    #expect(throws: SampleMetricsError.notFinite(set: "holdout", point: 0, coordinate: 1)) {
      try SampleMetricsReport.compute(
        real: Self.good, synthetic: Self.good, holdout: PointCloud(rows: [[0, .nan]]), k: 1)
    }
  }

  @Test("a bandwidth must be positive and finite", arguments: [0.0, -1, .nan, .infinity])
  func badBandwidth(h: Double) {
    #expect(throws: SampleMetricsError.self) {
      try KernelDensityBaseline.compute(real: Self.good, synthetic: Self.good, bandwidth: .fixed(h))
    }
  }

  @Test("a data-scaled bandwidth rule on a constant column reports a singular covariance")
  func singularCovariance() {
    let flat = PointCloud(rows: [[0, 1], [1, 1], [2, 1]])
    #expect(throws: SampleMetricsError.singularCovariance(set: "real")) {
      try KernelDensityBaseline.compute(real: flat, synthetic: Self.good, bandwidth: .scott)
    }
    #expect(throws: SampleMetricsError.tooFewPoints(set: "real", count: 1, required: 2)) {
      try KernelDensityBaseline.compute(
        real: PointCloud(rows: [[0, 0]]), synthetic: Self.good, bandwidth: .silverman)
    }
  }

  @Test("NDB/K needs 1 ≤ bins ≤ the real set's size", arguments: [0, 5])
  func badBins(bins: Int) {
    #expect(throws: SampleMetricsError.self) {
      try VectorQuantization.compute(real: Self.good, synthetic: Self.good, bins: bins)
    }
  }

  @Test("messages name the parameter and its range")
  func messages() {
    let error = SampleMetricsError.invalidParameter(name: "k", value: "9", allowed: "in 1...3")
    #expect("\(error)" == "k must be in 1...3, got 9")
    #expect(
      "\(SampleMetricsError.notFinite(set: "real", point: 2, coordinate: 0))".contains("point 2"))
  }

  @Test("percentiles interpolate at numpy's position (n − 1)·(p/100), to the last bit")
  func percentilePosition() {
    // numpy.percentile([0, 1, 2, 3], 5) = 0.15000000000000002: (3 * 0.05), not 3 * 5 / 100 = 0.15.
    #expect(percentile([0, 1, 2, 3], 5) == 0.15000000000000002)
    #expect(percentile([3, 1, 2, 0], 50) == 1.5)
  }
}
