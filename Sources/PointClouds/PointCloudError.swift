/// Why a point cloud, a distance matrix or a parameter was rejected.
///
/// Every case carries what a person needs to fix the input: the file, the 1-based line and column,
/// the offending text, or the parameter with its allowed range.
public enum PointCloudError: Error, Equatable, Sendable {
  /// The file could not be opened or read.
  case unreadable(file: String, reason: String)
  /// The file holds no data rows (it may hold a header, comments or blank lines).
  case empty(file: String)
  /// A cell is not a number.
  case notANumber(file: String, line: Int, column: Int, text: String)
  /// A cell is NaN or infinite.
  case notFinite(file: String, line: Int, column: Int, text: String)
  /// A row has a different number of cells than the first row.
  case raggedRow(file: String, line: Int, expected: Int, found: Int)
  /// `--columns` names a column that the file does not have.
  case unknownColumn(file: String, column: String)
  /// The command needs more points than the file holds.
  case tooFewPoints(file: String, count: Int, required: Int)
  /// Two clouds that must share a dimension do not.
  case dimensionMismatch(file: String, dimension: Int, otherFile: String, otherDimension: Int)
  /// A parameter is outside its allowed range.
  case invalidParameter(name: String, value: String, allowed: String)
}

extension PointCloudError: LocalizedTDAEvalError {
  public var description: String {
    switch self {
    case .unreadable(let file, let reason):
      return "\(file): cannot read the file (\(reason))"
    case .empty(let file):
      return "\(file): the file holds no data rows"
    case .notANumber(let file, let line, let column, let text):
      return "\(file):\(line):\(column): '\(text)' is not a number"
    case .notFinite(let file, let line, let column, let text):
      return "\(file):\(line):\(column): '\(text)' is not a finite number"
    case .raggedRow(let file, let line, let expected, let found):
      return "\(file):\(line): expected \(expected) columns, found \(found)"
    case .unknownColumn(let file, let column):
      return "\(file): no column '\(column)'"
    case .tooFewPoints(let file, let count, let required):
      return "\(file): \(count) point\(count == 1 ? "" : "s"), at least \(required) needed"
    case .dimensionMismatch(let file, let dimension, let otherFile, let otherDimension):
      return
        "\(file) has dimension \(dimension) but \(otherFile) has dimension \(otherDimension)"
    case .invalidParameter(let name, let value, let allowed):
      return "\(name) must be \(allowed), got \(value)"
    }
  }
}
