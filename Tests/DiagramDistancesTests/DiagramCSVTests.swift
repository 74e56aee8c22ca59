import Foundation
import Persistence
import Testing

@Suite("Diagram CSV files")
struct DiagramCSVTests {
  @Test("header, blank lines, comments, inf in any case, whitespace or comma cells")
  func parsesValidFiles() throws {
    let text = "birth,death\n# comment\n\n0, 1.5\n0.25,INF\n-inf,2\n-Inf,Infinity\n3,3\n"
    let diagram = try PersistenceDiagram.parse(csv: text, file: "d.csv")
    #expect(
      diagram.pairs == [
        PersistencePair(birth: 0, death: 1.5), PersistencePair(birth: 0.25, death: .infinity),
        PersistencePair(birth: -.infinity, death: 2),
        PersistencePair(birth: -.infinity, death: .infinity), PersistencePair(birth: 3, death: 3),
      ])
    #expect(try PersistenceDiagram.parse(csv: "1 2\n3\t4\n", file: "d.txt").pairs.count == 2)
    #expect(try PersistenceDiagram.parse(csv: "", file: "e.csv").pairs.isEmpty)
    #expect(try PersistenceDiagram.parse(csv: "birth,death\n", file: "e.csv").pairs.isEmpty)
  }

  @Test("writing then reading gives the same diagram")
  func roundTrip() throws {
    let diagram = PersistenceDiagram(
      dimension: 0,
      pairs: [
        PersistencePair(birth: 0.1, death: 1e-300), PersistencePair(birth: 1e-300, death: 2e300),
        PersistencePair(birth: 0.30000000000000004, death: .infinity),
        PersistencePair(birth: -.infinity, death: 0),
      ].filter { $0.birth <= $0.death })
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dd-\(UUID())")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let path = directory.appendingPathComponent("d.csv").path
    try diagram.write(toPath: path)
    #expect(try PersistenceDiagram.read(contentsOf: path) == diagram)
  }

  @Test(
    "every defect names the file, line and column",
    arguments: [
      ("0,1\n1,abc\n", "bad.csv:2:2: 'abc' is not a number"),
      ("0,1\nnan,2\n", "bad.csv:2:1: NaN is not allowed"),
      ("0,1\n1,NaN\n", "bad.csv:2:2: NaN is not allowed"),
      ("0,1\n2,1\n", "bad.csv:2:2: the point (2.0, 1.0) lies below the diagonal"),
      ("0,1\n1,2,3\n", "bad.csv:2: expected 2 cells"),
      ("0,1\n1\n", "bad.csv:2: expected 2 cells"),
      ("0,1\ninf,inf\n", "bad.csv:2:1: 'inf' is not allowed here"),
      ("0,1\n0,-inf\n", "bad.csv:2:2: '-inf' is not allowed here"),
      ("0,1\n,1\n", "bad.csv:2:1: '' is not a number"),
    ])
  func rejectsDefects(text: String, message: String) throws {
    let error = #expect(throws: DiagramFileError.self) {
      _ = try PersistenceDiagram.parse(csv: text, file: "bad.csv")
    }
    #expect(error.map { "\($0)" }?.hasPrefix(message) == true, "\(String(describing: error))")
  }

  @Test("a missing file is reported")
  func missingFile() {
    #expect(throws: DiagramFileError.unreadable(file: "/nonexistent/x.csv", reason: "no such file"))
    {
      _ = try PersistenceDiagram.read(contentsOf: "/nonexistent/x.csv")
    }
  }
}
