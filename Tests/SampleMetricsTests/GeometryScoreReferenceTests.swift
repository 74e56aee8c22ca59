import Foundation
import Persistence
import PointClouds
import SampleMetrics
import Testing
import _TestSupport

/// One case written by `Resources/gscore/make_references.py` (gudhi + the reference algorithm).
struct GeometryScoreReference: Decodable {
  struct Trial: Decodable {
    var alpha_max: Double
    var bars: [PersistencePair]
    var rlt: [Double]
  }
  var landmarks: Int
  var gamma: Double
  var imax: Int
  var trials: [Trial]
  var mrlt: [Double]

  static func load(_ name: String) throws -> (
    reference: GeometryScoreReference, cloud: PointCloud, landmarks: LandmarkSets
  ) {
    func path(_ suffix: String) -> String {
      resourcePath("gscore/\(name).\(suffix)", in: Bundle.module)
    }
    let reference = try JSONDecoder().decode(
      GeometryScoreReference.self, from: Data(contentsOf: URL(fileURLWithPath: path("json"))))
    let cloud = try PointCloud.read(contentsOf: path("csv"))
    let landmarks = try LandmarkSets.read(contentsOf: path("landmarks"), pointCount: cloud.count)
    return (reference, cloud, landmarks)
  }
}

/// The gudhi dump of one small witness complex.
struct WitnessComplexDump: Decodable {
  struct Simplex: Decodable {
    var simplex: [Int]
    var value: Double
  }
  var cloud: [[Double]]
  var landmarks: [Int]
  var alpha_max: Double
  var simplices: [Simplex]
}

@Suite("Geometry score against the reference algorithm on gudhi")
struct GeometryScoreReferenceTests {
  @Test("every simplex of a small witness complex has gudhi's filtration value")
  func smallComplexMatchesGudhi() throws {
    let path = resourcePath("gscore/witness_small.json", in: Bundle.module)
    let dump = try JSONDecoder().decode(
      WitnessComplexDump.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
    let cloud = PointCloud(rows: dump.cloud)
    let filtration = WitnessFiltration(
      witnesses: cloud, landmarks: cloud.selecting(points: dump.landmarks),
      maxAlpha: .fractionOfMaxDistance(0.5))
    #expect(isClose(filtration.maxAlpha, dump.alpha_max, relative: 1e-15))
    var expected: [[Int]: Double] = [:]
    for entry in dump.simplices { expected[entry.simplex] = entry.value }
    let count = filtration.landmarkCount
    var found: [[Int]: Double] = [:]
    for a in 0..<count { found[[a]] = filtration.vertexValues[a] }
    for b in 0..<count { for a in 0..<b { found[[a, b]] = filtration.value(a, b) } }
    for c in 0..<count {
      for b in 0..<c { for a in 0..<b { found[[a, b, c]] = filtration.value(a, b, c) } }
    }
    found = found.filter { $0.value < .infinity }
    #expect(Set(found.keys) == Set(expected.keys))
    for (simplex, value) in expected {
      #expect(found[simplex].map { isClose($0, value, absolute: 1e-14) } == true, "\(simplex)")
    }
  }

  @Test(
    "per trial: α_max, the H1 bars (brute-force reduction) and the RLT agree with gudhi",
    arguments: ["circle", "two_circles", "blob", "grid_ties"])
  func trialsMatchGudhi(name: String) throws {
    let (reference, cloud, landmarks) = try GeometryScoreReference.load(name)
    #expect(landmarks.trials == reference.trials.count)
    for (trial, expected) in reference.trials.enumerated().prefix(6) {
      let filtration = WitnessFiltration(
        witnesses: cloud, landmarks: cloud.selecting(points: landmarks[trial: trial]),
        maxAlpha: .fractionOfMaxDistance(reference.gamma))
      #expect(isClose(filtration.maxAlpha, expected.alpha_max, relative: 1e-14))
      var simplices: [[Int]: Double] = [:]
      let count = filtration.landmarkCount
      for a in 0..<count { simplices[[a]] = filtration.vertexValues[a] }
      for b in 0..<count { for a in 0..<b { simplices[[a, b]] = filtration.value(a, b) } }
      for c in 0..<count {
        for b in 0..<c { for a in 0..<b { simplices[[a, b, c]] = filtration.value(a, b, c) } }
      }
      let bars = WitnessOracle.h1Bars(simplices.filter { $0.value < .infinity })
      #expect(barsMatch(bars, expected.bars, relative: 1e-12, absolute: 1e-12), "trial \(trial)")
      let rlt = RelativeLivingTimes.vector(
        bars: expected.bars, maxAlpha: expected.alpha_max, imax: reference.imax)
      #expect(zip(rlt, expected.rlt).allSatisfy { abs($0 - $1) <= 1e-12 }, "trial \(trial)")
    }
  }
}
