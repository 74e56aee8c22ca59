import TDAEval
import Testing

@Suite("The README's library example")
struct ReadmeExampleTests {
  @Test(
    "runs as written, and a circle against two circles shows a larger H1 distance than a resample")
  func libraryExample() throws {
    let real = BaseDistribution.circle.sample(count: 120, noise: 0.05, seed: 2)
    let synthetic = BaseDistribution.circle.sample(count: 120, noise: 0.05, seed: 1)
    let twoCircles = BaseDistribution.twoCircles.sample(count: 120, noise: 0.05, seed: 1)

    let options = RipsOptions(maxDimension: 1)
    let a = try RipsPersistence.compute(real, options: options).diagrams
    let b = try RipsPersistence.compute(synthetic, options: options).diagrams
    let c = try RipsPersistence.compute(twoCircles, options: options).diagrams
    let resample = try Bottleneck.distance(a[1], b[1])
    let wrongTopology = try Bottleneck.distance(a[1], c[1])
    #expect(resample < 0.2)
    #expect(wrongTopology > 2 * resample)

    var evaluation = Evaluation()
    evaluation.trials = 10
    let report = try evaluation.evaluate(real: real, synthetic: synthetic)
    #expect(report.real.points == 120)

    let tables = try TableSamples.read(
      real: "Notebooks-data/examples/registry-real.csv",
      synthetic: "Notebooks-data/examples/registry-synth.csv")
    #expect(tables.distance == .gower)
    let metrics = try SampleMetricsReport.compute(
      real: tables.real, synthetic: tables.synthetic, gower: tables.gower)
    #expect(metrics.distance == .gower && metrics.precision > 0)
    var small = Evaluation()
    small.trials = 5
    small.persistencePoints = 100
    let tableReport = try small.evaluate(tables)
    #expect(tableReport.distance == .gower && tableReport.sampleMetrics != nil)
  }
}
