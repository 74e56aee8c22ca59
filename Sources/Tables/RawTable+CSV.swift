import PointClouds

extension RawTable {
  /// The table as text that ``parse(_:file:delimiter:)`` reads back to the same names and cells:
  /// the header, then one line per row, each ended by `\n`.
  ///
  /// A cell is quoted (RFC 4180: in `"…"`, a quote inside doubled) when it holds the delimiter, a
  /// quote, a line break, a blank at either end (which an unquoted cell would lose) or a leading
  /// byte-order mark; when it is empty under `.whitespace` (where it would vanish); and when it is
  /// the first cell of a row whose cells are all empty and the line would otherwise be blank (one
  /// column, or tabs only) and skipped. Every other cell is written as it is, so an empty cell
  /// stays empty (missing, as pandas reads it).
  public func csv(delimiter: Delimiter = .comma) -> String {
    let separator: String
    switch delimiter {
    case .comma: separator = ","
    case .tab: separator = "\t"
    case .whitespace: separator = " "
    }
    var text = ""
    func append(_ row: [String]) {
      let blankLine =
        (row.count == 1 || delimiter == .tab) && row.allSatisfy { $0.isEmpty }
      for (c, cell) in row.enumerated() {
        if c > 0 { text += separator }
        text += Self.quotedIfNeeded(cell, delimiter: delimiter, forced: blankLine && c == 0)
      }
      text += "\n"
    }
    append(names)
    for row in 0..<rowCount { append(cells.map { $0[row] }) }
    return text
  }

  /// `cell`, quoted when it would not read back as itself (see ``csv(delimiter:)``).
  static func quotedIfNeeded(_ cell: String, delimiter: Delimiter, forced: Bool) -> String {
    func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }
    let bytes = cell.utf8
    var quote = forced || (bytes.isEmpty && delimiter == .whitespace) || cell.first == "\u{FEFF}"
    if let first = bytes.first, let last = bytes.last, isBlank(first) || isBlank(last) {
      quote = true
    }
    if !quote {
      quote = bytes.contains { byte in
        switch byte {
        case UInt8(ascii: "\""), 0x0A, 0x0D: return true
        case 0x2C: return delimiter == .comma
        case 0x09: return delimiter != .comma
        case 0x20: return delimiter == .whitespace
        default: return false
        }
      }
    }
    guard quote else { return cell }
    var quoted = "\""
    for character in cell {
      if character == "\"" { quoted += "\"\"" } else { quoted.append(character) }
    }
    return quoted + "\""
  }
}
