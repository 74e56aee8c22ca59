import Foundation
import Persistence
import Testing

/// Diagram files and Ripser inputs read from streams.
@Suite("Diagram and Ripser inputs read from streams")
struct DiagramInputStreamTests {
  @Test("/dev/null is an empty diagram")
  func devNull() throws {
    let diagram = try PersistenceDiagram.read(contentsOf: "/dev/null")
    #expect(diagram.pairs.isEmpty)
  }

  @Test("a FIFO holding a diagram is read to its end, a byte-order mark skipped")
  func fifo() throws {
    let path = FileManager.default.temporaryDirectory
      .appendingPathComponent("tda-eval-stream-\(UUID().uuidString).csv").path
    #expect(mkfifo(path, 0o600) == 0)
    defer { try? FileManager.default.removeItem(atPath: path) }
    let writer = Thread {
      if let handle = FileHandle(forWritingAtPath: path) {
        handle.write(Data([0xEF, 0xBB, 0xBF] + Array("birth,death\n0,1\n0.5,inf\n".utf8)))
        try? handle.close()
      }
    }
    writer.start()
    let diagram = try PersistenceDiagram.read(contentsOf: path)
    #expect(
      diagram.pairs == [
        PersistencePair(birth: 0, death: 1), PersistencePair(birth: 0.5, death: .infinity),
      ])
  }

  @Test("unreadable diagram files keep their error type; UTF-16 is refused")
  func errors() throws {
    #expect(throws: DiagramFileError.unreadable(file: "/no/such.csv", reason: "no such file")) {
      try PersistenceDiagram.read(contentsOf: "/no/such.csv")
    }
    let path = FileManager.default.temporaryDirectory
      .appendingPathComponent("tda-eval-utf16-\(UUID().uuidString).csv").path
    try Data([0xFF, 0xFE, UInt8(ascii: "0"), 0, UInt8(ascii: ","), 0, UInt8(ascii: "1"), 0])
      .write(to: URL(fileURLWithPath: path))
    defer { try? FileManager.default.removeItem(atPath: path) }
    do {
      _ = try PersistenceDiagram.read(contentsOf: path)
      Issue.record("UTF-16 accepted")
    } catch {
      #expect("\(error)".contains("UTF-16"))
      #expect(!"\(error)".contains("\0"))
    }
  }

  @Test("the Ripser reader reads /dev/null and names missing files")
  func ripserFormats() throws {
    #expect(throws: PersistenceError.self) {
      try RipserInputFormat.lowerDistance.read(contentsOf: "/no/such.ldm")
    }
    do {
      _ = try RipserInputFormat.lowerDistance.read(contentsOf: "/no/such.ldm")
    } catch {
      #expect("\(error)" == "/no/such.ldm: cannot read the file (no such file)")
    }
    // An empty lower-distance matrix is a one-point space or an error, but never "unreadable".
    do {
      _ = try RipserInputFormat.lowerDistance.read(contentsOf: "/dev/null")
    } catch {
      #expect(!"\(error)".contains("cannot read"))
    }
  }
}
