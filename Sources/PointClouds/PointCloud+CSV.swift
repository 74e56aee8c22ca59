import Foundation

/// How a cell separator is recognised in a text file of points.
public enum Delimiter: Sendable, Equatable {
  /// `,` (the default for `.csv` and unknown extensions).
  case comma
  /// One tab (the default for `.tsv`).
  case tab
  /// Any run of spaces and tabs (the default for `.txt`); leading blanks are ignored.
  case whitespace

  /// The delimiter implied by a file name: `.tsv` → tab, `.txt` → whitespace, otherwise comma.
  public static func inferred(fromPath path: String) -> Delimiter {
    let lower = path.lowercased()
    if lower.hasSuffix(".tsv") { return .tab }
    if lower.hasSuffix(".txt") { return .whitespace }
    return .comma
  }

  /// Parses `comma`, `tab`, `whitespace` (or `,`, `\t`, `space`).
  public init?(name: String) {
    switch name.lowercased() {
    case "comma", ",": self = .comma
    case "tab", "\\t", "\t": self = .tab
    case "whitespace", "space", " ": self = .whitespace
    default: return nil
    }
  }
}

/// A column chosen by its header name or its 0-based position.
public enum ColumnSelector: Sendable, Equatable {
  case index(Int)
  case name(String)

  /// A selector from command-line text: a non-negative integer is a position, anything else a name.
  public init(_ text: String) {
    if let position = Int(text), position >= 0 {
      self = .index(position)
    } else {
      self = .name(text)
    }
  }
}

/// Options for reading a point cloud from text.
public struct CSVOptions: Sendable, Equatable {
  /// The cell separator; `nil` infers it from the file extension.
  public var delimiter: Delimiter?
  /// The columns to keep, in this order; `nil` keeps all (and then every cell must be numeric).
  public var columns: [ColumnSelector]?

  public init(delimiter: Delimiter? = nil, columns: [ColumnSelector]? = nil) {
    self.delimiter = delimiter
    self.columns = columns
  }
}

extension PointCloud {
  /// Reads a point cloud from a text file, strictly.
  ///
  /// One point per row. Blank lines and lines starting with `#` are skipped. One optional header
  /// row
  /// is recognised: a first row none of whose cells is a number. Every other defect (a cell that is
  /// not a finite number, a ragged row, no data rows, an unknown column) throws a
  /// ``PointCloudError`` naming the file, line and column.
  ///
  /// `path` may be a pipe, a FIFO, `/dev/fd/N` or `/dev/null` (an empty file); `-` reads standard
  /// input, named `<stdin>` in messages (``InputFile``).
  public static func read(contentsOf path: String, options: CSVOptions = CSVOptions()) throws
    -> PointCloud
  {
    let bytes = try InputFile.read(path)
    var resolved = options
    if resolved.delimiter == nil { resolved.delimiter = .inferred(fromPath: path) }
    return try parse(csv: bytes, file: InputFile.name(path), options: resolved)
  }

  /// Parses point-cloud text held in memory; `file` is the name used in error messages.
  ///
  /// The text is UTF-8; a leading byte-order mark is skipped. UTF-16 text (a UTF-16 byte-order
  /// mark, or NUL bytes among the first bytes) is refused with one message, before any cell is
  /// echoed with its NUL bytes.
  public static func parse(csv bytes: [UInt8], file: String, options: CSVOptions = CSVOptions())
    throws -> PointCloud
  {
    try checkEncoding(bytes, file: file)
    var parser = CSVParser(file: file, delimiter: options.delimiter ?? .comma)
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
      return try bytes.withUnsafeBufferPointer {
        try parser.parse(UnsafeBufferPointer(rebasing: $0[3...]), columns: options.columns)
      }
    }
    return try bytes.withUnsafeBufferPointer { try parser.parse($0, columns: options.columns) }
  }

  /// Throws ``PointCloudError/unreadable(file:reason:)`` for text that is not UTF-8: a UTF-16 or
  /// UTF-32 byte-order mark, or a NUL byte among the first 4096 bytes.
  static func checkEncoding(_ bytes: [UInt8], file: String) throws {
    let utf16 = bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF])
    if utf16 || bytes.prefix(4096).contains(0) {
      throw PointCloudError.unreadable(
        file: file,
        reason: utf16
          ? "the text is UTF-16; save it as UTF-8"
          : "it holds NUL bytes (UTF-16 or binary?); save it as UTF-8 text")
    }
  }

  /// The cloud as comma-separated text: a header row when the cloud has column names, then one row
  /// per point, each number in its shortest form that reads back to the same `Double`.
  public func csv() -> String {
    var text = ""
    if let names = columnNames { text += names.joined(separator: ",") + "\n" }
    for row in 0..<count {
      for column in 0..<dimension {
        if column > 0 { text += "," }
        text += "\(self[row, column])"
      }
      text += "\n"
    }
    return text
  }

  /// Writes ``csv()`` to `path`.
  public func write(toPath path: String) throws {
    guard FileManager.default.createFile(atPath: path, contents: Data(csv().utf8)) else {
      throw PointCloudError.unreadable(file: path, reason: "cannot be written")
    }
  }
}

/// The byte-level reader behind ``PointCloud/parse(csv:file:options:)``.
struct CSVParser {
  let file: String
  let delimiter: Delimiter
  /// A NUL-terminated scratch copy of the current cell, for `strtod`.
  private var scratch = [CChar](repeating: 0, count: 64)

  init(file: String, delimiter: Delimiter) {
    self.file = file
    self.delimiter = delimiter
  }

  /// Fills `result` with the byte ranges of the cells of one line (without its line break).
  func split(
    _ line: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>, into result: inout [Range<Int>]
  ) {
    result.removeAll(keepingCapacity: true)
    func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }
    switch delimiter {
    case .whitespace:
      var i = line.lowerBound
      while i < line.upperBound {
        while i < line.upperBound && isBlank(bytes[i]) { i += 1 }
        if i == line.upperBound { break }
        let start = i
        while i < line.upperBound && !isBlank(bytes[i]) { i += 1 }
        result.append(start..<i)
      }
    case .comma, .tab:
      let separator: UInt8 = delimiter == .comma ? 0x2C : 0x09
      var start = line.lowerBound
      var i = line.lowerBound
      while true {
        if i == line.upperBound || bytes[i] == separator {
          var lower = start
          var upper = i
          while lower < upper && isBlank(bytes[lower]) { lower += 1 }
          while upper > lower && isBlank(bytes[upper - 1]) { upper -= 1 }
          result.append(lower..<upper)
          if i == line.upperBound { break }
          start = i + 1
        }
        i += 1
      }
    }
  }

  /// The value of a cell, or `nil` when it is not a plain decimal number.
  /// Non-finite spellings (`nan`, `inf`, …) parse, so that the caller can name them.
  mutating func number(_ cell: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>) -> Double? {
    if cell.isEmpty { return nil }
    if let value = DecimalFastPath.value(cell, in: bytes) { return value }
    var plain = true
    for i in cell {
      switch bytes[i] {
      case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"),
        UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"):
        continue
      default:
        plain = false
      }
    }
    if !plain {
      let word = String(decoding: UnsafeBufferPointer(rebasing: bytes[cell]), as: UTF8.self)
        .lowercased()
      switch word {
      case "nan", "+nan", "-nan": return .nan
      case "inf", "+inf", "infinity", "+infinity": return .infinity
      case "-inf", "-infinity": return -.infinity
      default: return nil
      }
    }
    if scratch.count <= cell.count { scratch = [CChar](repeating: 0, count: cell.count * 2) }
    return scratch.withUnsafeMutableBufferPointer { buffer -> Double? in
      var j = 0
      for i in cell {
        buffer[j] = CChar(bitPattern: bytes[i])
        j += 1
      }
      buffer[j] = 0
      var end: UnsafeMutablePointer<CChar>? = nil
      let value = strtod(buffer.baseAddress!, &end)
      return end == buffer.baseAddress! + j ? value : nil
    }
  }

  func text(_ cell: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>) -> String {
    String(decoding: UnsafeBufferPointer(rebasing: bytes[cell]), as: UTF8.self)
  }

  mutating func parse(_ bytes: UnsafeBufferPointer<UInt8>, columns: [ColumnSelector]?) throws
    -> PointCloud
  {
    var header: [String]? = nil
    var selected: [Int]? = nil  // cell positions to keep, once the width is known
    var width = -1
    var values: [Double] = []
    var rowCount = 0
    var lineNumber = 0
    var lineStart = 0
    var cells: [Range<Int>] = []
    while lineStart < bytes.count {
      lineNumber += 1
      var lineEnd = lineStart
      while lineEnd < bytes.count && bytes[lineEnd] != 0x0A { lineEnd += 1 }
      let next = lineEnd + 1
      if lineEnd > lineStart && bytes[lineEnd - 1] == 0x0D { lineEnd -= 1 }
      defer { lineStart = next }
      var firstVisible = lineStart
      while firstVisible < lineEnd && (bytes[firstVisible] == 0x20 || bytes[firstVisible] == 0x09) {
        firstVisible += 1
      }
      if firstVisible == lineEnd || bytes[firstVisible] == UInt8(ascii: "#") { continue }

      split(lineStart..<lineEnd, in: bytes, into: &cells)
      if width < 0 {
        width = cells.count
        var isHeader = true
        for cell in cells where number(cell, in: bytes) != nil {
          isHeader = false
          break
        }
        if isHeader {
          header = cells.map { cell in
            var name = text(cell, in: bytes)
            if name.count >= 2 && name.hasPrefix("\"") && name.hasSuffix("\"") {
              name = String(name.dropFirst().dropLast())
            }
            return name
          }
        }
        selected = try resolve(columns, width: width, header: header)
        if isHeader { continue }
      } else if cells.count != width {
        throw PointCloudError.raggedRow(
          file: file, line: lineNumber, expected: width, found: cells.count)
      }
      for position in selected! {
        let cell = cells[position]
        guard let value = number(cell, in: bytes) else {
          throw PointCloudError.notANumber(
            file: file, line: lineNumber, column: position + 1, text: text(cell, in: bytes))
        }
        guard value.isFinite else {
          throw PointCloudError.notFinite(
            file: file, line: lineNumber, column: position + 1, text: text(cell, in: bytes))
        }
        values.append(value)
      }
      rowCount += 1
    }
    guard rowCount > 0, let selected else { throw PointCloudError.empty(file: file) }
    let names = header.map { names in selected.map { names[$0] } }
    return PointCloud(
      count: rowCount, dimension: selected.count, coordinates: values, columnNames: names)
  }

  /// The cell positions that `columns` selects in rows of `width` cells.
  func resolve(_ columns: [ColumnSelector]?, width: Int, header: [String]?) throws -> [Int] {
    guard let columns else { return Array(0..<width) }
    return try columns.map { selector in
      switch selector {
      case .index(let position):
        guard position < width else {
          throw PointCloudError.unknownColumn(file: file, column: String(position))
        }
        return position
      case .name(let name):
        guard let position = header?.firstIndex(of: name) else {
          throw PointCloudError.unknownColumn(file: file, column: name)
        }
        return position
      }
    }
  }
}
