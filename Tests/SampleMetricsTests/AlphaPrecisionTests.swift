import Foundation
import PointClouds
import Tables
import Testing
import _TestSupport

@testable import SampleMetrics

/// α-precision, β-recall and authenticity against the numpy re-implementation of synthcity's naive
/// computation (`Scripts/references/make_alpha_precision_references.py`, checked against
/// synthcity's
/// own `AlphaPrecision.metrics` on the equal-size cases), a case worked out by hand, the example
/// where synthcity's authenticity index matters, and bad input.
@Suite("Alpha-precision, beta-recall, authenticity")
struct AlphaPrecisionTests {
  /// One case of `references.json` (decoded with `JSONDecoder`, whose numbers round-trip).
  struct Case: Decodable {
    var name, kind, real, synthetic: String
    var n, m, d: Int
    var categorical, ordinal, names: [String]?
    var alphas: [Double]
    var precision_curve, recall_curve: [Double]
    var alpha_precision, beta_recall, authenticity: Double
    var authenticity_synthcity: Double?
    var embedded_real, embedded_synthetic: [Double]?
  }

  struct References: Decodable { var cases: [Case] }

  static let cases: [Case] = {
    let data = try! Data(
      contentsOf: URL(
        fileURLWithPath: resourcePath("alpha_precision/references.json", in: Bundle.module)))
    return try! JSONDecoder().decode(References.self, from: data).cases
  }()

  static func path(_ name: String) -> String {
    resourcePath("alpha_precision/\(name)", in: Bundle.module)
  }

  /// The two tables of a table case, read and encoded as the CLI reads them.
  static func tables(_ entry: Case) throws -> (Table, Table) {
    let real = try RawTable.read(contentsOf: path(entry.real))
    let synthetic = try RawTable.read(contentsOf: path(entry.synthetic))
    let schema = try TableSchema.infer(
      real,
      overrides: SchemaOverrides(categorical: entry.categorical ?? [], ordinal: entry.ordinal ?? [])
    )
    let tables = try Table.encode(real: real, others: [synthetic], schema: schema)
    return (tables[0], tables[1])
  }

  static func clouds(_ entry: Case) throws -> (PointCloud, PointCloud) {
    if entry.kind == "table" {
      let (real, synthetic) = try tables(entry)
      return try AlphaPrecision.naiveEmbedding(real: real, synthetic: synthetic)
    }
    return (
      try PointCloud.read(contentsOf: path(entry.real)),
      try PointCloud.read(contentsOf: path(entry.synthetic))
    )
  }

  static func close(_ a: [Double], _ b: [Double]) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= 1e-12 }
  }

  @Test("curves, scores and both authenticities equal the numpy reference (1e-12)")
  func references() throws {
    #expect(Self.cases.count == 6)
    for entry in Self.cases {
      let name = entry.name
      let (real, synthetic) = try Self.clouds(entry)
      #expect(real.count == entry.n && synthetic.count == entry.m, "\(name)")
      #expect(real.dimension == entry.d, "\(name)")
      let result = try AlphaPrecision.compute(real: real, synthetic: synthetic)
      #expect(result.alphas == entry.alphas, "\(name)")
      #expect(Self.close(result.precisionCurve, entry.precision_curve), "\(name)")
      #expect(Self.close(result.recallCurve, entry.recall_curve), "\(name)")
      let scores = [result.alphaPrecision, result.betaRecall, result.authenticity]
      let expected = [entry.alpha_precision, entry.beta_recall, entry.authenticity]
      #expect(Self.close(scores, expected), "\(name): \(scores) vs \(expected)")
      #expect(
        (result.authenticitySynthcity == nil) == (entry.authenticity_synthcity == nil), "\(name)")
      if let a = result.authenticitySynthcity, let b = entry.authenticity_synthcity {
        #expect(abs(a - b) <= 1e-12, "\(name): \(a) vs \(b)")
      }
      // Every operation follows numpy's, in numpy's order: the numbers agree to the last bit.
      #expect(
        result.precisionCurve == entry.precision_curve && result.recallCurve == entry.recall_curve)
      #expect(scores == expected, "\(name): bitwise")
    }
  }

  @Test("the naive embedding of the mixed table equals the reference's (one-hot, min-max)")
  func embedding() throws {
    let entry = Self.cases.first { $0.kind == "table" }!
    let (real, synthetic) = try Self.clouds(entry)
    #expect(real.columnNames == entry.names)
    #expect(real.coordinates == entry.embedded_real)
    #expect(synthetic.coordinates == entry.embedded_synthetic)
    // The real sample spans [0, 1] in every coordinate but the synthetic-only category's indicator.
    for c in 0..<real.dimension {
      let values = (0..<real.count).map { real[$0, c] }
      let constant = real.columnNames![c] == "smoker=unknown"
      #expect(values.min() == 0 && values.max() == (constant ? 0 : 1), "\(real.columnNames![c])")
    }
    // The synthetic row with age 99.5, above the real range, falls outside [0, 1].
    #expect((0..<synthetic.count).contains { synthetic[$0, 0] > 1 })
  }

  /// Real {−1, 1}, synthetic {0, 0.5, 3.5} on a line. Real mean 0, both real distances 1: every
  /// radius is 1, and the synthetic rows 0 and 0.5 are inside, so P(α) = 2/3 for every α, and
  /// Σ|α_k − 2/3| = 745/87. Each real row's nearest other real row is 2 away; their nearest
  /// synthetic rows (0 for −1, 0.5 for 1) are within that. Synthetic mean 4/3: e = (4/3, 5/6), so
  /// S(α) = 5/6 + α/2 reaches 4/3 only at α = 1: B = 1/2 below, 1 at α = 1, Σ|α_k − B_k| = 421/58.
  /// Authenticity: 0 → −1 (the lower index of two at distance 1; 1 < 2), 0.5 → 1 (0.5 < 2),
  /// 3.5 → 1 (2.5 > 2): one of three.
  @Test("a tiny case worked out by hand")
  func handComputed() throws {
    let result = try AlphaPrecision.compute(
      real: PointCloud(rows: [[-1], [1]]), synthetic: PointCloud(rows: [[0], [0.5], [3.5]]))
    #expect(result.alphas.count == 30 && result.alphas.first == 0 && result.alphas.last == 1)
    #expect(result.precisionCurve == [Double](repeating: 2.0 / 3.0, count: 30))
    #expect(result.recallCurve == [Double](repeating: 0.5, count: 29) + [1])
    #expect(abs(result.alphaPrecision - (1 - 745.0 / 87 / 15)) <= 1e-12)
    #expect(abs(result.betaRecall - (1 - 421.0 / 58 / 15)) <= 1e-12)
    #expect(result.authenticity == 1.0 / 3.0)
    #expect(result.authenticitySynthcity == nil)  // n ≠ m: synthcity refuses
  }

  /// Real {0, 10, 10.5} (nearest other real: 10, 0.5, 0.5), synthetic {9, 0.2, 30}.
  /// Per synthetic row: 9 → real 10 at 1 > 0.5, authentic; 0.2 → real 0 at 0.2 < 10, a copy;
  /// 30 → real 10.5 at 19.5 > 0.5, authentic: 2/3.
  /// synthcity, per real row i with its nearest synthetic row j, compares d(i, j) with the
  /// nearest-real distance of real row *j*: real 0 → synthetic #1 at 0.2 vs ρ(real #1) = 0.5;
  /// real 10 → synthetic #0 at 1 vs ρ(real #0) = 10; real 10.5 → synthetic #0 at 1.5 vs 10:
  /// never larger, 0.
  @Test("authenticity per synthetic row differs from synthcity's indexing")
  func authenticityIndex() throws {
    let result = try AlphaPrecision.compute(
      real: PointCloud(rows: [[0], [10], [10.5]]), synthetic: PointCloud(rows: [[9], [0.2], [30]]))
    #expect(result.authenticity == 2.0 / 3.0)
    #expect(result.authenticitySynthcity == 0)
  }

  @Test("identical samples: every real row is covered at α = 1, nothing is authentic")
  func identical() throws {
    let cloud = PointCloud(rows: (0..<59).map { [Double($0), Double($0 * $0 % 7)] })
    let result = try AlphaPrecision.compute(real: cloud, synthetic: cloud)
    #expect(result.authenticity == 0)
    #expect(result.authenticitySynthcity == 0)
    #expect(result.precisionCurve.last == 1 && result.recallCurve.last == 1)
    // The same distances on both sides: at least the α-share of rows lies in each α-ball.
    for (alpha, p) in zip(result.alphas, result.precisionCurve) { #expect(p >= alpha - 1.0 / 59) }
    #expect(result.alphaPrecision > 0.9 && result.betaRecall > 0.9)
  }

  @Test("sizes n ≠ m in both directions; the result does not depend on the synthetic row order")
  func differentSizes() throws {
    var generator = SeededGenerator(seed: 7)
    func cloud(_ n: Int, _ shift: Double) -> PointCloud {
      PointCloud(
        rows: (0..<n).map { _ in
          (0..<3).map { _ in Double.random(in: -1...1, using: &generator) + shift }
        })
    }
    let real = cloud(50, 0)
    for m in [7, 130] {
      let synthetic = cloud(m, 0.2)
      let result = try AlphaPrecision.compute(real: real, synthetic: synthetic)
      #expect(result.authenticitySynthcity == nil)
      let reversed = synthetic.selecting(points: (0..<m).reversed())
      let again = try AlphaPrecision.compute(real: real, synthetic: reversed)
      #expect(again.precisionCurve == result.precisionCurve)
      #expect(again.authenticity == result.authenticity)
      #expect(abs(again.betaRecall - result.betaRecall) <= 1e-12)
      for value in [result.alphaPrecision, result.betaRecall, result.authenticity] {
        #expect(value >= 0 && value <= 1)
      }
    }
  }

  @Test("JSON keys")
  func json() throws {
    let result = try AlphaPrecision.compute(
      real: PointCloud(rows: [[0], [10], [10.5]]), synthetic: PointCloud(rows: [[9], [0.2], [30]]))
    let object =
      try JSONSerialization.jsonObject(with: JSONEncoder().encode(result)) as! [String: Any]
    #expect(
      Set(object.keys) == [
        "alpha_precision", "beta_recall", "authenticity", "authenticity_synthcity", "alphas",
        "precision_curve", "recall_curve",
      ])
    #expect(
      try JSONDecoder().decode(AlphaPrecision.self, from: JSONEncoder().encode(result)) == result)
  }

  @Test(
    "empty sets, one real point, mismatched dimensions and NaN are errors",
    arguments: [
      (
        PointCloud(count: 0, dimension: 2, coordinates: []), PointCloud(rows: [[0, 0]]),
        SampleMetricsError.tooFewPoints(set: "real", count: 0, required: 2)
      ),
      (
        PointCloud(rows: [[0, 0]]), PointCloud(rows: [[0, 0]]),
        .tooFewPoints(set: "real", count: 1, required: 2)
      ),
      (
        PointCloud(rows: [[0, 0], [1, 1]]), PointCloud(count: 0, dimension: 2, coordinates: []),
        .tooFewPoints(set: "synthetic", count: 0, required: 1)
      ),
      (
        PointCloud(rows: [[0, 0], [1, 1]]), PointCloud(rows: [[0], [1]]),
        .dimensionMismatch(set: "real", dimension: 2, otherSet: "synthetic", otherDimension: 1)
      ),
      (
        PointCloud(rows: [[0, 0], [1, 1]]), PointCloud(rows: [[0, .nan]]),
        .notFinite(set: "synthetic", point: 0, coordinate: 1)
      ),
    ])
  func badClouds(real: PointCloud, synthetic: PointCloud, error: SampleMetricsError) {
    #expect(throws: error) { try AlphaPrecision.compute(real: real, synthetic: synthetic) }
  }

  @Test("a missing cell in either table is an error naming the cell")
  func missingCells() throws {
    func encode(_ real: String, _ synthetic: String) throws -> (Table, Table) {
      let r = try RawTable.parse(Array(real.utf8), file: "real.csv")
      let s = try RawTable.parse(Array(synthetic.utf8), file: "synth.csv")
      let schema = try TableSchema.infer(r, overrides: SchemaOverrides(categorical: ["c"]))
      let tables = try Table.encode(real: r, others: [s], schema: schema)
      return (tables[0], tables[1])
    }
    let complete = "x,c\n1,a\n2,b\n3,a\n"
    let (r1, s1) = try encode("x,c\n1,a\n,b\n3,a\n", complete)
    #expect {
      try AlphaPrecision.naiveEmbedding(real: r1, synthetic: s1)
    } throws: { error in
      guard case TableError.missingCell(let file, let line, let column, let name, _) = error else {
        return false
      }
      return file == "real.csv" && line == 3 && column == 1 && name == "x"
        && "\(error)".contains("complete rows")
    }
    let (r2, s2) = try encode(complete, "x,c\n1,a\n2,NA\n")
    #expect {
      try AlphaPrecision.naiveEmbedding(real: r2, synthetic: s2)
    } throws: { error in
      guard case TableError.missingCell(let file, let line, let column, let name, _) = error else {
        return false
      }
      return file == "synth.csv" && line == 3 && column == 2 && name == "c"
    }
    // Complete tables: x min-max scaled over the real range [1, 3], c one-hot.
    let (r3, s3) = try encode(complete, "x,c\n5,b\n")
    let (real, synthetic) = try AlphaPrecision.naiveEmbedding(real: r3, synthetic: s3)
    #expect(real.columnNames == ["x", "c=a", "c=b"])
    #expect(real.rows == [[0, 1, 0], [0.5, 0, 1], [1, 1, 0]])
    #expect(synthetic.rows == [[2, 0, 1]])
  }

  @Test("tables without rows or with other columns are errors")
  func badTables() throws {
    let column = Table.Column(name: "x", kind: .numeric, values: [1, 2])
    let real = Table(file: "real.csv", columns: [column], lines: [2, 3])
    let empty = Table(
      file: "real.csv", columns: [Table.Column(name: "x", kind: .numeric, values: [])], lines: [])
    #expect(throws: SampleMetricsError.tooFewPoints(set: "real", count: 0, required: 1)) {
      try AlphaPrecision.naiveEmbedding(real: empty, synthetic: real)
    }
    let other = Table(
      file: "synth.csv", columns: [Table.Column(name: "y", kind: .numeric, values: [1])], lines: [2]
    )
    #expect(throws: TableError.self) {
      try AlphaPrecision.naiveEmbedding(real: real, synthetic: other)
    }
    let coded = Table(
      file: "synth.csv",
      columns: [Table.Column(name: "x", kind: .categorical, values: [0], categories: ["a"])],
      lines: [2])
    #expect(throws: SampleMetricsError.self) {
      try AlphaPrecision.naiveEmbedding(real: real, synthetic: coded)
    }
    // A synthetic table without rows embeds (and then fails in compute, naming the set).
    let (r, s) = try AlphaPrecision.naiveEmbedding(
      real: real,
      synthetic: Table(
        file: "synth.csv", columns: [Table.Column(name: "x", kind: .numeric, values: [])], lines: []
      ))
    #expect(r.rows == [[0], [1]] && s.count == 0 && s.dimension == 1)
    #expect(throws: SampleMetricsError.tooFewPoints(set: "synthetic", count: 0, required: 1)) {
      try AlphaPrecision.compute(real: r, synthetic: s)
    }
  }
}
