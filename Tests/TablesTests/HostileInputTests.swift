import PointClouds
import XCTest

@testable import Tables

/// Seeded random and mutated byte strings through the table reader, schema inference and encoding:
/// each either reads or throws a `TableError`, never traps.
final class HostileInputTests: XCTestCase {
  /// Bytes drawn from an alphabet rich in the reader's special characters.
  func randomBytes(_ random: inout SeededGenerator, count: Int) -> [UInt8] {
    let alphabet: [UInt8] =
      Array("ab,\"\n\r\t 0123456789.-eE#NA".utf8) + [0x00, 0xEF, 0xBB, 0xBF, 0xFF, 0xC3]
    return (0..<count).map { _ in alphabet[Int(random.nextUniform() * Double(alphabet.count))] }
  }

  func exercise(_ bytes: [UInt8]) {
    for delimiter in [Delimiter.comma, .tab, .whitespace] {
      do {
        let raw = try RawTable.parse(bytes, file: "fuzz.csv", delimiter: delimiter)
        XCTAssertEqual(raw.cells.count, raw.names.count)
        for column in raw.cells { XCTAssertEqual(column.count, raw.rowCount) }
        let schema = try TableSchema.infer(raw)
        let tables = try Table.encode(real: raw, others: [raw], schema: schema)
        let gower = GowerDistance(fittedTo: tables[0])
        if tables[0].rowCount > 0 {
          let nearest = gower.nearest(from: tables[1], to: tables[0])
          XCTAssertTrue(nearest.distances.allSatisfy { $0 >= 0 && $0 <= 1 })
        }
      } catch is TableError {
      } catch {
        XCTFail("unexpected error type \(type(of: error)): \(error)")
      }
    }
  }

  func testRandomBytes() {
    var random = SeededGenerator(seed: 2026)
    for _ in 0..<1500 {
      exercise(randomBytes(&random, count: 1 + Int(random.nextUniform() * 80)))
    }
  }

  func testMutatedTables() throws {
    let seed = Array(
      "id,age,sex,note\n1,50,f,\"a, b\"\n2,,m,\"say \"\"hi\"\"\"\n3,61.5,NA,x\n".utf8)
    var random = SeededGenerator(seed: 7)
    for _ in 0..<1500 {
      var bytes = seed
      for _ in 0..<(1 + Int(random.nextUniform() * 4)) {
        let position = Int(random.nextUniform() * Double(bytes.count))
        switch Int(random.nextUniform() * 3) {
        case 0: bytes.remove(at: position)
        case 1: bytes.insert(randomBytes(&random, count: 1)[0], at: position)
        default: bytes[position] = randomBytes(&random, count: 1)[0]
        }
      }
      exercise(bytes)
    }
  }

  /// A numeric column spanning more than float64 holds would make Gower's terms 0: refused.
  func testGowerRangeBeyondFloat64() throws {
    let text = "x,c\n-1.7976931348623157e308,a\n1.7976931348623157e308,b\n0,a\n"
    let raw = try RawTable.parse(Array(text.utf8), file: "huge.csv", delimiter: .comma)
    XCTAssertThrowsError(try TableSamples(real: raw, synthetic: raw, options: TableOptions())) {
      error in
      XCTAssertEqual(
        "\(error)",
        "huge.csv: column 'x' spans more than float64 can hold, so Gower's distance cannot divide "
          + "by its range; rescale the column")
    }
  }
}
