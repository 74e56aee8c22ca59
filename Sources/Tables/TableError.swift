import PointClouds

/// Why a table, its schema or a table option was rejected. Each case names the file and, where
/// there is one, the 1-based line and column (the header is line 1).
public enum TableError: Error, Equatable, Sendable {
  /// The file could not be opened or read.
  case unreadable(file: String, reason: String)
  /// No header row, or no data rows after it.
  case empty(file: String)
  /// A row has a different number of cells than the header.
  case raggedRow(file: String, line: Int, expected: Int, found: Int)
  /// A quoted cell is not closed, or text follows its closing quote.
  case badQuoting(file: String, line: Int, column: Int)
  /// Two header cells carry the same name.
  case duplicateColumn(file: String, column: String)
  /// An option or the schema names a column the file does not have.
  case unknownColumn(file: String, column: String, context: String)
  /// The synthetic (or holdout) file lacks a column of the real file.
  case missingColumn(file: String, column: String, realFile: String)
  /// The synthetic (or holdout) file has a column the real file does not have.
  case extraColumn(file: String, column: String, realFile: String)
  /// A cell of a numeric column is not a number.
  case notANumber(file: String, line: Int, column: Int, name: String, text: String)
  /// A cell is infinite (or NaN spelled otherwise than a missing token).
  case notFinite(file: String, line: Int, column: Int, name: String, text: String)
  /// A cell of an ordinal column is not one of its levels.
  case unknownLevel(
    file: String, line: Int, column: Int, name: String, text: String, levels: [String])
  /// A metric that needs complete rows met a missing cell.
  case missingCell(file: String, line: Int, column: Int, name: String, handledBy: String)
  /// The schema file is not valid.
  case badSchema(file: String, reason: String)
  /// Every column is ignored, or no row is left.
  case nothingToCompare(file: String, reason: String)
}

extension TableError: LocalizedTDAEvalError {
  public var description: String {
    switch self {
    case .unreadable(let file, let reason):
      return "\(file): cannot read the file (\(reason))"
    case .empty(let file):
      return "\(file): the table holds no header row and data rows"
    case .raggedRow(let file, let line, let expected, let found):
      return "\(file):\(line): expected \(expected) cells as in the header, found \(found)"
    case .badQuoting(let file, let line, let column):
      return
        "\(file):\(line):\(column): a quoted cell is not closed, or text follows its closing quote"
    case .duplicateColumn(let file, let column):
      return "\(file):1: the column name '\(column)' appears twice in the header"
    case .unknownColumn(let file, let column, let context):
      return "\(file): no column '\(column)' (named by \(context))"
    case .missingColumn(let file, let column, let realFile):
      return "\(file): no column '\(column)', which \(realFile) has"
    case .extraColumn(let file, let column, let realFile):
      return "\(file): column '\(column)' is not in \(realFile)"
    case .notANumber(let file, let line, let column, let name, let text):
      return "\(file):\(line):\(column): '\(text)' is not a number (column '\(name)' is numeric)"
    case .notFinite(let file, let line, let column, let name, let text):
      return "\(file):\(line):\(column): '\(text)' is not a finite number (column '\(name)')"
    case .unknownLevel(let file, let line, let column, let name, let text, let levels):
      let shown = levels.prefix(12).joined(separator: ", ") + (levels.count > 12 ? ", …" : "")
      return
        "\(file):\(line):\(column): '\(text)' is not a level of the ordinal column '\(name)' (levels: \(shown))"
    case .missingCell(let file, let line, let column, let name, let handledBy):
      return "\(file):\(line):\(column): missing cell in column '\(name)'; \(handledBy)"
    case .badSchema(let file, let reason):
      return "\(file): not a valid schema (\(reason))"
    case .nothingToCompare(let file, let reason):
      return "\(file): \(reason)"
    }
  }
}
