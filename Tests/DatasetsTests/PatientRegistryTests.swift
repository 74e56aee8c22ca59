import Datasets
import Foundation
import PointClouds
import Tables
import Testing

/// The cells of column `name`.
private func column(_ table: RawTable, _ name: String) -> [String] {
  table.cells[table.names.firstIndex(of: name)!]
}

/// The non-identifier cells of row `row`.
private func row(_ table: RawTable, _ row: Int) -> [String] {
  table.cells.dropFirst().map { $0[row] }
}

/// Pearson's correlation of columns `a` and `b` over the rows where both are present.
private func pearson(_ table: RawTable, _ a: String, _ b: String) -> Double {
  let pairs = zip(column(table, a), column(table, b)).compactMap { x, y -> (Double, Double)? in
    guard let x = Double(x), let y = Double(y) else { return nil }
    return (x, y)
  }
  let n = Double(pairs.count)
  let meanX = pairs.reduce(0) { $0 + $1.0 } / n
  let meanY = pairs.reduce(0) { $0 + $1.1 } / n
  var sxy = 0.0
  var sxx = 0.0
  var syy = 0.0
  for (x, y) in pairs {
    sxy += (x - meanX) * (y - meanY)
    sxx += (x - meanX) * (x - meanX)
    syy += (y - meanY) * (y - meanY)
  }
  return sxy / (sxx * syy).squareRoot()
}

/// The share of empty cells among the non-identifier cells.
private func missingShare(_ table: RawTable) -> Double {
  let cells = table.cells.dropFirst().joined()
  return Double(cells.filter(\.isEmpty).count) / Double(cells.count)
}

@Suite("Patient registry: a seeded mixed-type table and its controlled failures")
struct PatientRegistryTests {
  @Test("a seed fixes the table (literals computed once)")
  func determinism() {
    let table = PatientRegistry.sample(count: 40, seed: 7)
    #expect(table.csv() == PatientRegistry.sample(count: 40, seed: 7).csv())
    #expect(table.csv() != PatientRegistry.sample(count: 40, seed: 8).csv())
    #expect(table.names == PatientRegistry.columnNames)
    #expect(table.rowCount == 40 && table.lines == Array(2...41))
    // Checked by reading: an older man with stage IV and a high EDSS, a younger one with stage I;
    // low HbA1c and no diabetes; three empty (missing) cells.
    #expect(
      row(table, 0) == ["71", "M", "27.5", "149", "", "5.6", "former", "0", "IV", "3", "4.5"])
    #expect(row(table, 1) == ["53", "M", "29.3", "118", "", "5.5", "current", "", "I", "", "0.0"])
    #expect(Array(column(table, "patient_id").prefix(3)) == ["P719762", "P025046", "P896294"])
  }

  @Test("identifiers are distinct, P and six digits, never missing")
  func identifiers() {
    let ids = column(PatientRegistry.sample(count: 3000, seed: 3, missingRate: 0.5), "patient_id")
    #expect(Set(ids).count == 3000)
    for id in ids {
      #expect(
        id.count == 7 && id.first == "P" && id.dropFirst().allSatisfy { $0.isASCII && $0.isNumber })
      #expect(Int(id.dropFirst()).map { (1...999_999).contains($0) } == true)
    }
  }

  @Test("cells have their announced forms and the schema reads them")
  func cellForms() throws {
    let table = PatientRegistry.sample(count: 2000, seed: 5)
    func present(_ name: String) -> [String] { column(table, name).filter { !$0.isEmpty } }
    for age in present("age") { #expect(Int(age).map { (18...90).contains($0) } == true) }
    for name in ["bmi", "cholesterol", "hba1c", "edss"] {
      for cell in present(name) {
        let parts = cell.split(separator: ".")
        #expect(parts.count == 2 && parts[1].count == 1 && Double(cell) != nil, "\(name): \(cell)")
      }
    }
    for cell in present("systolic_bp") { #expect(Int(cell) != nil) }
    for cell in present("edss") {
      let value = Double(cell)!
      #expect((0...9.5).contains(value) && (2 * value).rounded() == 2 * value)
    }
    #expect(Set(present("sex")) == ["F", "M"])
    #expect(Set(present("smoking")) == ["never", "former", "current"])
    #expect(Set(present("diabetes")) == ["0", "1"])
    #expect(Set(present("stage")) == Set(PatientRegistry.stages))
    #expect(Set(present("site")) == ["1", "2", "3", "4", "5"])
    let stageIV =
      Double(present("stage").filter { $0 == "IV" }.count) / Double(present("stage").count)
    #expect(stageIV > 0.05 && stageIV < 0.11)

    #expect(PatientRegistry.schema.columns.map(\.name) == PatientRegistry.columnNames)
    let encoded = try Table.encode(real: table, schema: PatientRegistry.schema)[0]
    #expect(encoded.columns.map(\.name) == Array(PatientRegistry.columnNames.dropFirst()))
    #expect(encoded.columns.first { $0.name == "stage" }?.categories == PatientRegistry.stages)
    // Inference alone reads the coded categories as numbers: the schema is what says otherwise.
    let inferred = try TableSchema.infer(table)
    #expect(inferred["site"]?.kind == .numeric && inferred["sex"]?.kind == .categorical)
  }

  @Test("each non-identifier cell is missing with the given probability")
  func missingRate() {
    // 2000 rows × 11 cells at 5%: mean 1100, binomial sd ≈ 32; four sd of tolerance.
    let table = PatientRegistry.sample(count: 2000, seed: 11, missingRate: 0.05)
    let missing = table.cells.dropFirst().joined().filter(\.isEmpty).count
    #expect(abs(missing - 1100) < 130)
    #expect(!column(table, "patient_id").contains(""))
    #expect(missingShare(PatientRegistry.sample(count: 300, seed: 11, missingRate: 0)) == 0)
    #expect(missingShare(PatientRegistry.sample(count: 300, seed: 11, missingRate: 1)) == 1)
  }

  @Test("the related columns are correlated with the intended sign")
  func correlations() {
    let table = PatientRegistry.sample(count: 3000, seed: 13, missingRate: 0)
    // n = 3000: a correlation's sampling sd is below 0.02.
    #expect(pearson(table, "age", "bmi") > 0.2)
    #expect(pearson(table, "age", "systolic_bp") > 0.3)
    #expect(pearson(table, "bmi", "systolic_bp") > 0.25)
    #expect(pearson(table, "bmi", "hba1c") > 0.3)
    #expect(pearson(table, "hba1c", "diabetes") > 0.4)
    #expect(abs(pearson(table, "cholesterol", "hba1c")) < 0.15)
    let stageRank = column(table, "stage").map { "\(PatientRegistry.stages.firstIndex(of: $0)!)" }
    let ranked = RawTable(
      file: "ranked", names: ["stage", "edss", "age"],
      cells: [stageRank, column(table, "edss"), column(table, "age")], lines: table.lines)
    #expect(pearson(ranked, "stage", "edss") > 0.5)
    #expect(pearson(ranked, "stage", "age") > 0.2)
  }

  @Test("the real sample of a pair is the sample of the same seed; faithful is another sample")
  func faithfulPair() throws {
    let pair = try PatientRegistry.pair(count: 300, seed: 21, failure: .faithful)
    #expect(pair.real == PatientRegistry.sample(count: 300, seed: 21))
    #expect(pair.synthetic.names == pair.real.names && pair.synthetic.rowCount == 300)
    #expect(pair.synthetic.cells[1] != pair.real.cells[1])
    #expect(pair.copiedRows.allSatisfy { $0 == nil })
    #expect(pair.synthetic.file == "registry-synth.csv")
    // Zero-size failures are the faithful sample exactly.
    for zero: TableFailure in [
      .shiftedLabs(sigma: 0), .missingInflation(rate: 0.05), .memorisation(fraction: 0),
    ] {
      #expect(
        try PatientRegistry.pair(count: 300, seed: 21, failure: zero).synthetic == pair.synthetic)
    }
  }

  @Test("broken correlations keep every numeric column's cells and destroy their relations")
  func brokenCorrelations() throws {
    let faithful = try PatientRegistry.pair(count: 3000, seed: 17, failure: .faithful).synthetic
    let broken = try PatientRegistry.pair(count: 3000, seed: 17, failure: .brokenCorrelations)
      .synthetic
    for name in PatientRegistry.columnNames {
      if PatientRegistry.numericColumns.contains(name) {
        #expect(column(broken, name) != column(faithful, name))
        #expect(column(broken, name).sorted() == column(faithful, name).sorted())
      } else if name != "patient_id" {
        #expect(column(broken, name) == column(faithful, name))
      }
    }
    #expect(pearson(faithful, "age", "systolic_bp") > 0.3)
    for (a, b) in [("age", "bmi"), ("age", "systolic_bp"), ("bmi", "hba1c"), ("hba1c", "diabetes")]
    {
      #expect(abs(pearson(broken, a, b)) < 0.08, "\(a), \(b)")
    }
  }

  @Test("mode collapse draws every row from one sub-population")
  func modeCollapse() throws {
    let pair = try PatientRegistry.pair(count: 500, seed: 4, failure: .modeCollapse)
    #expect(column(pair.synthetic, "sex").allSatisfy { $0 == "F" || $0.isEmpty })
    #expect(column(pair.synthetic, "smoking").allSatisfy { $0 == "never" || $0.isEmpty })
    #expect(Set(column(pair.real, "sex")) == ["F", "M", ""])
  }

  @Test("shifted labs move the three labs by sigma times their scale, nothing else")
  func shiftedLabs() throws {
    let faithful = try PatientRegistry.pair(count: 500, seed: 9, failure: .faithful).synthetic
    let shifted = try PatientRegistry.pair(count: 500, seed: 9, failure: .shiftedLabs(sigma: 1))
      .synthetic
    for name in PatientRegistry.columnNames where name != "patient_id" {
      guard let scale = PatientRegistry.labScales[name] else {
        #expect(column(shifted, name) == column(faithful, name))
        continue
      }
      // Both are rounded (to 1 for systolic_bp, 0.1 for the others): off by at most one step.
      let step = name == "systolic_bp" ? 1.0 : 0.1
      for (a, b) in zip(column(faithful, name), column(shifted, name)) {
        #expect(a.isEmpty == b.isEmpty)
        if let a = Double(a), let b = Double(b) { #expect(abs(b - a - scale) <= step + 1e-9) }
      }
    }
  }

  @Test("missing inflation only adds missing cells, at the new rate")
  func missingInflation() throws {
    let faithful = try PatientRegistry.pair(count: 2000, seed: 6, failure: .faithful).synthetic
    let inflated = try PatientRegistry.pair(
      count: 2000, seed: 6, failure: .missingInflation(rate: 0.3)
    ).synthetic
    for (f, i) in zip(faithful.cells.dropFirst().joined(), inflated.cells.dropFirst().joined()) {
      #expect(i.isEmpty || i == f)
      if f.isEmpty { #expect(i.isEmpty) }
    }
    // 22 000 cells at 30%: sd ≈ 0.003.
    #expect(abs(missingShare(inflated) - 0.3) < 0.015)
  }

  @Test("memorisation copies exactly the given fraction of distinct real rows")
  func memorisation() throws {
    let pair = try PatientRegistry.pair(count: 200, seed: 8, failure: .memorisation(fraction: 0.25))
    let copied = pair.copiedRows.compactMap { $0 }
    #expect(copied.count == 50 && Set(copied).count == 50)
    for (r, source) in pair.copiedRows.enumerated() {
      if let source { #expect(row(pair.synthetic, r) == row(pair.real, source)) }
    }
    // No other synthetic row equals a real one, and the identifiers stay the generator's own.
    let realRows = Set((0..<200).map { row(pair.real, $0) })
    #expect((0..<200).filter { realRows.contains(row(pair.synthetic, $0)) }.count == 50)
    #expect(Set(column(pair.synthetic, "patient_id")).count == 200)
    let faithful = try PatientRegistry.pair(count: 200, seed: 8, failure: .faithful).synthetic
    #expect((50..<200).allSatisfy { row(pair.synthetic, $0) == row(faithful, $0) })
  }

  @Test("a dropped rare category is never generated")
  func rareCategoryDropped() throws {
    let pair = try PatientRegistry.pair(count: 1000, seed: 10, failure: .rareCategoryDropped)
    #expect(!column(pair.synthetic, "stage").contains("IV"))
    #expect(column(pair.real, "stage").filter { $0 == "IV" }.count > 40)
    #expect(Set(column(pair.synthetic, "stage")) == ["I", "II", "III", ""])
  }

  @Test("failures have kebab-case names that parse back; bad parameters are rejected")
  func names() throws {
    let failures: [TableFailure] = [
      .faithful, .modeCollapse, .brokenCorrelations, .shiftedLabs(sigma: 0.5),
      .missingInflation(rate: 0.2), .memorisation(fraction: 0.1), .rareCategoryDropped,
    ]
    #expect(failures.map(\.name) == TableFailure.Kind.allCases.map(\.rawValue))
    for failure in failures {
      let parameter: Double? =
        switch failure {
        case .shiftedLabs(let sigma): sigma
        case .missingInflation(let rate): rate
        case .memorisation(let fraction): fraction
        default: nil
        }
      #expect(TableFailure(name: failure.name, parameter: parameter) == failure)
    }
    #expect(TableFailure(name: "memorisation") == .memorisation(fraction: 0.5))
    #expect(TableFailure(name: "noise") == nil)
    #expect(TableFailure.shiftedLabs(sigma: 0.5).label == "shifted-labs σ=0.5")
    #expect(throws: PointCloudError.self) {
      try PatientRegistry.pair(count: 10, seed: 1, failure: .memorisation(fraction: 1.5))
    }
    #expect(throws: PointCloudError.self) {
      try PatientRegistry.pair(count: 10, seed: 1, failure: .missingInflation(rate: -0.1))
    }
    #expect(throws: PointCloudError.self) {
      try PatientRegistry.pair(count: 0, seed: 1, failure: .faithful)
    }
    #expect(throws: PointCloudError.self) {
      try PatientRegistry.pair(count: 10, seed: 1, missingRate: 2, failure: .faithful)
    }
  }

  @Test("CSV text reads back to the same cells")
  func csvRoundTrip() throws {
    let table = PatientRegistry.sample(count: 500, seed: 2, missingRate: 0.2)
    let text = table.csv()
    #expect(text.hasPrefix(PatientRegistry.columnNames.joined(separator: ",") + "\n"))
    #expect(!text.contains("\""))
    #expect(try RawTable.parse(Array(text.utf8), file: table.file) == table)
    let tabbed = table.csv(delimiter: .tab)
    #expect(try RawTable.parse(Array(tabbed.utf8), file: table.file, delimiter: .tab) == table)
  }

  @Test("cells with a delimiter, a quote, a line break or edge blanks are quoted and read back")
  func quoting() throws {
    let awkward = [
      "Smith, J", "say \"hi\"", "two\nlines", " padded ", "", "plain", "tab\there", "crlf\r\n",
    ]
    let table = RawTable(
      file: "awkward.csv", names: ["note", "n"],
      cells: [awkward, awkward.indices.map { "\($0)" }], lines: Array(2...9))
    let text = table.csv()
    #expect(text.hasPrefix("note,n\n\"Smith, J\",0\n\"say \"\"hi\"\"\",1\n\"two\nlines\",2\n"))
    #expect(text.contains("\n\" padded \",3\n,4\nplain,5\ntab\there,6\n"))
    let parsed = try RawTable.parse(Array(text.utf8), file: "awkward.csv")
    #expect(parsed.names == table.names && parsed.cells == table.cells)
    for delimiter in [Delimiter.tab, .whitespace] {
      let again = try RawTable.parse(
        Array(table.csv(delimiter: delimiter).utf8), file: "awkward.csv", delimiter: delimiter)
      #expect(again.names == table.names && again.cells == table.cells, "\(delimiter)")
    }
    // A line that would be blank (one column, or only tabs) keeps its empty cells.
    let empty = RawTable(file: "e", names: ["a"], cells: [["", "x", ""]], lines: [2, 3, 4])
    #expect(empty.csv() == "a\n\"\"\nx\n\"\"\n")
    #expect(try RawTable.parse(Array(empty.csv().utf8), file: "e").cells == empty.cells)
    let tabs = RawTable(
      file: "t", names: ["a", "b"], cells: [["", "1"], ["", "2"]], lines: [2, 3])
    #expect(
      try RawTable.parse(Array(tabs.csv(delimiter: .tab).utf8), file: "t", delimiter: .tab).cells
        == tabs.cells)
  }

  /// The example files of `Notebooks-data/examples/`. Set `TDA_EVAL_WRITE_EXAMPLES=1` to
  /// (re)write them instead of checking them.
  @Test("the registry example files are what the generator writes")
  func exampleFiles() throws {
    let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("Notebooks-data/examples")
    let pair = try PatientRegistry.pair(count: 400, seed: 1, failure: .brokenCorrelations)
    let files = [("registry-real.csv", pair.real), ("registry-synth.csv", pair.synthetic)]
    for (name, table) in files {
      let url = examples.appendingPathComponent(name)
      if ProcessInfo.processInfo.environment["TDA_EVAL_WRITE_EXAMPLES"] != nil {
        try table.csv().write(to: url, atomically: true, encoding: .utf8)
      } else {
        #expect(try String(contentsOf: url, encoding: .utf8) == table.csv(), "\(name)")
      }
    }
  }
}
