import Foundation
import PointClouds

/// A table as text: the header and every cell, before column kinds are known.
///
/// Read by ``read(contentsOf:delimiter:)`` under RFC 4180: a header row is required; a cell may be
/// quoted (`"Smith, J"`, `""` for a quote inside quotes, line breaks inside quotes); unquoted cells
/// lose their surrounding blanks; blank lines are skipped; a UTF-8 byte-order mark is skipped.
/// Unlike point clouds, a line starting with `#` is data (pandas reads `#N/A` as a missing cell).
public struct RawTable: Sendable, Equatable {
  /// The file name used in messages (`-` reads standard input and is named `<stdin>`).
  public let file: String
  /// The header's column names.
  public let names: [String]
  /// The cells, column by column: `cells[column][row]`.
  public let cells: [[String]]
  /// The 1-based line of each data row in the file (the header is line 1 or later).
  public let lines: [Int]

  /// The number of data rows.
  public var rowCount: Int { lines.count }

  public init(file: String, names: [String], cells: [[String]], lines: [Int]) {
    self.file = file
    self.names = names
    self.cells = cells
    self.lines = lines
  }

  /// Reads a table from `path` (`-` for standard input). The delimiter defaults to the one the
  /// extension implies (`.tsv` tab, `.txt` whitespace, otherwise comma).
  /// - Throws: ``TableError`` naming the file, line and column of the first defect.
  public static func read(contentsOf path: String, delimiter: Delimiter? = nil) throws -> RawTable {
    let bytes = try readAllBytes(path, name: inputName(path))
    return try parse(
      bytes, file: inputName(path), delimiter: delimiter ?? .inferred(fromPath: path))
  }

  /// Parses table text held in memory; `file` names it in messages. With `headerOnly`, only the
  /// header is read (and checked): the table has no rows.
  public static func parse(
    _ bytes: [UInt8], file: String, delimiter: Delimiter = .comma, headerOnly: Bool = false
  ) throws -> RawTable {
    var reader = RecordReader(bytes: bytes, file: file, delimiter: delimiter)
    guard let header = try reader.next() else { throw TableError.empty(file: file) }
    if headerOnly {
      return RawTable(
        file: file, names: header.cells, cells: header.cells.map { _ in [] }, lines: [])
    }
    var seen = Set<String>()
    for name in header.cells where !seen.insert(name).inserted {
      throw TableError.duplicateColumn(file: file, column: name)
    }
    var columns = [[String]](repeating: [], count: header.cells.count)
    var lines: [Int] = []
    while let record = try reader.next() {
      guard record.cells.count == header.cells.count else {
        throw TableError.raggedRow(
          file: file, line: record.line, expected: header.cells.count, found: record.cells.count)
      }
      for (c, cell) in record.cells.enumerated() { columns[c].append(cell) }
      lines.append(record.line)
    }
    guard !lines.isEmpty else { throw TableError.empty(file: file) }
    return RawTable(file: file, names: header.cells, cells: columns, lines: lines)
  }
}

/// Every byte of input `path` (`-`: standard input) through ``InputFile/read(_:name:)``, with its
/// failure reported as a ``TableError``.
func readAllBytes(_ path: String, name: String) throws -> [UInt8] {
  do {
    return try InputFile.read(path, name: name)
  } catch PointCloudError.unreadable(let file, let reason) {
    throw TableError.unreadable(file: file, reason: reason)
  }
}

/// One record of an RFC 4180 file: its cells and the line it starts on.
struct Record {
  var cells: [String]
  var line: Int
}

/// Splits bytes into records under RFC 4180 with the point-cloud delimiter rules.
struct RecordReader {
  let bytes: [UInt8]
  let file: String
  let delimiter: Delimiter
  private var position = 0
  private var line = 1

  init(bytes: [UInt8], file: String, delimiter: Delimiter) {
    self.bytes = bytes
    self.file = file
    self.delimiter = delimiter
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
  }

  private func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }
  private func isSeparator(_ byte: UInt8) -> Bool {
    switch delimiter {
    case .comma: return byte == 0x2C
    case .tab: return byte == 0x09
    case .whitespace: return byte == 0x20 || byte == 0x09
    }
  }

  /// The next non-blank record, or nil at the end of the bytes.
  mutating func next() throws -> Record? {
    while position < bytes.count {
      // Skip blank lines.
      var probe = position
      while probe < bytes.count && (isBlank(bytes[probe]) || bytes[probe] == 0x0D) { probe += 1 }
      if probe == bytes.count { position = probe; return nil }
      if bytes[probe] == 0x0A {
        position = probe + 1
        line += 1
        continue
      }
      return try record()
    }
    return nil
  }

  private mutating func record() throws -> Record {
    let start = line
    var cells: [String] = []
    var cell: [UInt8] = []
    while true {
      // One cell: leading blanks, then quoted or plain text.
      while position < bytes.count && isBlank(bytes[position]) && !isSeparator(bytes[position]) {
        position += 1
      }
      if delimiter == .whitespace {
        while position < bytes.count && isBlank(bytes[position]) { position += 1 }
      }
      cell.removeAll(keepingCapacity: true)
      let column = cells.count + 1
      if position < bytes.count && bytes[position] == UInt8(ascii: "\"") {
        position += 1
        var closed = false
        while position < bytes.count {
          let byte = bytes[position]
          position += 1
          if byte == UInt8(ascii: "\"") {
            if position < bytes.count && bytes[position] == UInt8(ascii: "\"") {
              cell.append(byte)
              position += 1
            } else {
              closed = true
              break
            }
          } else {
            if byte == 0x0A { line += 1 }
            cell.append(byte)
          }
        }
        guard closed else { throw TableError.badQuoting(file: file, line: start, column: column) }
        while position < bytes.count && isBlank(bytes[position]) && !isSeparator(bytes[position]) {
          position += 1
        }
        if position < bytes.count && !isSeparator(bytes[position]) && bytes[position] != 0x0A
          && bytes[position] != 0x0D
        {
          throw TableError.badQuoting(file: file, line: start, column: column)
        }
      } else {
        while position < bytes.count && !isSeparator(bytes[position]) && bytes[position] != 0x0A {
          cell.append(bytes[position])
          position += 1
        }
        while let last = cell.last, isBlank(last) || last == 0x0D { cell.removeLast() }
      }
      cells.append(String(decoding: cell, as: UTF8.self))
      if delimiter == .whitespace {
        while position < bytes.count && isBlank(bytes[position]) { position += 1 }
        if position < bytes.count && bytes[position] == 0x0D { position += 1 }
        if position >= bytes.count || bytes[position] == 0x0A { break }
        continue
      }
      if position < bytes.count && bytes[position] == 0x0D { position += 1 }
      if position >= bytes.count || bytes[position] == 0x0A { break }
      position += 1  // the separator
    }
    if position < bytes.count { position += 1 }  // the line break
    line += 1
    return Record(cells: cells, line: start)
  }
}
