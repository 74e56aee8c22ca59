import PointClouds

/// Why a persistence-diagram file was rejected. Every case names the file and, where it applies,
/// the 1-based line and column.
public enum DiagramFileError: Error, Equatable, Sendable {
  /// The file could not be opened or read.
  case unreadable(file: String, reason: String)
  /// A cell is not a number (nor `inf`).
  case notANumber(file: String, line: Int, column: Int, text: String)
  /// A cell is NaN.
  case notANumberValue(file: String, line: Int, column: Int)
  /// A row does not have exactly two cells.
  case wrongCellCount(file: String, line: Int, found: Int)
  /// The death (column 2) is smaller than the birth.
  case belowDiagonal(file: String, line: Int, column: Int, birth: Double, death: Double)
  /// An infinity on the wrong side: a birth of `+inf` (column 1) or a death of `-inf` (column 2).
  case misplacedInfinity(file: String, line: Int, column: Int, text: String)
}

extension DiagramFileError: LocalizedTDAEvalError {
  public var description: String {
    switch self {
    case .unreadable(let file, let reason):
      return "\(file): cannot read the file (\(reason))"
    case .notANumber(let file, let line, let column, let text):
      return "\(file):\(line):\(column): '\(text)' is not a number"
    case .notANumberValue(let file, let line, let column):
      return "\(file):\(line):\(column): NaN is not allowed in a diagram"
    case .wrongCellCount(let file, let line, let found):
      return "\(file):\(line): expected 2 cells (birth,death), found \(found)"
    case .belowDiagonal(let file, let line, let column, let birth, let death):
      return "\(file):\(line):\(column): the point (\(birth), \(death)) lies below the diagonal"
    case .misplacedInfinity(let file, let line, let column, let text):
      return
        "\(file):\(line):\(column): '\(text)' is not allowed here (a birth cannot be +inf, a death cannot be -inf)"
    }
  }
}
