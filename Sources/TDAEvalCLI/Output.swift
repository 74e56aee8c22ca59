import ArgumentParser
import Foundation
import TDAEval

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Prints `value` as one JSON object on one line of stdout: sorted keys, numbers in shortest
/// round-trip form.
func printJSON(_ value: some Encodable) throws {
  let encoder = JSONEncoder()
  encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
  var data = try encoder.encode(value)
  data.append(0x0A)
  writeStandardOutput(data)
}

/// Writes `data` to standard output, or stops the program: a failed write (a full disk or
/// `/dev/full`, a closed standard output, a broken pipe with SIGPIPE ignored) prints one line on
/// stderr naming the system's reason and exits with status 1 — results are never lost silently.
///
/// `FileHandle.write(_: Data)` cannot report an error (it traps inside Foundation), so this writes
/// with write(2) directly, retrying partial writes and EINTR.
func writeStandardOutput(_ data: Data) {
  var failure: Int32? = nil
  data.withUnsafeBytes { buffer in
    guard let base = buffer.baseAddress else { return }
    var offset = 0
    while offset < buffer.count {
      let written = systemWrite(1, base + offset, buffer.count - offset)
      if written < 0 {
        if errno == EINTR { continue }
        failure = errno
        return
      }
      offset += written
    }
  }
  if let failure {
    let line = "tda-eval: cannot write to standard output: \(String(cString: strerror(failure)))\n"
    _ = line.withCString { systemWrite(2, $0, strlen($0)) }
    exit(1)
  }
}

/// `writeStandardOutput` for text.
func writeStandardOutput(_ text: String) {
  writeStandardOutput(Data(text.utf8))
}

#if canImport(Glibc)
  private let systemWrite = Glibc.write
#else
  private let systemWrite = Darwin.write
#endif

/// Prints rows as a table with aligned columns (numbers right-aligned, text left-aligned).
func printTable(header: [String], rows: [[String]]) {
  let widths = header.indices.map { column in
    ([header] + rows).map { $0[column].count }.max() ?? 0
  }
  func line(_ cells: [String]) -> String {
    cells.enumerated().map { column, cell in
      let pad = String(repeating: " ", count: widths[column] - cell.count)
      return Double(cell) != nil || cell == "inf" ? pad + cell : cell + pad
    }.joined(separator: "  ")
  }
  var text = line(header) + "\n"
  text += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
  for row in rows { text += line(row) + "\n" }
  writeStandardOutput(text)
}

/// A number as the tables show it: up to 6 significant digits, `inf` for infinity.
func formatted(_ value: Double) -> String {
  if value.isInfinite { return value > 0 ? "inf" : "-inf" }
  return String(format: "%.6g", value)
}

/// Writes `text` to the file at `path` (an SVG plot, an HTML report, a CSV file), replacing it
/// atomically (`AtomicFile`: a temporary file in the same directory, then a rename), so that a
/// failure or a kill never leaves a truncated file. A failure is one line naming the path and
/// the system's reason (`AtomicFileError`), exit status 2 (a bad output option).
func writeText(_ text: String, toPath path: String) throws {
  try AtomicFile.write(Data(text.utf8), to: URL(fileURLWithPath: path))
}

/// Writes `tda-eval: note: …` to stderr.
func note(_ text: String) {
  FileHandle.standardError.write(Data("tda-eval: note: \(text)\n".utf8))
}
