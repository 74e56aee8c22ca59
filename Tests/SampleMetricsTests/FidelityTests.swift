import Foundation
import Tables
import Testing
import _TestSupport

@testable import SampleMetrics

/// `FidelityReport` against SDMetrics 0.32's QualityReport (the cases of
/// `Scripts/references/make_fidelity_references.py`) and against a case worked out by hand.
@Suite("Fidelity (SDMetrics quality report)")
struct FidelityTests {
  nonisolated(unsafe) static let reference: [String: Any] = {
    let data = try! Data(
      contentsOf: URL(fileURLWithPath: resourcePath("fidelity/fidelity.json", in: Bundle.module)))
    return try! JSONSerialization.jsonObject(with: data) as! [String: Any]
  }()

  static var cases: [[String: Any]] { reference["cases"] as! [[String: Any]] }

  static func number(_ value: Any?) -> Double? { (value as? NSNumber)?.doubleValue }

  /// The case's tables, read as the CLI reads them under the kinds the script gave SDMetrics.
  static func samples(_ testCase: [String: Any]) throws -> TableSamples {
    let kinds = testCase["kinds"] as! [String: String]
    func names(_ kind: String) -> [String] { kinds.filter { $0.value == kind }.map(\.key).sorted() }
    let real = try RawTable.read(
      contentsOf: resourcePath("fidelity/\(testCase["real"] as! String)", in: Bundle.module))
    let synthetic = try RawTable.read(
      contentsOf: resourcePath("fidelity/\(testCase["synthetic"] as! String)", in: Bundle.module))
    return try TableSamples(
      real: real, synthetic: synthetic,
      options: TableOptions(
        overrides: SchemaOverrides(
          categorical: names("categorical"), ordinal: names("ordinal"), ignore: names("ignore"))))
  }

  static func expectClose(_ swift: Double?, _ python: Double?, _ what: String) {
    switch (swift, python) {
    case (nil, nil): break
    case (let a?, let b?): #expect(abs(a - b) <= 1e-9, "\(what): \(a) vs SDMetrics \(b)")
    default:
      Issue.record(
        "\(what): \(String(describing: swift)) vs SDMetrics \(String(describing: python))")
    }
  }

  @Test(
    "equals SDMetrics' QualityReport per column, per pair and overall",
    arguments: FidelityTests.cases.indices)
  func matchesSDMetrics(index: Int) throws {
    let testCase = Self.cases[index]
    let name = testCase["name"] as! String
    let report = FidelityReport.compute(try Self.samples(testCase))
    let columns = testCase["columns"] as! [[String: Any]]
    #expect(report.columns.map(\.name) == columns.map { $0["name"] as! String })
    for (column, expected) in zip(report.columns, columns) {
      let what = "\(name).\(column.name)"
      #expect(column.kind.rawValue == expected["kind"] as! String)
      #expect(column.shape.metric == expected["metric"] as! String, "\(what)")
      Self.expectClose(column.shape.score, Self.number(expected["score"]), "\(what) shape")
      Self.expectClose(column.missingReal, Self.number(expected["missing_real"]), "\(what) missing")
      Self.expectClose(
        column.missingSynthetic, Self.number(expected["missing_synthetic"]), "\(what) missing")
      if column.kind == .numeric {
        Self.expectClose(column.wasserstein1, Self.number(expected["wasserstein1"]), "\(what) W1")
        Self.expectClose(
          column.rangeCoverage, Self.number(expected["range_coverage"]), "\(what) range")
      } else {
        Self.expectClose(
          column.categoryCoverage, Self.number(expected["category_coverage"]), "\(what) coverage")
      }
    }
    let pairs = testCase["pairs"] as! [[String: Any]]
    #expect(report.pairs.map(\.columns) == pairs.map { $0["columns"] as! [String] })
    for (pair, expected) in zip(report.pairs, pairs) {
      let what = "\(name).\(pair.columns.joined(separator: "×"))"
      #expect(pair.metric == expected["metric"] as! String, "\(what)")
      #expect(pair.counted == expected["counted"] as! Bool, "\(what) counted")
      Self.expectClose(pair.score, Self.number(expected["score"]), "\(what) score")
      if pair.counted {
        Self.expectClose(pair.score, Self.number(expected["report_score"]), "\(what) report score")
      }
      if pair.metric == "CorrelationSimilarity" {
        Self.expectClose(pair.real, Self.number(expected["real_correlation"]), "\(what) ρ real")
        if pair.score != nil {
          Self.expectClose(
            pair.synthetic, Self.number(expected["synthetic_correlation"]), "\(what) ρ synth")
        }
      } else {
        Self.expectClose(pair.real, Self.number(expected["real_association"]), "\(what) V real")
      }
    }
    Self.expectClose(report.columnShapes, Self.number(testCase["column_shapes"]), "\(name) shapes")
    Self.expectClose(
      report.columnPairTrends, Self.number(testCase["column_pair_trends"]), "\(name) trends")
    Self.expectClose(report.quality, Self.number(testCase["quality"]), "\(name) quality")
  }

  @Test(
    "the association matrices equal dython's associations", arguments: FidelityTests.cases.indices)
  func matchesDython(index: Int) throws {
    let testCase = Self.cases[index]
    let name = testCase["name"] as! String
    let associations = FidelityReport.compute(try Self.samples(testCase)).associations
    let expected = testCase["associations"] as! [String: Any]
    #expect(associations.columns == expected["columns"] as! [String])
    for side in ["real", "synthetic"] {
      let matrix = side == "real" ? associations.real : associations.synthetic
      let reference = (expected[side] as! [[Any]]).map { $0.map { Self.number($0)! } }
      #expect(matrix.count == reference.count && matrix.allSatisfy { $0.count == reference.count })
      for (i, row) in zip(matrix, reference).enumerated() {
        for (j, pair) in zip(row.0, row.1).enumerated() {
          let what = "\(name) \(side) \(associations.columns[i])×\(associations.columns[j])"
          #expect(abs(pair.0 - pair.1) <= 1e-9, "\(what): \(pair.0) vs dython \(pair.1)")
        }
      }
    }
  }

  /// real: x = 1, 2, 3, –; c = a, a, b, b.  synthetic: x = 2, 2, 4; c = a, b, c.
  @Test("a tiny case by hand: KS, TV with a synthetic-only label, W1, coverage, missing")
  func handComputed() {
    let real = Table(
      file: "real",
      columns: [
        .init(name: "x", kind: .numeric, values: [1, 2, 3, .nan]),
        .init(name: "c", kind: .categorical, values: [0, 0, 1, 1], categories: ["a", "b", "c"]),
      ], lines: [2, 3, 4, 5])
    let synthetic = Table(
      file: "synth",
      columns: [
        .init(name: "x", kind: .numeric, values: [2, 2, 4]),
        .init(name: "c", kind: .categorical, values: [0, 1, 2], categories: ["a", "b", "c"]),
      ], lines: [2, 3, 4])
    let report = FidelityReport.compute(real: real, synthetic: synthetic)
    let x = report.columns[0], c = report.columns[1]
    // CDFs on 1, 2, 3, 4: real 1/3, 2/3, 1, 1; synthetic 0, 2/3, 2/3, 1: D = 1/3.
    #expect(abs(x.shape.score! - 2.0 / 3) < 1e-15)
    // W1 = ∫|F − G| = 1/3·1 + 0·1 + 1/3·1 = 2/3.
    #expect(abs(x.wasserstein1! - 2.0 / 3) < 1e-15)
    // Range [1, 3] vs [2, 4]: the lower half is uncovered.
    #expect(x.rangeCoverage == 0.5)
    #expect(x.missingReal == 0.25 && x.missingSynthetic == 0)
    // TV: real a, b = 1/2 each (c gets 1e-6 of 2 + 1e-6), synthetic 1/3 each.
    let total = 4 + 1e-6
    let tv = abs(1.0 / 3 - 2 / total) * 2 + abs(1.0 / 3 - 1e-6 / total)
    #expect(abs(c.shape.score! - (1 - tv / 2)) < 1e-15)
    #expect(c.categoryCoverage == 1)
    // One pair, numeric × categorical: x binned on its own range (real 1→1, 2→6, 3→11, –→11;
    // synthetic 2→1, 2→1, 4→11); cells real (1,a) (6,a) (11,b)×2, synthetic (1,a) (1,b) (11,c).
    let pair = report.pairs[0]
    #expect(pair.metric == "ContingencySimilarity")
    let variation = (abs(0.25 - 1.0 / 3) + 0.25 + 0.5 + 1.0 / 3 + 1.0 / 3) / 2
    #expect(abs(pair.score! - (1 - variation)) < 1e-15)
    // Real table 3×2 [[1,0],[1,0],[0,2]]: a perfect association, V = 1; the pair counts.
    #expect(abs(pair.real! - 1) < 1e-15 && pair.counted)
    #expect(abs(report.quality! - (report.columnShapes! + pair.score!) / 2) < 1e-15)
  }

  @Test("numpy's bins: ten equal bins, the maximum and missing cells in bin 11")
  func histogramCodes() {
    #expect(FidelityReport.histogramCodes([0, 1, 0.5, .nan, 0.1]) == [1, 11, 6, 11, 2])
    #expect(FidelityReport.histogramCodes([3, 3]) == [6, 6])
  }
}
