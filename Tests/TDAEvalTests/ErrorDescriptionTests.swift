import Foundation
import TDAEval
import Testing

/// A harness that catches an error of the library and shows `localizedDescription` gets the CLI's
/// one-line message, not Foundation's generic "The operation couldn't be completed".
@Suite struct ErrorDescriptionTests {
  static let errors: [any TDAEvalError] = [
    PointCloudError.notANumber(file: "a.csv", line: 3, column: 2, text: "x"),
    TableError.raggedRow(file: "t.csv", line: 4, expected: 3, found: 2),
    PersistenceError.invalidParameter(name: "--maxdim", value: "-1", allowed: "0…"),
    DiagramFileError.notANumber(file: "d.csv", line: 1, column: 1, text: "y"),
    DiagramDistanceError.invalidParameter(name: "q", value: "0", allowed: "≥ 1"),
    SampleMetricsError.tooFewPoints(set: "real", count: 1, required: 2),
  ]

  @Test(arguments: 0..<errors.count)
  func localizedDescriptionIsTheOneLineMessage(_ index: Int) {
    let error = Self.errors[index]
    #expect(!error.description.isEmpty)
    #expect(!error.description.contains("\n"))
    #expect((error as any Error).localizedDescription == error.description)
  }
}
