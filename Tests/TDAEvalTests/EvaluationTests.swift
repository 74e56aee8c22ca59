import Foundation
import Testing
import _TestSupport

@testable import TDAEval

/// A fast configuration for tests: few geometry-score trials, small Rips subsets.
private func quick(_ parts: Set<Evaluation.Part>) -> Evaluation {
  var evaluation = Evaluation()
  evaluation.parts = parts
  evaluation.trials = 8
  evaluation.persistencePoints = 80
  evaluation.vqBins = 10
  return evaluation
}

/// The default configuration with one change.
private func changed(_ change: (inout Evaluation) -> Void) -> Evaluation {
  var evaluation = Evaluation()
  change(&evaluation)
  return evaluation
}

/// The named scalar of `report`.
private func value(_ name: String, in report: EvaluationReport) throws -> Double {
  try #require(report.scalars.first { $0.name == name }).value
}

/// Evaluates the controlled pair of `base` under `failure`.
private func evaluate(
  _ base: BaseDistribution, _ failure: Failure, count: Int = 200, seed: UInt64 = 1,
  parts: Set<Evaluation.Part>
) throws -> EvaluationReport {
  let pair = try ControlledFailures.pair(base: base, failure: failure, count: count, seed: seed)
  return try quick(parts).evaluate(real: pair.real.cloud, synthetic: pair.synthetic.cloud)
}

@Suite("Evaluation of a real/synthetic pair")
struct EvaluationTests {
  @Test("recall and coverage drop under mode collapse")
  func modeCollapse() throws {
    let faithful = try evaluate(.gaussianMixture, .faithful, parts: [.sampleMetrics])
    let collapsed = try evaluate(.gaussianMixture, .modeCollapse, parts: [.sampleMetrics])
    #expect(try value("recall", in: faithful) > 0.8)
    #expect(try value("recall", in: collapsed) < 0.3)
    #expect(try value("coverage", in: faithful) > 0.8)
    #expect(try value("coverage", in: collapsed) < 0.3)
    // Collapse keeps fidelity: the one mode produced is a real one.
    #expect(try value("precision", in: collapsed) > 0.8)
  }

  @Test("precision and the KDE fidelity drop under noise")
  func noise() throws {
    let faithful = try evaluate(.circle, .faithful, parts: [.sampleMetrics, .kde])
    let noisy = try evaluate(.circle, .noise(sigma: 0.3), parts: [.sampleMetrics, .kde])
    #expect(try value("precision", in: faithful) > 0.85)
    #expect(try value("precision", in: noisy) < 0.6)
    #expect(
      try value("kde_synth_given_real", in: noisy) < value("kde_synth_given_real", in: faithful))
  }

  @Test("memorised rows show as exact copies at distance 0")
  func memorisation() throws {
    let faithful = try evaluate(.tabular, .faithful, parts: [.sampleMetrics])
    let copied = try evaluate(
      .tabular, .memorisation(fraction: 0.5, jitter: 0), parts: [.sampleMetrics])
    #expect(try value("dcr_exact_copies", in: faithful) == 0)
    #expect(try value("dcr_exact_copies", in: copied) == 0.5)
    #expect(try value("dcr_median", in: copied) < value("dcr_median", in: faithful))
  }

  @Test("the geometry score is larger for circle vs two circles than for a faithful resample")
  func geometryScore() throws {
    let faithful = try evaluate(.circle, .faithful, count: 150, parts: [.geometryScore])
    let wrong = try evaluate(.circle, .wrongTopology, count: 150, parts: [.geometryScore])
    #expect(try value("gscore", in: wrong) > 4 * value("gscore", in: faithful))
    #expect(faithful.geometryScore?.mrltReal.count == 100)
  }

  @Test("the H1 bottleneck distance is large for circle vs two circles, small for a resample")
  func bottleneckSeesTopology() throws {
    let faithful = try evaluate(.circle, .faithful, count: 80, parts: [.persistence])
    let wrong = try evaluate(.circle, .wrongTopology, count: 80, parts: [.persistence])
    // The circle's H1 bar is about [0.1, √3): unmatched it costs ≈ 0.8; two circles of radius
    // 0.5 have bars of about half its length.
    #expect(try value("bottleneck_h1", in: faithful) < 0.15)
    #expect(try value("bottleneck_h1", in: wrong) > 0.35)
    #expect(try value("wasserstein1_h1", in: wrong) > value("wasserstein1_h1", in: faithful))
    let distances = try #require(wrong.persistence?.distances)
    #expect(distances.map(\.dimension) == [0, 1])
    // Each distance agrees with the library's own on the reported diagrams.
    let diagrams = try #require(wrong.persistence)
    #expect(
      distances[1].bottleneck
        == (try Bottleneck.distance(diagrams.real.diagrams[1], diagrams.synthetic.diagrams[1])))
  }

  @Test("persistence runs on seeded subsets of at most persistencePoints points")
  func persistenceSubsets() throws {
    let pair = try ControlledFailures.pair(
      base: .circle, failure: .wrongTopology, count: 120, seed: 2)
    let configuration = quick([.persistence])
    let report = try configuration.evaluate(real: pair.real.cloud, synthetic: pair.synthetic.cloud)
    let again = try configuration.evaluate(real: pair.real.cloud, synthetic: pair.synthetic.cloud)
    let persistence = try #require(report.persistence)
    #expect(persistence.real.points == 80 && persistence.synthetic.points == 80)
    #expect(persistence.real.h0Points == 120 && persistence.synthetic.h0Points == 120)
    #expect(persistence == again.persistence)
    #expect(persistence.real.diagrams.count == 2)
    // One long H1 bar for the circle, two for the two circles.
    func longBars(_ summary: RipsSummary) -> Int {
      summary.diagrams[1].pairs.filter { $0.persistence > 0.4 }.count
    }
    #expect(longBars(persistence.real) == 1 && longBars(persistence.synthetic) == 2)
    #expect(report.timings["persistence"] != nil)
  }

  @Test("H0 is the whole sample's, bit for bit the dense engine's; H1 and up the subset's")
  func wholeSampleH0() throws {
    let pair = try ControlledFailures.pair(
      base: .circle, failure: .wrongTopology, count: 120, seed: 2)
    let configuration = quick([.persistence])
    let report = try configuration.evaluate(real: pair.real.cloud, synthetic: pair.synthetic.cloud)
    let persistence = try #require(report.persistence)
    let samples = [
      (persistence.real, pair.real.cloud, 100), (persistence.synthetic, pair.synthetic.cloud, 101),
    ]
    for (summary, cloud, stream) in samples {
      // The dense engine on the whole matrix, to H1: its H0 is the spanning tree's.
      let whole = try RipsPersistence.compute(
        DistanceMatrix(cloud, metric: .euclidean), options: RipsOptions(maxDimension: 1))
      #expect(summary.diagrams[0] == whole.diagrams[0])
      #expect(summary.h0Points == 120 && summary.h0Threshold == whole.threshold)
      let subset = configuration.persistenceSubset(cloud, stream: stream)
      let upper = try RipsPersistence.compute(
        DistanceMatrix(subset, metric: .euclidean), options: RipsOptions(maxDimension: 1))
      #expect(summary.diagrams[1] == upper.diagrams[1])
      #expect(summary.diagrams[0] != upper.diagrams[0])
      #expect(summary.points == 80 && summary.threshold == upper.threshold)
    }
    let distances = try #require(persistence.distances)
    #expect(
      distances[0].bottleneck
        == (try Bottleneck.distance(persistence.real.diagrams[0], persistence.synthetic.diagrams[0]))
    )
    // At maxdim 0 nothing is subsampled.
    var h0Only = configuration
    h0Only.maxDimension = 0
    let only = try #require(
      try h0Only.evaluate(real: pair.real.cloud, synthetic: pair.synthetic.cloud).persistence)
    #expect(only.real.diagrams == [persistence.real.diagrams[0]])
    #expect(only.real.points == 120 && only.real.h0Points == 120)
    #expect(only.real.threshold == persistence.real.h0Threshold)
  }

  @Test("the baseline and the matched comparison take H0 on their whole samples")
  func baselineWholeSampleH0() throws {
    let pair = try ControlledFailures.pair(
      base: .gaussianMixture, failure: .faithful, count: 400, seed: 3)
    var configuration = quick([.persistence])
    configuration.baseline = true
    let (real, synthetic) = (pair.real.cloud, pair.synthetic.cloud)
    let report = try configuration.evaluate(real: real, synthetic: synthetic)
    let baseline = try #require(report.baseline?.report.persistence)
    let matched = try #require(report.matched?.report.persistence)
    let comparison = try #require(report.persistence)
    func denseH0(_ cloud: PointCloud) throws -> PersistenceDiagram {
      try RipsPersistence.compute(
        DistanceMatrix(cloud, metric: .euclidean), options: RipsOptions(maxDimension: 0)
      ).diagrams[0]
    }
    // Halves of 200 rows; the matched synthetic sample is a seeded subset of 200 rows.
    let halves = Evaluation.halves(400, seed: configuration.seed)
    #expect(baseline.real.h0Points == 200 && baseline.synthetic.h0Points == 200)
    #expect(baseline.real.diagrams[0] == (try denseH0(real.selecting(points: halves.first))))
    #expect(baseline.synthetic.diagrams[0] == (try denseH0(real.selecting(points: halves.second))))
    #expect(matched.real == baseline.real)
    var random = SeededGenerator.stream(Evaluation.syntheticSubsetStream, of: configuration.seed)
    let rows = ControlledFailures.distinctIndices(200, below: 400, using: &random).sorted()
    #expect(matched.synthetic.h0Points == 200)
    #expect(matched.synthetic.diagrams[0] == (try denseH0(synthetic.selecting(points: rows))))
    // Its H1 is the comparison's: a seeded subset of 80 synthetic rows either way.
    #expect(matched.synthetic.diagrams[1] == comparison.synthetic.diagrams[1])
    #expect(matched.synthetic.points == 80 && baseline.real.points == 80)
  }

  @Test("the geometry scores that take the reference's MRLT over equal those computed afresh")
  func knownReferenceMRLT() throws {
    let pair = try ControlledFailures.pair(
      base: .gaussianMixture, failure: .modeCollapse, count: 300, seed: 4)
    var configuration = quick([.geometryScore])
    configuration.baseline = true
    let (real, synthetic) = (pair.real.cloud, pair.synthetic.cloud)
    let holdout = try ControlledFailures.pair(
      base: .gaussianMixture, failure: .faithful, count: 200, seed: 5
    ).real.cloud
    let score = configuration.geometryScore
    // Halves: the matched pair reuses the baseline's reference MRLT.
    let halves = try configuration.evaluate(real: real, synthetic: synthetic)
    let reference = real.selecting(points: Evaluation.halves(300, seed: configuration.seed).first)
    var random = SeededGenerator.stream(Evaluation.syntheticSubsetStream, of: configuration.seed)
    let rows = ControlledFailures.distinctIndices(150, below: 300, using: &random).sorted()
    #expect(
      halves.matched?.report.geometryScore
        == (try score.evaluate(real: reference, synthetic: synthetic.selecting(points: rows))))
    // A holdout: the baseline reuses the comparison's real MRLT.
    let withHoldout = try configuration.evaluate(
      real: real, synthetic: synthetic, holdout: holdout)
    #expect(
      withHoldout.baseline?.report.geometryScore
        == (try score.evaluate(real: real, synthetic: holdout)))
  }

  @Test(
    "under Gower's distance H0 is the whole table's, bit for bit the dense engine's on the matrix",
    arguments: [nil, 0.05])
  func gowerWholeTableH0(threshold: Double?) throws {
    // 400 mixed rows each (ties and missing cells), read under Gower's distance.
    let samples = try TableSamples.read(
      real: "Notebooks-data/examples/registry-real.csv",
      synthetic: "Notebooks-data/examples/registry-synth.csv")
    #expect(samples.distance == .gower)
    var configuration = quick([.persistence])
    configuration.threshold = threshold
    let report = try configuration.evaluate(samples)
    let persistence = try #require(report.persistence)
    let options = RipsOptions(maxDimension: 1, threshold: threshold)
    let tables = [
      (persistence.real, samples.real, 100), (persistence.synthetic, samples.synthetic, 101),
    ]
    for (summary, table, stream) in tables {
      let whole = try RipsPersistence.compute(samples.gower.matrix(table), options: options)
      #expect(summary.diagrams[0] == whole.diagrams[0])
      #expect(summary.h0Points == 400 && summary.h0Threshold == whole.threshold)
      let subset = table.selecting(rows: configuration.persistenceRows(400, stream: stream))
      let upper = try RipsPersistence.compute(samples.gower.matrix(subset), options: options)
      #expect(summary.diagrams[1] == upper.diagrams[1])
      #expect(summary.points == 80 && summary.threshold == upper.threshold)
    }
    if threshold != nil {
      #expect(persistence.real.diagrams[0].pairs.filter { !$0.death.isFinite }.count > 1)
    }
  }

  @Test("the report encodes to JSON with the contract's keys and decodes back")
  func json() throws {
    let report = try evaluate(
      .circle, .faithful, count: 60, parts: Evaluation.defaults.parts)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    let data = try encoder.encode(report)
    let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    for key in [
      "parameters", "real", "synthetic", "diagrams", "metrics", "kde", "gscore", "detect",
      "timings",
    ] {
      #expect(object[key] != nil, "missing \(key)")
    }
    let parameters = try #require(object["parameters"] as? [String: Any])
    #expect(parameters["maxdim"] as? Int == 1 && parameters["k"] as? Int == 5)
    #expect(
      parameters["bandwidth"] as? String == "scott" && parameters["balls"] as? String == "open")
    let diagrams = try #require(object["diagrams"] as? [String: Any])
    let real = try #require(diagrams["real"] as? [String: Any])
    #expect(real["h0_points"] as? Int == 60 && real["points"] as? Int == 60)
    let metrics = try #require(object["metrics"] as? [String: Any])
    #expect(metrics["precision"] is Double && metrics["dcr"] is [String: Any])
    let gscore = try #require(object["gscore"] as? [String: Any])
    #expect((gscore["mrlt_real"] as? [Double])?.count == 100)
    let decoded = try JSONDecoder().decode(EvaluationReport.self, from: data)
    #expect(decoded.parameters == report.parameters)
    #expect(decoded.scalars == report.scalars)
    #expect(decoded.persistence == report.persistence)
    #expect(decoded.detection == report.detection && report.detection != nil)
  }

  @Test("infinite distances are encoded as null and decoded as infinity")
  func infiniteDistance() throws {
    let distance = DiagramDistanceSummary(
      dimension: 0, bottleneck: .infinity, wasserstein1: .infinity, wasserstein2: 1.5)
    let text = String(decoding: try JSONEncoder().encode(distance), as: UTF8.self)
    #expect(text.contains("\"bottleneck\":null") && text.contains("\"wasserstein2\":1.5"))
    #expect(
      try JSONDecoder().decode(DiagramDistanceSummary.self, from: Data(text.utf8)) == distance)
  }

  @Test("the HTML page holds a metric row per reading and the MRLT histograms")
  func htmlPage() throws {
    let report = try evaluate(
      .circle, .noise(sigma: 0.1), count: 80, parts: Evaluation.defaults.parts)
    let page = report.htmlReport(realName: "real.csv", syntheticName: "synth.csv")
    #expect(page.metrics == report.metricRows)
    #expect(page.realDiagrams.count == 2 && page.realMRLT?.count == 100)
    #expect(
      page.metrics.contains { $0.name == "precision" }
        && page.metrics.contains { $0.name == "geometry score" })
    #expect(page.render().contains("H1 persistence diagram"))
  }

  @Test("Naeem et al.'s expected coverage for identical distributions")
  func expectedCoverage() {
    // k = 1, N = M = 2: 1 − (N − 1)/(M + N − 1) = 1 − 1/3.
    #expect(isClose(EvaluationReport.expectedCoverage(k: 1, real: 2, synthetic: 2), 2.0 / 3))
    // Large equal samples: ≈ 1 − 2^−k.
    #expect(
      abs(EvaluationReport.expectedCoverage(k: 5, real: 10_000, synthetic: 10_000) - 0.96875) < 1e-3
    )
  }

  @Test(
    "bad parameters and incomparable samples are rejected with the parameter's name",
    arguments: [
      ("k", changed { $0.k = 0 }), ("k", changed { $0.k = 50 }),
      ("maxdim", changed { $0.maxDimension = 4 }), ("threshold", changed { $0.threshold = -1 }),
      ("persistence_points", changed { $0.persistencePoints = 1 }),
      ("landmarks", changed { $0.landmarks = 0 }), ("gamma", changed { $0.gamma = .nan }),
      ("imax", changed { $0.imax = 0 }), ("trials", changed { $0.trials = 0 }),
      ("parts", changed { $0.parts = [] }), ("vq_bins", changed { $0.vqBins = -1 }),
    ])
  func badParameters(name: String, evaluation: Evaluation) {
    let cloud = BaseDistribution.circle.sample(count: 50, seed: 1)
    #expect {
      try evaluation.evaluate(real: cloud, synthetic: cloud)
    } throws: { error in
      guard case .invalidParameter(let parameter, _, _) = error as? PointCloudError else {
        return false
      }
      return parameter == name
    }
  }

  @Test("a KDE undefined for the data (singular covariance) is omitted with the reason")
  func singularCovariance() throws {
    let line = PointCloud(rows: (0..<30).map { [Double($0), 2 * Double($0)] })
    let circle = BaseDistribution.circle.sample(count: 30, seed: 1)
    let report = try quick([.kde, .sampleMetrics]).evaluate(real: circle, synthetic: line)
    #expect(report.kde == nil && report.sampleMetrics != nil)
    #expect(report.omitted["kde"]?.contains("singular") == true)
    #expect(
      report.htmlReport(realName: "a", syntheticName: "b").notes.contains {
        $0.contains("kde not computed")
      })
  }

  @Test("samples of different dimension or with one point are rejected")
  func incomparable() {
    let plane = BaseDistribution.circle.sample(count: 20, seed: 1)
    let space = BaseDistribution.sphere.sample(count: 20, seed: 1)
    #expect(throws: PointCloudError.self) {
      try Evaluation().evaluate(real: plane, synthetic: space)
    }
    let single = plane.selecting(points: [0])
    #expect(throws: PointCloudError.self) {
      try Evaluation().evaluate(real: plane, synthetic: single)
    }
  }
}
