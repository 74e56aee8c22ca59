import Foundation
import TDAEval
import Testing
import _TestSupport

@Suite("Evaluation: the detect and utility parts")
struct EvaluationLearningTests {
  /// The registry example's real rows split into training rows (the first 250) and test rows.
  static func registry() throws -> TableSamples {
    let directory = try makeTemporaryDirectory()
    let lines = try String(
      contentsOfFile: "Notebooks-data/examples/registry-real.csv", encoding: .utf8
    ).split(separator: "\n")
    let train = try writeFile(
      lines[0..<250].joined(separator: "\n") + "\n", named: "train.csv", in: directory)
    let test = try writeFile(
      ([lines[0]] + lines[250...]).joined(separator: "\n") + "\n", named: "test.csv",
      in: directory)
    return try TableSamples.read(
      real: train, synthetic: "Notebooks-data/examples/registry-synth.csv", holdout: test)
  }

  @Test("the report's detect and utility are Detection.compute's and Utility.compute's")
  func sameAsDirect() throws {
    let samples = try Self.registry()
    var evaluation = Evaluation()
    evaluation.parts = [.fidelity, .detect, .utility]
    evaluation.seed = 7
    evaluation.detectionFolds = 4
    evaluation.detectionPermutations = 49
    evaluation.target = "diabetes"
    let report = try evaluation.evaluate(samples)
    let detection = try Detection.compute(
      samples, options: .init(folds: 4, permutations: 49, seed: 7))
    #expect(report.detection == detection)
    #expect(report.utility == (try Utility.compute(samples, target: "diabetes")))
    #expect(report.fidelity == FidelityReport.compute(samples))
    #expect(report.timings["detect"] != nil && report.timings["utility"] != nil)
    // Computed for the pair only: the baseline has the other parts.
    #expect(report.baseline?.report.fidelity != nil && report.baseline?.report.detection == nil)
  }

  @Test("clouds enter detection as the tables of their values")
  func clouds() throws {
    let real = BaseDistribution.circle.sample(count: 60, noise: 0.05, seed: 2)
    let synthetic = BaseDistribution.twoCircles.sample(count: 50, noise: 0.05, seed: 1)
    var evaluation = Evaluation()
    evaluation.parts = [.detect]
    evaluation.detectionPermutations = 19
    let report = try evaluation.evaluate(real: real, synthetic: synthetic)
    func csv(_ cloud: PointCloud) -> RawTable {
      RawTable(
        file: "t", names: ["a", "b"],
        cells: (0..<2).map { c in (0..<cloud.count).map { "\(cloud[$0, c])" } },
        lines: Array(2..<(cloud.count + 2)))
    }
    let tables = try TableSamples(
      real: csv(real), synthetic: csv(synthetic), options: TableOptions(distance: .euclidean))
    let direct = try Detection.compute(tables, options: .init(permutations: 19, seed: 1))
    #expect(report.detection == direct)
    #expect(report.real.points == 60 && report.synthetic.points == 50)
    // Two circles against one: the 1-NN test sees it.
    #expect(direct.nearestNeighbour.accuracy > 0.6)
  }

  @Test("utility without a target or a test table is refused")
  func utilityNeedsTargetAndTest() throws {
    var samples = try Self.registry()
    var evaluation = Evaluation()
    evaluation.parts = [.utility]
    #expect(throws: PointCloudError.self) { try evaluation.evaluate(samples) }
    evaluation.target = "diabetes"
    samples.holdout = nil
    #expect(throws: PointCloudError.self) { try evaluation.evaluate(samples) }
  }

  @Test("default parts: detect without utility; parameters round-trip through JSON")
  func defaults() throws {
    #expect(Evaluation().parts.contains(.detect) && !Evaluation().parts.contains(.utility))
    var evaluation = Evaluation()
    evaluation.target = "diabetes"
    evaluation.task = .classification
    evaluation.detectionFolds = 5
    let decoded = try JSONDecoder().decode(
      Evaluation.self, from: try JSONEncoder().encode(evaluation))
    #expect(decoded == evaluation)
  }
}
