import Foundation
import TDAEval
import Testing

/// A harness that catches an error of the library and shows `localizedDescription` gets the CLI's
/// one-line message, not Foundation's generic "The operation couldn't be completed".
@Suite struct ErrorDescriptionTests {
  static let localized: [any LocalizedTDAEvalError] = [
    PointCloudError.notANumber(file: "a.csv", line: 3, column: 2, text: "x"),
    TableError.raggedRow(file: "t.csv", line: 4, expected: 3, found: 2),
    DiagramFileError.notANumber(file: "d.csv", line: 1, column: 1, text: "y"),
    DiagramDistanceError.invalidParameter(name: "q", value: "0", allowed: "≥ 1"),
    SampleMetricsError.tooFewPoints(set: "real", count: 1, required: 2),
  ]

  @Test(arguments: 0..<localized.count)
  func localizedDescriptionIsTheOneLineMessage(_ index: Int) {
    let error = Self.localized[index]
    #expect(!error.description.isEmpty)
    #expect(!error.description.contains("\n"))
    #expect((error as any Error).localizedDescription == error.description)
  }

  @Test("errors thrown with typed throws describe themselves in one line")
  func typedErrors() {
    let errors: [any TDAEvalError] = [
      PersistenceError.invalidParameter(name: "--maxdim", value: "-1", allowed: "0…"),
      ResourceError(
        what: "rips on 10 points", bytes: 1e12, budget: MemoryBudget(bytes: 1e9, source: "test"),
        suggestion: "use fewer points"),
    ]
    for error in errors {
      #expect(!error.description.isEmpty)
      #expect(!error.description.contains("\n"))
    }
  }
}
