import TDAEval
import Testing
import _TestSupport

@Suite("Privacy: DCR, NNDR, identifiability, membership and attribute inference")
struct PrivacyTests {
  func cloud(_ values: [Double]) -> PointCloud { PointCloud(rows: values.map { [$0] }) }

  @Test("a tiny case worked by hand")
  func byHand() throws {
    let real = cloud([0, 1, 2, 10, 12])
    let synthetic = cloud([0, 1.1, 5])
    let holdout = cloud([3, 9])
    let report = try PrivacyReport.compute(
      real: .euclidean(real), synthetic: .euclidean(synthetic), holdout: .euclidean(holdout))
    // DCR: 0 (a copy), 1.1 − 1, 5 − 2.
    #expect(report.dcr.synthetic.exactCopies == 1.0 / 3)
    #expect(report.dcr.synthetic.median == 1.1 - 1)
    // NNDR: 0/1, (1.1 − 1)/(2 − 1.1), 3/4 (5 is 3 from 2 and 4 from 1).
    #expect(report.nndr.median == (1.1 - 1) / (2 - 1.1))
    #expect(report.nndr.mean == (0 + (1.1 - 1) / (2 - 1.1) + 3.0 / 4) / 3)
    // Identifiability: 0, 1 and 2 have a synthetic row closer than their nearest other real row;
    // 10 (synthetic 5 at 5, real 12 at 2) and 12 do not.
    #expect(report.identifiability.value == 3.0 / 5)
    #expect(report.identifiability.fresh == 1.0 / 5)  // only 10 has holdout 9 closer than real 12
    // Closer to training: 0 and 1.1 yes; 5 is 3 from training, 2 from holdout 3.
    #expect(report.dcr.closerToTraining?.value == 2.0 / 3)
    #expect(report.dcr.closerToTraining?.fresh == 5.0 / 7)
    // Membership: member scores −(0, 0.1, 0.9, 5, 7), non-members −(1.9, 4): 6 of 10 pairs ordered.
    let membership = try #require(report.membership)
    #expect(abs(membership.auc - 0.6) < 1e-15)
    #expect(membership.tprAtFPR001 == 0.6)
    #expect(membership.curve.falsePositiveRates == [0, 0, 0, 1, 1])
    #expect(membership.curve.truePositiveRates == [0, 0.2, 0.6, 0.6, 1])
  }

  @Test("ROC AUC counts ties one half, as scikit-learn")
  func rocTies() {
    let curve = ROCCurve(positives: [1, 1, 0], negatives: [1, 0])
    #expect(abs(curve.area - 3.5 / 6) < 1e-15)
    #expect(ROCCurve(positives: [3, 4], negatives: [1, 2]).area == 1)
    #expect(ROCCurve(positives: [1, 2], negatives: [3, 4]).area == 0)
  }

  @Test("equal to direct O(n·m) oracles on a registry under Gower's distance")
  func oracle() throws {
    let pair = try PatientRegistry.pair(
      count: 70, seed: 5, missingRate: 0.1, failure: .memorisation(fraction: 0.3))
    let holdout = PatientRegistry.sample(count: 40, seed: 77, missingRate: 0.1, file: "holdout.csv")
    let samples = try TableSamples(
      real: pair.real, synthetic: pair.synthetic, holdout: holdout,
      options: TableOptions(overrides: SchemaOverrides(schema: PatientRegistry.schema)))
    let spaces = try samples.rowSpaces()
    let report = try PrivacyReport.compute(
      real: spaces.real, synthetic: spaces.synthetic, holdout: spaces.holdout)
    let gower = samples.gower
    let (r, s, h) = (samples.real, samples.synthetic, samples.holdout!)
    func distances(_ a: Table, _ i: Int, _ b: Table) -> [Double] {
      (0..<b.rowCount).map { gower.distance(a, i, b, $0) }
    }
    let dcr = (0..<s.rowCount).map { distances(s, $0, r).min()! }
    #expect(report.dcr.synthetic == ClosestRecordStatistics(dcr))
    let ratios = (0..<s.rowCount).map { j -> Double in
      let sorted = distances(s, j, r).sorted()
      return sorted[0] == 0 && sorted[1] == 0 ? 0 : sorted[0] / sorted[1]
    }
    #expect(report.nndr.mean == ratios.reduce(0, +) / Double(ratios.count))
    let identifiable = (0..<r.rowCount).filter { i in
      let other = distances(r, i, r).enumerated().filter { $0.offset != i }.map(\.element).min()!
      return distances(r, i, s).min()! < other
    }.count
    #expect(report.identifiability.value == Double(identifiable) / Double(r.rowCount))
    let closer = (0..<s.rowCount).filter { distances(s, $0, r).min()! < distances(s, $0, h).min()! }
      .count
    #expect(report.dcr.closerToTraining?.value == Double(closer) / Double(s.rowCount))
    // Membership AUC as the Mann–Whitney statistic.
    let members = (0..<r.rowCount).map { -distances(r, $0, s).min()! }
    let others = (0..<h.rowCount).map { -distances(h, $0, s).min()! }
    var wins = 0.0
    for a in members { for b in others { wins += a > b ? 1 : a == b ? 0.5 : 0 } }
    #expect(abs(report.membership!.auc - wins / Double(members.count * others.count)) < 1e-12)
    // Copies show: 30% of synthetic rows are real rows.
    #expect(report.dcr.synthetic.exactCopies >= 0.3)
    #expect(report.membership!.auc > 0.5)
  }

  @Test("attribute inference by hand: nearest synthetic row on the quasi-identifiers")
  func attributeInference() throws {
    let real = try RawTable.parse(
      Array("age,sex,diagnosis,bp\n30,f,a,120\n50,m,b,140\n70,m,b,160\n".utf8), file: "r.csv")
    let synthetic = try RawTable.parse(
      Array("age,sex,diagnosis,bp\n31,f,a,125\n69,m,a,150\n52,m,,130\n".utf8), file: "s.csv")
    let holdout = try RawTable.parse(
      Array("age,sex,diagnosis,bp\n35,f,b,110\n".utf8), file: "h.csv")
    let samples = try TableSamples(
      real: real, synthetic: synthetic, holdout: holdout, options: TableOptions())
    #expect(samples.distance == .gower)
    let attack = try AttributeInference.compute(
      samples, quasiIdentifiers: ["age", "sex"], sensitive: "diagnosis")
    // 30 f → 31 f (a, right); 50 m → 52 m has no diagnosis, so 69 m (a, wrong); 70 m → 69 m (a,
    // wrong).
    #expect(attack.training.rows == 3)
    #expect(attack.training.accuracy == 1.0 / 3)
    #expect(attack.holdout?.accuracy == 0)  // 35 f → 31 f says a, truth b
    let numeric = try AttributeInference.compute(
      samples, quasiIdentifiers: ["age"], sensitive: "bp")
    // 30 → 31 (125), 50 → 52 (130), 70 → 69 (150): errors 5, 10, 10.
    #expect(abs(numeric.training.rmse! - ((25.0 + 100 + 100) / 3).squareRoot()) < 1e-12)
    #expect(throws: SampleMetricsError.self) {
      try AttributeInference.compute(samples, quasiIdentifiers: ["age", "bp"], sensitive: "bp")
    }
    #expect(throws: TableError.self) {
      try AttributeInference.compute(samples, quasiIdentifiers: ["height"], sensitive: "bp")
    }
  }

  @Test("rows the library cannot compare are typed errors, not traps")
  func incomparableRows() throws {
    let plain = cloud([0, 1, 2, 4])
    let table = Table(plain, file: "t")
    #expect(throws: SampleMetricsError.self) {
      try PrivacyReport.compute(
        real: .euclidean(plain), synthetic: .gower(table, GowerDistance(fittedTo: table)))
    }
    let infinite = PointCloud(count: 2, dimension: 1, coordinates: [0, .infinity])
    #expect(throws: SampleMetricsError.notFinite(set: "synthetic", point: 1, coordinate: 0)) {
      try PrivacyReport.compute(real: .euclidean(plain), synthetic: .euclidean(infinite))
    }
    let wide = PointCloud(count: 2, dimension: 2, coordinates: [0, 0, 1, 1])
    #expect(throws: SampleMetricsError.self) {
      try PrivacyReport.compute(
        real: .euclidean(plain), synthetic: .euclidean(plain), holdout: .euclidean(wide))
    }
  }

  @Test("too few rows are a clear error")
  func tooFew() {
    #expect(throws: SampleMetricsError.self) {
      try PrivacyReport.compute(real: .euclidean(cloud([1])), synthetic: .euclidean(cloud([1])))
    }
  }
}
