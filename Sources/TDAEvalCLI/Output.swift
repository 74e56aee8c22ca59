import ArgumentParser
import Foundation

/// Prints `value` as one JSON object on one line of stdout: sorted keys, numbers in shortest
/// round-trip form.
func printJSON(_ value: some Encodable) throws {
  let encoder = JSONEncoder()
  encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
  var data = try encoder.encode(value)
  data.append(0x0A)
  FileHandle.standardOutput.write(data)
}

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
  FileHandle.standardOutput.write(Data(text.utf8))
}

/// A number as the tables show it: up to 6 significant digits, `inf` for infinity.
func formatted(_ value: Double) -> String {
  if value.isInfinite { return value > 0 ? "inf" : "-inf" }
  return String(format: "%.6g", value)
}

/// Writes `text` to the file at `path` (an SVG plot, an HTML report), replacing it.
func writeText(_ text: String, toPath path: String) throws {
  do {
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
  } catch {
    throw ValidationError("cannot write '\(path)': \(error.localizedDescription)")
  }
}
