import Foundation
import PointClouds
import Tables
import Testing
import _TestSupport

@testable import SampleMetrics

/// The product-kernel KDE of mixed tables against statsmodels' `KDEMultivariate` (the committed
/// cases of `Scripts/references/make_table_kde_references.py`), a case worked out on paper, a plain
/// product-of-kernels oracle, and its errors.
@Suite("Kernel density of mixed tables")
struct TableKernelDensityTests {
  nonisolated(unsafe) static let reference: [String: Any] = {
    let data = try! Data(
      contentsOf: URL(fileURLWithPath: resourcePath("table_kde/kde.json", in: Bundle.module)))
    return try! JSONSerialization.jsonObject(with: data) as! [String: Any]
  }()

  static var cases: [[String: Any]] { reference["cases"] as! [[String: Any]] }

  static func numbers(_ value: Any?) -> [Double] { (value as! [NSNumber]).map(\.doubleValue) }

  /// real.csv and synth.csv read as the CLI reads them, keeping `columns` (grade ordinal).
  static func tables(_ columns: [String]) throws -> (real: Table, synthetic: Table) {
    let real = try RawTable.read(contentsOf: resourcePath("table_kde/real.csv", in: Bundle.module))
    let synthetic = try RawTable.read(
      contentsOf: resourcePath("table_kde/synth.csv", in: Bundle.module))
    let schema = try TableSchema.infer(
      real, overrides: SchemaOverrides(ordinal: ["grade"], columns: columns))
    let tables = try Table.encode(real: real, others: [synthetic], schema: schema)
    return (tables[0], tables[1])
  }

  @Test("the tables are coded as the reference generator codes them")
  func codes() throws {
    let (real, synthetic) = try Self.tables(["x", "y", "colour", "grade"])
    let expected = Self.reference["codes"] as! [String: [String: NSNumber]]
    for name in ["colour", "grade"] {
      let column = real.columns.first { $0.name == name }!
      for (label, code) in expected[name]! {
        #expect(column.categories.firstIndex(of: label) == code.intValue, "\(name) \(label)")
      }
    }
    #expect(synthetic.columns[2].categories == real.columns[2].categories)
  }

  @Test("bandwidths, per-row log pdf and mean log pdf equal statsmodels (1e-12 relative)")
  func statsmodels() throws {
    for entry in Self.cases {
      let columns = entry["columns"] as! [String]
      let rule = entry["rule"] as! String
      let fit = entry["fit"] as! String
      let label = "\(columns) \(rule) fit \(fit)"
      let (real, synthetic) = try Self.tables(columns)
      let (fitted, evaluated) = fit == "real" ? (real, synthetic) : (synthetic, real)
      let expectedBandwidths = Self.numbers(entry["bandwidths"])
      let given = rule == "fixed" ? expectedBandwidths : nil
      if given == nil {
        let bandwidths = TableKernelDensity.normalReferenceBandwidths(fitted)
        #expect(
          zip(bandwidths, expectedBandwidths).allSatisfy { isClose($0, $1, relative: 1e-13) },
          "\(label): \(bandwidths)")
      }
      let logs = try TableKernelDensity.logDensities(
        of: evaluated, under: fitted, bandwidths: given)
      let expected = Self.numbers(entry["log_pdf"])
      #expect(logs.count == expected.count)
      let worst = zip(logs, expected).map { abs($0 - $1) / abs($1) }.max()!
      #expect(worst < 1e-12, "\(label): relative error \(worst)")
      #expect(
        isClose(logs.reduce(0, +) / Double(logs.count), Self.number(entry["mean_log_pdf"])),
        "\(label)")
    }
  }

  @Test("compute gives both directions, with the rule or given bandwidths")
  func bothDirections() throws {
    for columns in [["x", "y", "colour"], ["x", "y", "colour", "grade"]] {
      for rule in ["normal_reference", "fixed"] {
        let matching = Self.cases.filter {
          $0["columns"] as! [String] == columns && $0["rule"] as! String == rule
        }
        let fitReal = matching.first { $0["fit"] as! String == "real" }!
        let fitSynth = matching.first { $0["fit"] as! String == "synth" }!
        let (real, synthetic) = try Self.tables(columns)
        let given = rule == "fixed" ? Self.numbers(fitReal["bandwidths"]) : nil
        let result = try TableKernelDensity.compute(
          real: real, synthetic: synthetic, bandwidths: given)
        #expect(result.rule == rule)
        #expect(
          zip(result.bandwidths, Self.numbers(fitReal["bandwidths"])).allSatisfy {
            isClose($0, $1, relative: 1e-13)
          })
        #expect(
          zip(result.syntheticBandwidths, Self.numbers(fitSynth["bandwidths"])).allSatisfy {
            isClose($0, $1, relative: 1e-13)
          })
        #expect(
          isClose(result.synthGivenReal, Self.number(fitReal["mean_log_pdf"])), "\(columns) \(rule)"
        )
        #expect(
          isClose(result.realGivenSynth, Self.number(fitSynth["mean_log_pdf"])),
          "\(columns) \(rule)")
      }
    }
  }

  static func number(_ value: Any?) -> Double { (value as! NSNumber).doubleValue }

  // Fitted rows (x, u, o): (0, a, 0) and (2, b, 2); u has 2 levels, so a mismatch weighs h/(2 − 1).
  // Bandwidths h = (1, 0.25, 0.5).
  // Point (1, a, 1): Gaussian φ(1) = e^(−1/2)/√(2π) for both rows (|Δx| = 1); u: match 1 − 0.25 =
  // 0.75, mismatch 0.25; o: |Δ| = 1 for both rows, ½ (1 − 0.5) 0.5¹ = 0.125. Sum φ(1) · 0.125 ·
  // (0.75 + 0.25), divided by n = 2 and h_x = 1: p̂ = φ(1)/16, log p̂ = −1/2 − log 16 − ½ log 2π.
  // Point (0, c, 0), c never fitted: u is 0.25 for both rows. Row 1: 1/√(2π) · 0.25 · (1 − 0.5);
  // row 2: e^(−2)/√(2π) · 0.25 · ½ (0.5) 0.5² = e^(−2)/√(2π) · 0.015625.
  // p̂ = (0.125 + 0.015625 e^(−2)) / (2 √(2π)).
  static let handFitted = Table(
    file: "fitted.csv",
    columns: [
      .init(name: "x", kind: .numeric, values: [0, 2]),
      .init(name: "u", kind: .categorical, values: [0, 1], categories: ["a", "b", "c"]),
      .init(name: "o", kind: .ordinal, values: [0, 2], categories: ["low", "mid", "high"]),
    ], lines: [2, 3])
  static let handPoints = Table(
    file: "points.csv",
    columns: [
      .init(name: "x", kind: .numeric, values: [1, 0]),
      .init(name: "u", kind: .categorical, values: [0, 2], categories: ["a", "b", "c"]),
      .init(name: "o", kind: .ordinal, values: [1, 0], categories: ["low", "mid", "high"]),
    ], lines: [2, 3])

  @Test("a case worked out by hand, with a category the fitted table lacks")
  func handChecked() throws {
    let logs = try TableKernelDensity.logDensities(
      of: Self.handPoints, under: Self.handFitted, bandwidths: [1, 0.25, 0.5])
    let halfLogTwoPi = 0.5 * Foundation.log(2 * Double.pi)
    #expect(isClose(logs[0], -0.5 - Foundation.log(16) - halfLogTwoPi, relative: 1e-14))
    #expect(
      isClose(
        logs[1],
        Foundation.log(0.125 + 0.015625 * Foundation.exp(-2)) - Foundation.log(2) - halfLogTwoPi,
        relative: 1e-14))
    // normal_reference: σ (divisor n) of {0, 2} is 1, of the codes {0, 1} 0.5, of the ranks {0, 2}
    // 1; factor 1.06 · 2^(−1/7).
    let factor = 1.06 * Foundation.pow(2, -1.0 / 7)
    let rule = TableKernelDensity.normalReferenceBandwidths(Self.handFitted)
    #expect(
      zip(rule, [factor, 0.5 * factor, factor]).allSatisfy { isClose($0, $1, relative: 1e-15) })
  }

  /// statsmodels' loop: per fitted row the product of the kernels, summed, over n Π h_numeric.
  static func oracleLogDensities(of points: Table, under fitted: Table, bandwidths h: [Double])
    -> [Double]
  {
    let levels = fitted.columns.map { Double(Set($0.values).count) }
    var numericProduct = 1.0
    for (c, column) in fitted.columns.enumerated() where column.kind == .numeric {
      numericProduct *= h[c]
    }
    return (0..<points.rowCount).map { q in
      var sum = 0.0
      for i in 0..<fitted.rowCount {
        var product = 1.0
        for (c, column) in fitted.columns.enumerated() {
          let x = points.columns[c].values[q]
          let xi = column.values[i]
          switch column.kind {
          case .numeric:
            product *=
              Foundation.exp(-(xi - x) * (xi - x) / (h[c] * h[c] * 2))
              / (2 * Double.pi).squareRoot()
          case .categorical:
            product *= xi == x ? 1 - h[c] : h[c] / (levels[c] - 1)
          case .ordinal:
            product *= xi == x ? 1 - h[c] : 0.5 * (1 - h[c]) * Foundation.pow(h[c], abs(xi - x))
          case .ignore:
            break
          }
        }
        sum += product
      }
      return Foundation.log(sum / numericProduct / Double(fitted.rowCount))
    }
  }

  static func randomTable(rows: Int, seed: UInt64, shift: Double) -> Table {
    var generator = SeededGenerator(seed: seed)
    func column(_ name: String, _ kind: ColumnKind, _ value: () -> Double) -> Table.Column {
      Table.Column(name: name, kind: kind, values: (0..<rows).map { _ in value() })
    }
    return Table(
      file: "random.csv",
      columns: [
        column("a", .numeric) { shift + generator.nextGaussian() },
        column("b", .categorical) { Double(generator.nextInt(below: 3)) },
        column("c", .numeric) { 5 * generator.nextGaussian() },
        column("d", .ordinal) { Double(generator.nextInt(below: 4)) },
        column("e", .categorical) { Double(generator.nextInt(below: 5)) },
      ], lines: Array(2..<rows + 2))
  }

  @Test("equals a plain product-of-kernels loop on seeded random tables")
  func oracle() throws {
    let real = Self.randomTable(rows: 230, seed: 11, shift: 0)
    let synthetic = Self.randomTable(rows: 170, seed: 12, shift: 0.7)
    for given in [nil, [0.4, 0.6, 2.0, 0.3, 0.7] as [Double]] {
      let result = try TableKernelDensity.compute(
        real: real, synthetic: synthetic, bandwidths: given)
      for (fitted, points, bandwidths, mean) in [
        (real, synthetic, result.bandwidths, result.synthGivenReal),
        (synthetic, real, result.syntheticBandwidths, result.realGivenSynth),
      ] {
        if given == nil {
          #expect(bandwidths == TableKernelDensity.normalReferenceBandwidths(fitted))
        }
        let expected = Self.oracleLogDensities(of: points, under: fitted, bandwidths: bandwidths)
        let logs = try TableKernelDensity.logDensities(
          of: points, under: fitted, bandwidths: bandwidths)
        #expect(zip(logs, expected).allSatisfy { isClose($0, $1, relative: 1e-12) })
        #expect(isClose(mean, expected.reduce(0, +) / Double(expected.count), relative: 1e-12))
      }
    }
  }

  @Test("far rows: finite log densities where products of kernels underflow")
  func underflow() throws {
    // One numeric column, points 40 bandwidths away: each kernel e^(−800)/√(2π) underflows to 0,
    // its log −800 − ½ log 2π does not.
    let fitted = Table(
      file: "f.csv", columns: [.init(name: "x", kind: .numeric, values: [0, 0])], lines: [2, 3])
    let points = Table(
      file: "p.csv", columns: [.init(name: "x", kind: .numeric, values: [40])], lines: [2])
    let logs = try TableKernelDensity.logDensities(of: points, under: fitted, bandwidths: [1])
    #expect(isClose(logs[0], -800 - 0.5 * Foundation.log(2 * Double.pi), relative: 1e-15))
  }

  @Test("the JSON keys are snake_case")
  func json() throws {
    let result = TableKernelDensity(
      rule: "fixed", bandwidths: [1], syntheticBandwidths: [1], synthGivenReal: -1,
      realGivenSynth: -2)
    let object =
      try JSONSerialization.jsonObject(with: JSONEncoder().encode(result)) as! [String: Any]
    #expect(
      Set(object.keys) == [
        "rule", "bandwidths", "synthetic_bandwidths", "synth_given_real", "real_given_synth",
      ])
  }

  @Test("a missing cell is the table's missing-cell error")
  func missingCell() {
    var points = Self.handPoints
    points.columns[1].values[1] = .nan
    #expect(throws: points.missingCellError()!) {
      try TableKernelDensity.compute(
        real: Self.handFitted, synthetic: points, bandwidths: [1, 0.25, 0.5])
    }
    #expect(throws: points.missingCellError()!) {
      try TableKernelDensity.compute(real: points, synthetic: Self.handFitted)
    }
  }

  @Test(
    "bad bandwidths are invalid parameters",
    arguments: [
      [1, 0.25], [1, 0.25, 0.5, 1], [0, 0.25, 0.5], [-1, 0.25, 0.5], [.nan, 0.25, 0.5],
      [.infinity, 0.25, 0.5], [1, 1, 0.5], [1, 0.25, 1.5], [1, 0.25, 0],
    ] as [[Double]])
  func badBandwidths(bandwidths: [Double]) {
    let error = #expect(throws: SampleMetricsError.self) {
      try TableKernelDensity.compute(
        real: Self.handFitted, synthetic: Self.handPoints, bandwidths: bandwidths)
    }
    guard case .invalidParameter = error else {
      Issue.record("\(String(describing: error))")
      return
    }
  }

  @Test("the rule fails, naming the column, on a constant column or a discrete bandwidth ≥ 1")
  func badRule() throws {
    var constant = Self.handFitted
    constant.columns[0].values = [3, 3]
    let error = #expect(throws: SampleMetricsError.self) {
      try TableKernelDensity.compute(real: constant, synthetic: Self.handPoints)
    }
    #expect("\(error!)".contains("'x'"))
    // Codes {0, 9}: σ = 4.5, h = 1.06 · 4.5 · 4^(−1/5) ≈ 3.6.
    let spread = Table(
      file: "s.csv",
      columns: [
        .init(name: "x", kind: .numeric, values: [0, 1, 2, 4]),
        .init(name: "u", kind: .categorical, values: [0, 9, 0, 9]),
      ], lines: [2, 3, 4, 5])
    let tooWide = #expect(throws: SampleMetricsError.self) {
      try TableKernelDensity.compute(real: spread, synthetic: spread)
    }
    #expect("\(tooWide!)".contains("'u'"))
    #expect(throws: Never.self) {
      try TableKernelDensity.compute(real: spread, synthetic: spread, bandwidths: [1, 0.5])
    }
  }

  @Test("a categorical column with one value in the fitted table is an error (h/(c − 1))")
  func singleLevel() {
    var single = Self.handFitted
    single.columns[1].values = [1, 1]
    #expect(throws: SampleMetricsError.self) {
      try TableKernelDensity.compute(
        real: single, synthetic: Self.handPoints, bandwidths: [1, 0.25, 0.5])
    }
  }

  @Test("tables with different columns, no rows or an infinite value are errors")
  func badTables() {
    var fewer = Self.handPoints
    fewer.columns.removeLast()
    #expect(
      throws: SampleMetricsError.dimensionMismatch(
        set: "real", dimension: 3, otherSet: "synthetic", otherDimension: 2)
    ) { try TableKernelDensity.compute(real: Self.handFitted, synthetic: fewer) }
    var renamed = Self.handPoints
    renamed.columns[2].kind = .categorical
    #expect(throws: SampleMetricsError.self) {
      try TableKernelDensity.compute(
        real: Self.handFitted, synthetic: renamed, bandwidths: [1, 0.25, 0.5])
    }
    let empty = Self.handPoints.selecting(rows: [])
    #expect(throws: SampleMetricsError.tooFewPoints(set: "synthetic", count: 0, required: 1)) {
      try TableKernelDensity.compute(
        real: Self.handFitted, synthetic: empty, bandwidths: [1, 0.25, 0.5])
    }
    var infinite = Self.handPoints
    infinite.columns[0].values[1] = .infinity
    #expect(throws: SampleMetricsError.notFinite(set: "synthetic", point: 1, coordinate: 0)) {
      try TableKernelDensity.compute(
        real: Self.handFitted, synthetic: infinite, bandwidths: [1, 0.25, 0.5])
    }
  }
}
