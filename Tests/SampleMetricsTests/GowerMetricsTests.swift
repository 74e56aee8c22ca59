import TDAEval
import Testing
import _TestSupport

/// The k-NN metrics on mixed tables under Gower's distance, against the definitions evaluated on
/// the full distance matrices.
@Suite("k-NN metrics under Gower's distance")
struct GowerMetricsTests {
  /// Precision, recall, density, coverage, realism and DCR from full matrices of `distance`.
  func oracle(
    real: Table, synthetic: Table, k: Int, closed: Bool,
    distance: (Table, Int, Table, Int) -> Double
  ) -> (
    precision: Double, recall: Double, density: Double, coverage: Double, realism: [Double],
    dcr: [Double]
  ) {
    let n = real.rowCount
    let m = synthetic.rowCount
    func radius(_ table: Table, _ i: Int) -> Double {
      (0..<table.rowCount).filter { $0 != i }.map { distance(table, i, table, $0) }.sorted()[k - 1]
    }
    let realRadii = (0..<n).map { radius(real, $0) }
    let syntheticRadii = (0..<m).map { radius(synthetic, $0) }
    func inside(_ d: Double, _ r: Double) -> Bool { closed ? d <= r : d < r }
    let cross = (0..<m).map { j in (0..<n).map { i in distance(synthetic, j, real, i) } }
    var inReal = 0
    var count = 0
    for j in 0..<m {
      let hits = (0..<n).filter { inside(cross[j][$0], realRadii[$0]) }.count
      count += hits
      if hits > 0 { inReal += 1 }
    }
    var inSynthetic = 0
    var covered = 0
    for i in 0..<n {
      if (0..<m).contains(where: { inside(cross[$0][i], syntheticRadii[$0]) }) { inSynthetic += 1 }
      if inside((0..<m).map { cross[$0][i] }.min()!, realRadii[i]) { covered += 1 }
    }
    // Realism: squared radii above their median (numpy's linear percentile) are pruned.
    let squared = realRadii.map { $0 * $0 }.sorted()
    let position = 0.5 * Double(n - 1)
    let low = Int(position.rounded(.down))
    let high = min(low + 1, n - 1)
    let median = squared[low] + (squared[high] - squared[low]) * (position - Double(low))
    let pruned: [Double] = realRadii.map { r in r * r > median ? 0 : r * r }
    var realism: [Double] = []
    for j in 0..<m {
      var best = 0.0
      for i in 0..<n where pruned[i] > 0 {
        let d: Double = cross[j][i]
        best = max(best, pruned[i] / (d * d + 1e-5))
      }
      realism.append(best)
    }
    return (
      Double(inReal) / Double(m), Double(inSynthetic) / Double(n), Double(count) / Double(k * m),
      Double(covered) / Double(n), realism, cross.map { $0.min()! }
    )
  }

  @Test(
    "equal to the definitions on a registry with missing cells",
    arguments: [BallBoundary.open, .closed])
  func registry(balls: BallBoundary) throws {
    let pair = try PatientRegistry.pair(
      count: 90, seed: 3, missingRate: 0.1, failure: .shiftedLabs(sigma: 1))
    let samples = try TableSamples(
      real: pair.real, synthetic: pair.synthetic,
      options: TableOptions(overrides: SchemaOverrides(schema: PatientRegistry.schema)))
    #expect(samples.distance == .gower)
    let gower = samples.gower
    for k in [1, 5] {
      let comparison = try ManifoldComparison(
        real: samples.real, synthetic: samples.synthetic, gower: gower, k: k, balls: balls)
      let expected = oracle(
        real: samples.real, synthetic: samples.synthetic, k: k, closed: balls == .closed,
        distance: gower.distance)
      let pr = PrecisionRecall(comparison)
      let dc = DensityCoverage(comparison)
      #expect(pr.precision == expected.precision)
      #expect(pr.recall == expected.recall)
      #expect(dc.density == expected.density)
      #expect(dc.coverage == expected.coverage)
      #expect(Realism(comparison).scores == expected.realism)
      #expect(comparison.syntheticToRealSquared.map { $0.squareRoot() } == expected.dcr)
    }
  }

  @Test("the report: Gower distance named, NDB/K omitted with missing cells, holdout DCR")
  func report() throws {
    let pair = try PatientRegistry.pair(count: 60, seed: 4, failure: .memorisation(fraction: 0.5))
    let holdout = PatientRegistry.sample(count: 30, seed: 99, file: "holdout.csv")
    let samples = try TableSamples(
      real: pair.real, synthetic: pair.synthetic, holdout: holdout,
      options: TableOptions(overrides: SchemaOverrides(schema: PatientRegistry.schema)))
    let report = try SampleMetricsReport.compute(
      real: samples.real, synthetic: samples.synthetic, holdout: samples.holdout,
      gower: samples.gower, k: 3, bins: 5)
    #expect(report.distance == .gower)
    #expect(report.vq == nil)
    #expect(report.vqOmitted != nil)
    // Half the synthetic rows copy real rows, missing cells included: distance 0.
    #expect(report.dcr.synthetic.exactCopies >= 0.5)
    let holdoutStatistics = try #require(report.dcr.holdout)
    #expect(holdoutStatistics.count == 30)
    #expect(holdoutStatistics.exactCopies == 0)

    // Complete tables: NDB/K runs on the Euclidean embedding.
    let complete = try TableSamples(
      real: pair.real, synthetic: pair.synthetic,
      options: TableOptions(
        overrides: SchemaOverrides(schema: PatientRegistry.schema), dropIncompleteRows: true))
    let withBins = try SampleMetricsReport.compute(
      real: complete.real, synthetic: complete.synthetic, gower: complete.gower, k: 3, bins: 5)
    #expect(withBins.vq?.bins == 5)
    #expect(withBins.vqOmitted == nil)
  }

  @Test("too few rows for k is a clear error")
  func tooFewRows() throws {
    let pair = try PatientRegistry.pair(count: 4, seed: 1, failure: .faithful)
    let samples = try TableSamples(
      real: pair.real, synthetic: pair.synthetic,
      options: TableOptions(overrides: SchemaOverrides(schema: PatientRegistry.schema)))
    #expect(throws: SampleMetricsError.self) {
      try ManifoldComparison(
        real: samples.real, synthetic: samples.synthetic, gower: samples.gower, k: 4)
    }
  }
}
