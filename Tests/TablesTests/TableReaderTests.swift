import PointClouds
import XCTest
import _TestSupport

@testable import Tables

final class TableReaderTests: XCTestCase {
  func parse(_ text: String, delimiter: Delimiter = .comma) throws -> RawTable {
    try RawTable.parse(Array(text.utf8), file: "t.csv", delimiter: delimiter)
  }

  func testQuotingAsRFC4180() throws {
    let table = try parse(
      "name,note,x\n\"Smith, J\",\"said \"\"hi\"\"\",1\n\"multi\nline\",,\"2.5\"\r\nplain , b ,3\n")
    XCTAssertEqual(table.names, ["name", "note", "x"])
    XCTAssertEqual(table.cells[0], ["Smith, J", "multi\nline", "plain"])
    XCTAssertEqual(table.cells[1], ["said \"hi\"", "", "b"])
    XCTAssertEqual(table.cells[2], ["1", "2.5", "3"])
    // The record after a quoted line break starts on line 5.
    XCTAssertEqual(table.lines, [2, 3, 5])
  }

  func testByteOrderMarkBlankLinesAndHashCells() throws {
    let table = try parse("\u{FEFF}x,y\n\n1,#N/A\n  \n2,3\n")
    XCTAssertEqual(table.names, ["x", "y"])
    XCTAssertEqual(table.cells[1], ["#N/A", "3"])
    XCTAssertEqual(table.lines, [3, 5])
  }

  func testTabsAndWhitespace() throws {
    XCTAssertEqual(try parse("a\tb\n1\t\"x y\"\n", delimiter: .tab).cells[1], ["x y"])
    XCTAssertEqual(try parse("a  b\n 1   2 \n", delimiter: .whitespace).cells[1], ["2"])
  }

  func testDefectsNameLineAndColumn() {
    func message(_ text: String) -> String {
      do {
        _ = try parse(text)
        return "no error"
      } catch { return "\(error)" }
    }
    XCTAssertEqual(message("a,b\n1,2\n3\n"), "t.csv:3: expected 2 cells as in the header, found 1")
    XCTAssertEqual(
      message("a,b\n1,\"open\n"),
      "t.csv:2:2: a quoted cell is not closed, or text follows its closing quote")
    XCTAssertEqual(
      message("a,b\n\"x\"y,2\n"),
      "t.csv:2:1: a quoted cell is not closed, or text follows its closing quote")
    XCTAssertEqual(
      message("a,a\n1,2\n"), "t.csv:1: the column name 'a' appears twice in the header")
    XCTAssertEqual(message(""), "t.csv: the table holds no header row and data rows")
    XCTAssertEqual(message("a,b\n"), "t.csv: the table holds no header row and data rows")
  }

  func testUnreadableFiles() {
    XCTAssertThrowsError(try RawTable.read(contentsOf: "/no/such/file.csv")) { error in
      XCTAssertEqual("\(error)", "/no/such/file.csv: cannot read the file (no such file)")
    }
    XCTAssertThrowsError(try RawTable.read(contentsOf: NSTemporaryDirectory())) { error in
      XCTAssertTrue("\(error)".hasSuffix("cannot read the file (a directory)"))
    }
  }
}
