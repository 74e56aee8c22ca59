import Foundation

/// The results of a sweep, gathered from one or more directories of `NAME.json` (as
/// `tda-eval evaluate --json` prints them) and `NAME.error` files: one row per evaluation with
/// every scalar of its report under a dotted name (`metrics.precision`,
/// `diagrams.distances.1.bottleneck`), sorted by name, and the evaluations that failed.
///
/// Objects are followed key by key and lists of objects index by index (from 0); lists of numbers
/// (diagram pairs, MRLT vectors, the parts) are left out. `timings` (the baseline's and the matched
/// comparison's too) are left out unless asked for, so that merged results of the same sweep are
/// identical wherever it ran.
public struct SweepResults: Sendable, Equatable {
  /// One scalar of a report.
  public enum Cell: Sendable, Equatable, Encodable {
    case number(String)
    case string(String)
    case bool(Bool)
    /// JSON `null` (an infinite distance, a parameter left at its default).
    case null

    /// The cell as CSV shows it: numbers as written in the report, `null` spelled out.
    public var text: String {
      switch self {
      case .number(let text): text
      case .string(let text): text
      case .bool(let value): value ? "true" : "false"
      case .null: "null"
      }
    }

    public func encode(to encoder: any Encoder) throws {
      var container = encoder.singleValueContainer()
      switch self {
      case .number(let text):
        if let value = Int64(text) {
          try container.encode(value)
        } else if let value = UInt64(text) {
          try container.encode(value)
        } else {
          try container.encode(Double(text) ?? .nan)
        }
      case .string(let text): try container.encode(text)
      case .bool(let value): try container.encode(value)
      case .null: try container.encodeNil()
      }
    }
  }

  /// One finished evaluation.
  public struct Row: Sendable, Equatable {
    public var name: String
    /// Its scalars by dotted name.
    public var values: [String: Cell]
  }

  /// One failed evaluation and its message.
  public struct Failure: Sendable, Equatable, Encodable {
    public var name: String
    public var message: String
  }

  /// The finished evaluations, sorted by name.
  public var rows: [Row]
  /// The failed evaluations (without a result), sorted by name.
  public var failures: [Failure]

  /// The columns: `name`, `error`, then every dotted name of any row, sorted.
  public var columns: [String] {
    ["name", "error"] + Set(rows.flatMap(\.values.keys)).sorted()
  }

  /// Gathers the results in `directories`. Hidden files (the temporary files of unfinished
  /// writes) and files other than `*.json` and `*.error` are ignored; a name with both keeps its
  /// result.
  /// - Throws: ``SweepError`` for a directory that cannot be read, a result that is not a JSON
  ///   object, or a name found in two directories.
  public static func load(directories: [String], includeTimings: Bool = false) throws
    -> SweepResults
  {
    var rows: [String: (directory: String, row: Row)] = [:]
    var failures: [String: (directory: String, failure: Failure)] = [:]
    for directory in directories {
      let names: [String]
      do {
        names = try FileManager.default.contentsOfDirectory(atPath: directory)
      } catch {
        throw SweepError(
          "cannot read results directory '\(directory)': \(oneLine(error.localizedDescription))")
      }
      for file in names.sorted() where !file.hasPrefix(".") {
        let url = URL(fileURLWithPath: directory).appendingPathComponent(file)
        if file.hasSuffix(".json") {
          let name = String(file.dropLast(5))
          if let earlier = rows[name] {
            throw SweepError(
              "'\(name)' has results in both '\(earlier.directory)' and '\(directory)'")
          }
          let data: Data
          do {
            data = try Data(contentsOf: url)
          } catch {
            throw SweepError("cannot read '\(url.path)': \(oneLine(error.localizedDescription))")
          }
          let values: [String: Cell]
          do {
            values = try flatten(data, includeTimings: includeTimings)
          } catch let error as SweepError {
            throw SweepError("'\(url.path)' is not a result: \(error.message)")
          }
          rows[name] = (directory, Row(name: name, values: values))
        } else if file.hasSuffix(".error") {
          let name = String(file.dropLast(6))
          if let earlier = failures[name], earlier.directory != directory {
            throw SweepError(
              "'\(name)' has results in both '\(earlier.directory)' and '\(directory)'")
          }
          let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
          failures[name] = (directory, Failure(name: name, message: oneLine(text)))
        }
      }
    }
    for (name, failure) in failures {
      if let row = rows[name], row.directory != failure.directory {
        throw SweepError(
          "'\(name)' has results in both '\(row.directory)' and '\(failure.directory)'")
      }
    }
    return SweepResults(
      rows: rows.values.map(\.row).sorted { $0.name < $1.name },
      failures: failures.values.map(\.failure).filter { rows[$0.name] == nil }.sorted {
        $0.name < $1.name
      })
  }

  /// The scalars of one report (a JSON object) by dotted name.
  /// - Throws: ``SweepError`` when `data` is not a JSON object.
  public static func flatten(_ data: Data, includeTimings: Bool = false) throws -> [String: Cell] {
    guard case .object(let object) = try JSONValue.parse(data) else {
      throw SweepError("not a JSON object")
    }
    var cells: [String: Cell] = [:]
    func visit(_ value: JSONValue, _ path: String) {
      switch value {
      case .null: cells[path] = .null
      case .bool(let flag): cells[path] = .bool(flag)
      case .number(let text): cells[path] = .number(text)
      case .string(let text): cells[path] = .string(text)
      case .object(let members):
        for (key, member) in members where includeTimings || key != "timings" {
          visit(member, path.isEmpty ? key : "\(path).\(key)")
        }
      case .array(let items):
        guard items.allSatisfy({ if case .object = $0 { true } else { false } }) else { return }
        for (index, item) in items.enumerated() { visit(item, "\(path).\(index)") }
      }
    }
    for (key, member) in object where includeTimings || key != "timings" { visit(member, key) }
    return cells
  }

  /// The results as CSV: the ``columns`` header, then one line per evaluation sorted by name
  /// (failed ones with their message in `error` and nothing else); absent values are empty.
  public func csv() -> String {
    let columns = columns
    func quoted(_ cell: String) -> String {
      guard cell.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else {
        return cell
      }
      return "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
    var lines = [columns.map(quoted).joined(separator: ",")]
    var all: [(name: String, cells: [String: String])] = rows.map { row in
      (row.name, row.values.mapValues(\.text))
    }
    all += failures.map { ($0.name, ["error": $0.message]) }
    for (name, cells) in all.sorted(by: { $0.name < $1.name }) {
      lines.append(
        columns.map { column in quoted(column == "name" ? name : cells[column] ?? "") }
          .joined(separator: ","))
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// The results as one JSON object: `columns`, `rows` (one object per finished evaluation, with
  /// `name`) and `errors` (`name`, `message`).
  public func json() throws -> Data {
    struct Output: Encodable {
      var columns: [String]
      var rows: [[String: Cell]]
      var errors: [Failure]
    }
    let output = Output(
      columns: columns,
      rows: rows.map { row in row.values.merging(["name": .string(row.name)]) { $1 } },
      errors: failures)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return try encoder.encode(output)
  }
}
