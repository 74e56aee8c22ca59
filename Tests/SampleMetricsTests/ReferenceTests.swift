import Foundation
import PointClouds
import Testing
import _TestSupport

@testable import SampleMetrics

/// Agreement with prdc, the authors' definitions, scipy and numpy on the committed cases of
/// `Resources/make_references.py` (ties, duplicates, copies, outliers, d up to 32).
@Suite("Sample metrics against the peer tools' values")
struct ReferenceTests {
  static let cases = ["gauss8", "grid3", "copies5", "outliers16", "gauss32"]
  nonisolated(unsafe) static let references: [String: Any] = {
    let data = try! Data(
      contentsOf: URL(fileURLWithPath: resourcePath("references.json", in: Bundle.module)))
    return try! JSONSerialization.jsonObject(with: data) as! [String: Any]
  }()

  static func cloud(_ name: String, _ part: String) throws -> PointCloud {
    try PointCloud.read(contentsOf: resourcePath("case_\(name)_\(part).csv", in: Bundle.module))
  }

  static func entry(_ name: String, _ key: String) -> [String: Any] {
    (references[name] as! [String: Any])[key] as! [String: Any]
  }

  static func number(_ dictionary: [String: Any], _ key: String) -> Double {
    (dictionary[key] as! NSNumber).doubleValue
  }

  @Test(
    "precision, recall, density, coverage equal prdc (open) and the authors' rule (closed)",
    arguments: cases)
  func prdc(name: String) throws {
    let real = try Self.cloud(name, "real")
    let synthetic = try Self.cloud(name, "synth")
    for k in [1, 3, 5] {
      for balls in BallBoundary.allCases {
        let expected = Self.entry(name, "\(balls.rawValue)_k\(k)")
        let comparison = try ManifoldComparison(
          real: real, synthetic: synthetic, k: k, balls: balls)
        let pr = PrecisionRecall(comparison)
        let dc = DensityCoverage(comparison)
        let label = "\(name) k=\(k) \(balls)"
        #expect(
          isClose(pr.precision, Self.number(expected, "precision"), relative: 1e-12), "\(label)")
        #expect(isClose(pr.recall, Self.number(expected, "recall"), relative: 1e-12), "\(label)")
        #expect(isClose(dc.density, Self.number(expected, "density"), relative: 1e-12), "\(label)")
        #expect(
          isClose(dc.coverage, Self.number(expected, "coverage"), relative: 1e-12), "\(label)")
      }
    }
  }

  @Test(
    "k-th neighbour radii and realism scores equal the authors' code in float64", arguments: cases)
  func radiiAndRealism(name: String) throws {
    let real = try Self.cloud(name, "real")
    let synthetic = try Self.cloud(name, "synth")
    let references = Self.references[name] as! [String: Any]
    for k in [1, 3, 5] {
      let radii = NearestNeighbors.kthNeighborDistances(in: real, k: k)
      let expectedRadii = (references["radii_k\(k)"] as! [NSNumber]).map(\.doubleValue)
      #expect(zip(radii, expectedRadii).allSatisfy { isClose($0, $1, relative: 1e-12) })
      let scores = try Realism.compute(real: real, synthetic: synthetic, k: k).scores
      let expectedScores = (references["realism_k\(k)"] as! [NSNumber]).map(\.doubleValue)
      #expect(scores.count == expectedScores.count)
      #expect(
        zip(scores, expectedScores).allSatisfy { isClose($0, $1, relative: 1e-12) },
        "\(name) k=\(k)")
    }
  }

  @Test(
    "distance to the closest record equals numpy's, with and without a holdout", arguments: cases)
  func closestRecord(name: String) throws {
    let dcr = try DistanceToClosestRecord.compute(
      real: try Self.cloud(name, "real"), synthetic: try Self.cloud(name, "synth"),
      holdout: try Self.cloud(name, "holdout"))
    for (statistics, key) in [(dcr.synthetic, "dcr"), (dcr.holdout!, "dcr_holdout")] {
      let expected = Self.entry(name, key)
      #expect(isClose(statistics.median, Self.number(expected, "median"), relative: 1e-12))
      #expect(isClose(statistics.p5, Self.number(expected, "p5"), relative: 1e-12))
      #expect(isClose(statistics.mean, Self.number(expected, "mean"), relative: 1e-12))
      #expect(
        isClose(statistics.exactCopies, Self.number(expected, "exact_copies"), relative: 1e-12))
    }
  }

  @Test(
    "KDE log-likelihoods equal scipy's gaussian_kde and an exact brute-force sum", arguments: cases)
  func kernelDensity(name: String) throws {
    let real = try Self.cloud(name, "real")
    let synthetic = try Self.cloud(name, "synth")
    let kde = Self.entry(name, "kde")
    let bandwidths: [(String, KernelBandwidth)] = [
      ("scott", .scott), ("silverman", .silverman), ("fixed_0.5", .fixed(0.5)),
      ("fixed_2.0", .fixed(2)),
    ]
    for (key, bandwidth) in bandwidths {
      let expected = kde[key] as! [String: Any]
      let result = try KernelDensityBaseline.compute(
        real: real, synthetic: synthetic, bandwidth: bandwidth)
      #expect(isClose(result.bandwidth, Self.number(expected, "bandwidth"), relative: 1e-14))
      #expect(
        isClose(result.synthGivenReal, Self.number(expected, "synth_given_real"), relative: 1e-9),
        "\(name) \(key)")
      #expect(
        isClose(result.realGivenSynth, Self.number(expected, "real_given_synth"), relative: 1e-9),
        "\(name) \(key)")
    }
  }
}
