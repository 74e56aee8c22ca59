import Foundation
import PointClouds

extension PersistenceDiagram {
  /// Reads a diagram from a CSV file: one `birth,death` pair per line.
  ///
  /// `inf`, `+inf`, `infinity` (any case) is an essential death; `-inf` an infinite birth. Cells
  /// are separated by a comma, or by blanks on a line without a comma. Blank lines and lines
  /// starting with `#` are skipped, and the first row is a header if none of its cells is a
  /// number. An empty file is an empty diagram. Every defect — a cell that is not a number, NaN,
  /// a row without exactly two cells, a point below the diagonal, `+inf` as a birth or `-inf` as
  /// a death — throws a ``DiagramFileError`` naming the file, line and column; a finite number
  /// beyond float64 (`1e400`) throws ``DiagramValueOverflow``.
  ///
  /// `path` may be a pipe, a FIFO or `/dev/null` (an empty diagram); `-` reads standard input,
  /// named `<stdin>` in messages. A UTF-8 byte-order mark is skipped; UTF-16 text is refused.
  public static func read(contentsOf path: String, dimension: Int = 0) throws -> PersistenceDiagram
  {
    let bytes: [UInt8]
    do {
      bytes = try InputFile.read(path)
    } catch PointCloudError.unreadable(let file, let reason) {
      throw DiagramFileError.unreadable(file: file, reason: reason)
    }
    return try parse(bytes: bytes, file: InputFile.name(path), dimension: dimension)
  }

  /// Parses the bytes of a diagram file (``read(contentsOf:dimension:)`` without the reading):
  /// a UTF-8 byte-order mark is skipped, UTF-16 text or NUL bytes are refused.
  public static func parse(bytes: [UInt8], file name: String, dimension: Int = 0) throws
    -> PersistenceDiagram
  {
    var bytes = bytes
    if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF])
      || bytes.prefix(4096).contains(0)
    {
      throw DiagramFileError.unreadable(
        file: name, reason: "it is not UTF-8 text (UTF-16 or NUL bytes); save it as UTF-8")
    }
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
    return try parse(csv: String(decoding: bytes, as: UTF8.self), file: name, dimension: dimension)
  }

  /// Parses diagram CSV text held in memory; `file` is the name used in error messages.
  public static func parse(csv text: String, file: String, dimension: Int = 0) throws
    -> PersistenceDiagram
  {
    var pairs: [PersistencePair] = []
    var sawRow = false
    var lineNumber = 0
    let comma = UInt8(ascii: ",")
    func isBlank(_ byte: UInt8) -> Bool {
      byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r")
    }
    func trimmed(_ cell: ArraySlice<UInt8>) -> String {
      var slice = cell
      while let first = slice.first, isBlank(first) { slice = slice.dropFirst() }
      while let last = slice.last, isBlank(last) { slice = slice.dropLast() }
      return String(decoding: slice, as: UTF8.self)
    }
    let bytes = Array(text.utf8)
    for line in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
      lineNumber += 1
      guard let firstNonBlank = line.first(where: { !isBlank($0) }) else { continue }
      if firstNonBlank == UInt8(ascii: "#") { continue }
      let cells: [String] =
        line.contains(comma)
        ? line.split(separator: comma, omittingEmptySubsequences: false).map(trimmed)
        : line.split(whereSeparator: isBlank).map(trimmed)
      let values = cells.map { Double($0) }
      if !sawRow {
        sawRow = true
        if values.allSatisfy({ $0 == nil }) { continue }  // header
      }
      guard cells.count == 2 else {
        throw DiagramFileError.wrongCellCount(file: file, line: lineNumber, found: cells.count)
      }
      for (column, value) in values.enumerated() {
        guard let value else {
          throw DiagramFileError.notANumber(
            file: file, line: lineNumber, column: column + 1, text: cells[column])
        }
        if value.isNaN {
          throw DiagramFileError.notANumberValue(file: file, line: lineNumber, column: column + 1)
        }
        // Only the spellings of infinity mean infinite: `1e400` overflows float64 and is refused,
        // not read as an essential class.
        if value.isInfinite && !Self.spellsInfinity(cells[column]) {
          throw DiagramValueOverflow(
            file: file, line: lineNumber, column: column + 1, text: cells[column])
        }
        if (column == 0 && value == .infinity) || (column == 1 && value == -.infinity) {
          throw DiagramFileError.misplacedInfinity(
            file: file, line: lineNumber, column: column + 1, text: cells[column])
        }
      }
      let (birth, death) = (values[0]!, values[1]!)
      guard birth <= death else {
        throw DiagramFileError.belowDiagonal(
          file: file, line: lineNumber, column: 2, birth: birth, death: death)
      }
      pairs.append(PersistencePair(birth: birth, death: death))
    }
    return PersistenceDiagram(dimension: dimension, pairs: pairs)
  }

  /// The diagram as CSV: a `birth,death` header, then one pair per line in shortest round-trip
  /// form, `inf` / `-inf` for infinities.
  public func csv() -> String {
    func cell(_ value: Double) -> String {
      value.isInfinite ? (value > 0 ? "inf" : "-inf") : "\(value)"
    }
    var text = "birth,death\n"
    for pair in pairs { text += cell(pair.birth) + "," + cell(pair.death) + "\n" }
    return text
  }

  /// Writes `csv()` to `path`.
  public func write(toPath path: String) throws {
    try Data(csv().utf8).write(to: URL(fileURLWithPath: path))
  }
}

extension PersistenceDiagram {
  /// Whether `cell` spells an infinity (`inf`, `infinity`, signed, any case) rather than a number
  /// that overflows float64.
  static func spellsInfinity(_ cell: String) -> Bool {
    var text = Substring(cell.lowercased())
    if text.first == "+" || text.first == "-" { text = text.dropFirst() }
    return text == "inf" || text == "infinity"
  }
}

/// A diagram cell holding a finite number beyond float64 (e.g. `1e400`): it would be read as
/// infinite, so it is refused; only `inf` / `infinity` mean an infinite value.
public struct DiagramValueOverflow: LocalizedTDAEvalError, Equatable {
  public var file: String
  public var line: Int
  public var column: Int
  public var text: String

  public var description: String {
    "\(file):\(line):\(column): '\(text)' is beyond the float64 range (±1.8e308); write inf for an infinite value, or rescale the diagram"
  }
}
