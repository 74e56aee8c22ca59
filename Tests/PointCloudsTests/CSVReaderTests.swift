import Foundation
import PointClouds
import Testing

/// Parses `text` as a CSV file named `points.csv`.
private func parse(_ text: String, options: CSVOptions = CSVOptions()) throws -> PointCloud {
  try PointCloud.parse(csv: Array(text.utf8), file: "points.csv", options: options)
}

@Suite("Strict CSV reading of point clouds")
struct CSVReaderTests {
  @Test("plain rows give a flat row-major cloud")
  func plainRows() throws {
    let cloud = try parse("1,2,3\n4,5,6\n")
    #expect(cloud.count == 2)
    #expect(cloud.dimension == 3)
    #expect(cloud.coordinates == [1, 2, 3, 4, 5, 6])
    #expect(cloud.columnNames == nil)
  }

  @Test("a header row is detected and its names kept, quotes removed")
  func header() throws {
    let cloud = try parse("\"age\",weight\n30,70.5\n40,80\n")
    #expect(cloud.columnNames == ["age", "weight"])
    #expect(cloud.coordinates == [30, 70.5, 40, 80])
  }

  @Test("blank lines, comment lines, CRLF endings and blanks around cells are accepted")
  func tolerantLayout() throws {
    let cloud = try parse("# made by hand\r\n\r\n 1 , 2\r\n   \n# middle\n3,4")
    #expect(cloud.coordinates == [1, 2, 3, 4])
  }

  @Test("numbers in every decimal spelling parse exactly as Double(String) does")
  func numberSpellings() throws {
    let cells = ["0", "-0.5", "+2", "1e3", "1E-3", ".5", "5.", "0.1", "123456789.123456789"]
    let cloud = try parse(cells.joined(separator: ",") + "\n")
    #expect(cloud.coordinates == cells.map { Double($0)! })
  }

  @Test("tab and whitespace delimiters, and inference from the extension")
  func delimiters() throws {
    #expect(
      try parse("1\t2\n3\t4\n", options: CSVOptions(delimiter: .tab)).coordinates == [1, 2, 3, 4])
    #expect(
      try parse("  1   2\n3 \t 4  \n", options: CSVOptions(delimiter: .whitespace)).coordinates == [
        1, 2, 3, 4,
      ])
    #expect(Delimiter.inferred(fromPath: "a.TSV") == .tab)
    #expect(Delimiter.inferred(fromPath: "a.txt") == .whitespace)
    #expect(Delimiter.inferred(fromPath: "a.csv") == .comma)
    #expect(Delimiter.inferred(fromPath: "data") == .comma)
  }

  @Test("--columns selects by name or 0-based index, in the order given, skipping text columns")
  func columnSelection() throws {
    let text = "id,x,y,label\n7,1,2,cat\n8,3,4,dog\n"
    let byName = try parse(text, options: CSVOptions(columns: [.name("y"), .name("x")]))
    #expect(byName.coordinates == [2, 1, 4, 3])
    #expect(byName.columnNames == ["y", "x"])
    let byIndex = try parse(
      text, options: CSVOptions(columns: [ColumnSelector("1"), ColumnSelector("2")]))
    #expect(byIndex.coordinates == [1, 2, 3, 4])
  }

  @Test(
    "each defect is an error naming file, line and column",
    arguments: [
      ("1,2\n3,x\n", PointCloudError.notANumber(file: "points.csv", line: 2, column: 2, text: "x")),
      ("1,2\n3,\n", .notANumber(file: "points.csv", line: 2, column: 2, text: "")),
      ("1,2\nnan,4\n", .notFinite(file: "points.csv", line: 2, column: 1, text: "nan")),
      ("1,2\n3,-Infinity\n", .notFinite(file: "points.csv", line: 2, column: 2, text: "-Infinity")),
      ("1,2\n3,4,5\n", .raggedRow(file: "points.csv", line: 2, expected: 2, found: 3)),
      ("a,b\n1,2\n\n3\n", .raggedRow(file: "points.csv", line: 4, expected: 2, found: 1)),
      ("", .empty(file: "points.csv")),
      ("# only a comment\n\n", .empty(file: "points.csv")),
      ("x,y\n", .empty(file: "points.csv")),
      ("1,0x10\n", .notANumber(file: "points.csv", line: 1, column: 2, text: "0x10")),
      ("1,2\n1.2.3,4\n", .notANumber(file: "points.csv", line: 2, column: 1, text: "1.2.3")),
      ("x,1\n", .notANumber(file: "points.csv", line: 1, column: 1, text: "x")),
    ])
  func defects(text: String, expected: PointCloudError) {
    #expect(throws: expected) { try parse(text) }
  }

  @Test("unknown columns are errors")
  func unknownColumns() {
    #expect(throws: PointCloudError.unknownColumn(file: "points.csv", column: "z")) {
      try parse("x,y\n1,2\n", options: CSVOptions(columns: [.name("z")]))
    }
    #expect(throws: PointCloudError.unknownColumn(file: "points.csv", column: "5")) {
      try parse("1,2\n", options: CSVOptions(columns: [.index(5)]))
    }
    #expect(throws: PointCloudError.unknownColumn(file: "points.csv", column: "x")) {
      try parse("1,2\n", options: CSVOptions(columns: [.name("x")]))
    }
  }

  @Test("messages name the place: file:line:column")
  func messages() {
    let error = PointCloudError.notANumber(file: "a.csv", line: 3, column: 2, text: "abc")
    #expect("\(error)" == "a.csv:3:2: 'abc' is not a number")
  }

  @Test("a missing file is an error naming it")
  func missingFile() {
    #expect(throws: PointCloudError.unreadable(file: "/no/such/file.csv", reason: "no such file")) {
      try PointCloud.read(contentsOf: "/no/such/file.csv")
    }
  }

  @Test("writing then reading gives back the same doubles bit for bit")
  func roundTrip() throws {
    var random = SeededGenerator(seed: 42)
    let values = (0..<300).map { _ in
      (random.nextUniform() - 0.5) * pow(10, Double(random.nextInt(below: 30)) - 15)
    }
    let cloud = PointCloud(
      count: 100, dimension: 3, coordinates: values, columnNames: ["a", "b", "c"])
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("csv-\(UUID())")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let path = directory.appendingPathComponent("cloud.csv").path
    try cloud.write(toPath: path)
    #expect(try PointCloud.read(contentsOf: path) == cloud)
  }
}
