import Foundation
import PointClouds
import XCTest
import _TestSupport

@testable import Tables

final class SchemaTests: XCTestCase {
  func raw(_ text: String, file: String = "t.csv") throws -> RawTable {
    try RawTable.parse(Array(text.utf8), file: file)
  }

  func testInferenceNeverGuessesCategoriesFromFewNumbers() throws {
    let schema = try TableSchema.infer(raw("id,sex,code,x\n1,f,1,0.5\n2,m,2,\n3,f,1,1.5\n"))
    XCTAssertEqual(schema.columns.map(\.kind), [.numeric, .categorical, .numeric, .numeric])
    XCTAssertEqual(schema.columns[1].categories, ["f", "m"])
    XCTAssertEqual(schema.columns[3].missing, 1)
    XCTAssertEqual(schema.columns[3].min, 0.5)
    XCTAssertEqual(schema.columns[3].max, 1.5)
    XCTAssertEqual(schema.columns[2].distinct, 2)
    XCTAssertEqual(schema.rows, 3)
    XCTAssertEqual(schema.likelyIdentifiers, ["id"])
  }

  func testEveryPandasMissingTokenIsMissing() throws {
    for token in MissingValues.pandasDefault.tokens {
      let quoted = token.contains(",") ? "\"\(token)\"" : token
      let schema = try TableSchema.infer(raw("x,y\n1,a\n\(quoted),b\n3,c\n"))
      XCTAssertEqual(schema.columns[0].kind, .numeric, "token '\(token)'")
      XCTAssertEqual(schema.columns[0].missing, 1, "token '\(token)'")
    }
    // Other spellings are text, so the column is categorical.
    XCTAssertEqual(try TableSchema.infer(raw("x\n1\nmissing\n")).columns[0].kind, .categorical)
    // --na-values replaces the list.
    let custom = SchemaOverrides(missingValues: MissingValues(list: "-99,missing"))
    let schema = try TableSchema.infer(raw("x\n1\nmissing\n-99\n"), overrides: custom)
    XCTAssertEqual(schema.columns[0].kind, .numeric)
    XCTAssertEqual(schema.columns[0].missing, 2)
  }

  func testOverridesAndTheirErrors() throws {
    let table = try raw("id,stage,code\nA,II,3\nB,I,1\nC,III,3\n")
    let schema = try TableSchema.infer(
      table, overrides: SchemaOverrides(categorical: ["code"], ordinal: ["stage"], ignore: ["id"]))
    XCTAssertEqual(schema.columns.map(\.kind), [.ignore, .ordinal, .categorical])
    XCTAssertEqual(schema.columns[1].categories, ["I", "II", "III"])
    XCTAssertEqual(schema.columns[2].categories, ["1", "3"])
    XCTAssertThrowsError(try TableSchema.infer(table, overrides: SchemaOverrides(ignore: ["nope"])))
    {
      XCTAssertEqual("\($0)", "t.csv: no column 'nope' (named by --ignore)")
    }
    XCTAssertThrowsError(
      try TableSchema.infer(table, overrides: SchemaOverrides(ignore: ["id", "stage", "code"]))
    ) { XCTAssertEqual("\($0)", "t.csv: every column is ignored") }
  }

  func testSchemaJSONRoundTripsAndOrdersOrdinalLevels() throws {
    let table = try raw("stage,x\nlow,1\nhigh,2\nmid,\n")
    var schema = try TableSchema.infer(table, overrides: SchemaOverrides(ordinal: ["stage"]))
    XCTAssertEqual(schema.columns[0].categories, ["high", "low", "mid"])
    schema.columns[0].categories = ["low", "mid", "high"]
    let url = try makeTemporaryDirectory().appendingPathComponent("schema.json")
    try JSONEncoder().encode(schema).write(to: url)
    let read = try SchemaOverrides.readSchema(contentsOf: url.path)
    let again = try TableSchema.infer(
      table, overrides: SchemaOverrides(schema: read, schemaFile: url.path))
    XCTAssertEqual(again, schema)
    let encoded = try Table.encode(real: table, schema: again)[0]
    XCTAssertEqual(encoded.columns[0].values, [0, 2, 1])
    // A level the schema does not list is an error naming the cell.
    let other = try raw("stage,x\nlow,1\nextreme,2\n", file: "s.csv")
    XCTAssertThrowsError(try Table.encode(real: table, others: [other], schema: again)) {
      XCTAssertEqual(
        "\($0)",
        "s.csv:3:1: 'extreme' is not a level of the ordinal column 'stage' (levels: low, mid, high)"
      )
    }
  }

  func testBadSchemaFiles() throws {
    let directory = try makeTemporaryDirectory()
    let bad = try writeFile(
      #"{"columns":[{"name":"x","kind":"text"}]}"#, named: "bad.json", in: directory)
    XCTAssertThrowsError(try SchemaOverrides.readSchema(contentsOf: bad)) {
      XCTAssertTrue("\($0)".hasPrefix("\(bad): not a valid schema"), "\($0)")
    }
    let twice = try writeFile(
      #"{"columns":[{"name":"x","kind":"numeric"},{"name":"x","kind":"ignore"}]}"#,
      named: "twice.json",
      in: directory)
    XCTAssertThrowsError(try SchemaOverrides.readSchema(contentsOf: twice)) {
      XCTAssertEqual("\($0)", "\(twice): not a valid schema (column 'x' is listed twice)")
    }
  }

  func testInfiniteNumbersAreErrorsNotCategories() throws {
    XCTAssertThrowsError(try TableSchema.infer(raw("x\n1\ninf\n"))) {
      XCTAssertEqual("\($0)", "t.csv:3:1: 'inf' is not a finite number (column 'x')")
    }
  }

  func testMatchingByNameAndUnseenCategories() throws {
    let real = try raw("a,b,id\n1,x,7\n2,y,8\n")
    let synthetic = try raw("b,a\nz,3\nx,4\n", file: "s.csv")
    let schema = try TableSchema.infer(real, overrides: SchemaOverrides(ignore: ["id"]))
    let tables = try Table.encode(real: real, others: [synthetic], schema: schema)
    XCTAssertEqual(tables[1].columns[0].values, [3, 4])
    XCTAssertEqual(tables[1].columns[1].values, [2, 0])
    XCTAssertEqual(tables[0].columns[1].categories, ["x", "y", "z"])
    XCTAssertEqual(tables[1].fileColumns, [2, 1])
    XCTAssertThrowsError(
      try Table.encode(real: real, others: [try raw("a\n1\n", file: "s.csv")], schema: schema)
    ) {
      XCTAssertEqual("\($0)", "s.csv: no column 'b', which t.csv has")
    }
    XCTAssertThrowsError(
      try Table.encode(
        real: real, others: [try raw("a,b,c\n1,x,2\n", file: "s.csv")], schema: schema)
    ) { XCTAssertEqual("\($0)", "s.csv: column 'c' is not in t.csv") }
    XCTAssertThrowsError(
      try Table.encode(real: real, others: [try raw("a,b\nq,x\n", file: "s.csv")], schema: schema)
    ) { XCTAssertEqual("\($0)", "s.csv:2:1: 'q' is not a number (column 'a' is numeric)") }
  }

  func testMissingCellsAreReportedOrDropped() throws {
    let real = try raw("a,b\n1,x\n,y\n3,\n4,x\n")
    let table = try Table.encode(real: real, schema: TableSchema.infer(real))[0]
    XCTAssertEqual(
      "\(table.missingCellError()!)",
      "t.csv:3:1: missing cell in column 'a'; use --distance gower (which skips missing cells) or --missing drop-rows (which drops such rows)"
    )
    let (kept, dropped) = table.droppingIncompleteRows()
    XCTAssertEqual(dropped, 2)
    XCTAssertEqual(kept.lines, [2, 5])
    XCTAssertEqual(kept.numericCloud, nil)
    XCTAssertNil(kept.missingCellError())
  }
}

final class SchemaNoteTests: XCTestCase {
  func testMostlyNumericColumnsReadAsCategoriesAreNamed() throws {
    let raw = try RawTable.parse(Array("x,y,z\n1,2,a\n3,abc,b\n4,5,c\n9,6,d\n".utf8), file: "t.csv")
    let schema = try TableSchema.infer(raw)
    XCTAssertEqual(
      schema.notes(on: raw, missing: .pandasDefault),
      [
        "column 'y' is read as categorical because of 1 non-number cell, the first 'abc' at t.csv:3:2; if it is numeric, fix the cells or list them in --na-values"
      ])
  }
}
