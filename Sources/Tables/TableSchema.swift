import Foundation
import PointClouds

/// What is known of one column: its kind and, as `tda-eval schema` reports them, its missing and
/// distinct counts and its range (numeric) or categories (categorical, ordinal).
///
/// As the input of `--schema FILE` only `name` and `kind` are required; `categories` of an ordinal
/// column gives the order of its levels (otherwise numbers are ordered by value and text as
/// sorted), and the counts are ignored.
public struct ColumnSchema: Codable, Sendable, Equatable {
  public var name: String
  public var kind: ColumnKind
  /// Missing cells in the real file.
  public var missing: Int?
  /// Distinct present values in the real file.
  public var distinct: Int?
  /// Smallest and largest present value (numeric columns).
  public var min: Double?
  public var max: Double?
  /// The labels, in code order: sorted (categorical), or the level order (ordinal).
  public var categories: [String]?

  public init(
    name: String, kind: ColumnKind, missing: Int? = nil, distinct: Int? = nil, min: Double? = nil,
    max: Double? = nil, categories: [String]? = nil
  ) {
    self.name = name
    self.kind = kind
    self.missing = missing
    self.distinct = distinct
    self.min = min
    self.max = max
    self.categories = categories
  }
}

/// The kinds of a table's columns: inferred from the real file, overridden by options or a schema
/// file, and printed by `tda-eval schema` in the JSON that `--schema` reads back.
public struct TableSchema: Codable, Sendable, Equatable {
  /// Data rows of the file the schema was inferred from.
  public var rows: Int?
  /// One entry per column of the real file, in file order.
  public var columns: [ColumnSchema]

  public init(rows: Int? = nil, columns: [ColumnSchema]) {
    self.rows = rows
    self.columns = columns
  }

  /// The numeric columns that look like row identifiers: complete, a distinct integer on every
  /// row, spanning at most twice as many values as there are rows. Never ignored silently: the
  /// CLI says so and the user decides.
  public var likelyIdentifiers: [String] {
    guard let rows, rows >= 3 else { return [] }
    return columns.filter { column in
      guard column.kind == .numeric, column.missing == 0, column.distinct == rows,
        let low = column.min, let high = column.max, low == low.rounded(), high == high.rounded()
      else { return false }
      return high - low + 1 <= Double(2 * rows)
    }.map(\.name)
  }

  /// The column named `name`.
  public subscript(name: String) -> ColumnSchema? { columns.first { $0.name == name } }
}

/// What the user says of the columns: kinds by name, a schema file, the missing tokens.
public struct SchemaOverrides: Sendable, Equatable {
  /// Columns to read as categorical, ordinal or to ignore, by name.
  public var categorical: [String] = []
  public var ordinal: [String] = []
  public var ignore: [String] = []
  /// Columns to use (others are ignored); nil uses all.
  public var columns: [String]? = nil
  /// A schema (from `tda-eval schema`, edited) and the file it came from.
  public var schema: TableSchema? = nil
  public var schemaFile: String = "--schema"
  /// The cell texts read as missing.
  public var missingValues = MissingValues.pandasDefault

  public init(
    categorical: [String] = [], ordinal: [String] = [], ignore: [String] = [],
    columns: [String]? = nil, schema: TableSchema? = nil, schemaFile: String = "--schema",
    missingValues: MissingValues = .pandasDefault
  ) {
    self.categorical = categorical
    self.ordinal = ordinal
    self.ignore = ignore
    self.columns = columns
    self.schema = schema
    self.schemaFile = schemaFile
    self.missingValues = missingValues
  }

  /// Whether any option departs from plain inference.
  public var isEmpty: Bool {
    categorical.isEmpty && ordinal.isEmpty && ignore.isEmpty && columns == nil && schema == nil
      && missingValues == .pandasDefault
  }

  /// Reads a schema file (the JSON `tda-eval schema --json` prints).
  public static func readSchema(contentsOf path: String) throws -> TableSchema {
    let bytes = try readAllBytes(path, name: path)
    do {
      let schema = try JSONDecoder().decode(TableSchema.self, from: Data(bytes))
      var seen = Set<String>()
      for column in schema.columns where !seen.insert(column.name).inserted {
        throw TableError.badSchema(file: path, reason: "column '\(column.name)' is listed twice")
      }
      return schema
    } catch let error as TableError {
      throw error
    } catch let DecodingError.dataCorrupted(context) {
      throw TableError.badSchema(file: path, reason: context.debugDescription)
    } catch let DecodingError.keyNotFound(key, context) {
      let place = context.codingPath.map(\.stringValue).joined(separator: ".")
      throw TableError.badSchema(
        file: path, reason: "'\(key.stringValue)' is required at '\(place)'")
    } catch let DecodingError.typeMismatch(_, context) {
      let place = context.codingPath.map(\.stringValue).joined(separator: ".")
      throw TableError.badSchema(file: path, reason: "wrong type at '\(place)'")
    } catch {
      throw TableError.badSchema(
        file: path, reason: "kind must be numeric, categorical, ordinal or ignore")
    }
  }
}

extension TableSchema {
  /// Infers the schema of `table` and applies `overrides`.
  ///
  /// A column whose present cells all parse as finite numbers is numeric (an all-missing column
  /// too); any other is categorical — never categorical because of few distinct numbers.
  /// - Throws: ``TableError`` when an override names an unknown column or a numeric column holds an
  ///   infinite value.
  public static func infer(_ table: RawTable, overrides: SchemaOverrides = SchemaOverrides()) throws
    -> TableSchema
  {
    let file = table.file
    func check(_ names: [String], _ context: String) throws {
      for name in names where !table.names.contains(name) {
        throw TableError.unknownColumn(file: file, column: name, context: context)
      }
    }
    try check(overrides.categorical, "--categorical")
    try check(overrides.ordinal, "--ordinal")
    try check(overrides.ignore, "--ignore")
    try check(overrides.columns ?? [], "--columns")
    try check(overrides.schema?.columns.map(\.name) ?? [], overrides.schemaFile)

    // Columns described on every core; the first failure in column order is thrown, as a loop
    // over the columns would.
    let described = [Result<ColumnSchema, any Error>](concurrentlyComputing: table.names.count) {
      c in
      Result {
        let name = table.names[c]
        let given = overrides.schema?[name]
        var kind: ColumnKind
        let unlisted = overrides.columns.map { !$0.contains(name) } ?? false
        if overrides.ignore.contains(name) || unlisted {
          kind = .ignore
        } else if overrides.ordinal.contains(name) {
          kind = .ordinal
        } else if overrides.categorical.contains(name) {
          kind = .categorical
        } else if let given {
          kind = given.kind
        } else {
          kind = try inferredKind(table, column: c, missing: overrides.missingValues)
        }
        return try describe(
          table, column: c, kind: kind, missing: overrides.missingValues,
          order: given?.kind == kind ? given?.categories : nil)
      }
    }
    let columns = try described.map { try $0.get() }
    guard columns.contains(where: { $0.kind != .ignore }) else {
      throw TableError.nothingToCompare(file: file, reason: "every column is ignored")
    }
    return TableSchema(rows: table.rowCount, columns: columns)
  }

  /// What a person should know about how `table` was read under this schema: columns that look
  /// like identifiers, and mostly numeric columns read as categories.
  public func notes(on table: RawTable, missing: MissingValues) -> [String] {
    likelyIdentifiers.map {
      "'\($0)' holds a distinct integer on every row: if it identifies rows, pass --ignore \($0)"
    } + mostlyNumericCategories(in: table, missing: missing)
  }

  /// For each column read as categorical whose present cells are mostly numbers, a note naming
  /// the first cell that is not one (a typo would otherwise turn a numeric column into labels
  /// without a word).
  func mostlyNumericCategories(in table: RawTable, missing: MissingValues) -> [String] {
    columns.enumerated().compactMap { c, column in
      guard column.kind == .categorical, let position = table.names.firstIndex(of: column.name)
      else { return nil }
      let present = table.cells[position].enumerated().filter { !missing.isMissing($0.element) }
      let text = present.filter { parseNumber($0.element) == nil }
      guard !text.isEmpty, text.count * 2 < present.count, let first = text.first else {
        return nil
      }
      return
        "column '\(column.name)' is read as categorical because of \(text.count) non-number cell\(text.count == 1 ? "" : "s"), the first '\(first.element)' at \(table.file):\(table.lines[first.offset]):\(position + 1); if it is numeric, fix the cells or list them in --na-values"
    }
  }

  static func inferredKind(_ table: RawTable, column c: Int, missing: MissingValues) throws
    -> ColumnKind
  {
    for cell in table.cells[c] where !missing.isMissing(cell) {
      guard let value = parseNumber(cell) else { return .categorical }
      if !value.isFinite {
        // Numbers elsewhere: an infinite one is an error, not a reason to read labels.
        if table.cells[c].contains(where: { !missing.isMissing($0) && parseNumber($0) == nil }) {
          return .categorical
        }
        let row = table.cells[c].firstIndex(of: cell)!
        throw TableError.notFinite(
          file: table.file, line: table.lines[row], column: c + 1, name: table.names[c], text: cell)
      }
    }
    return .numeric
  }

  /// The schema entry of column `c` read as `kind`: counts, range or categories.
  static func describe(
    _ table: RawTable, column c: Int, kind: ColumnKind, missing: MissingValues, order: [String]?
  ) throws -> ColumnSchema {
    let name = table.names[c]
    let cells = table.cells[c]
    let present = cells.filter { !missing.isMissing($0) }
    // A numeric column counts its distinct values below (as numbers), not as texts.
    var schema = ColumnSchema(
      name: name, kind: kind, missing: cells.count - present.count,
      distinct: kind == .numeric ? nil : Set(present).count)
    switch kind {
    case .ignore:
      break
    case .numeric:
      var low = Double.infinity
      var high = -Double.infinity
      var distinct = Set<Double>()
      for (row, cell) in cells.enumerated() where !missing.isMissing(cell) {
        guard let value = parseNumber(cell) else {
          throw TableError.notANumber(
            file: table.file, line: table.lines[row], column: c + 1, name: name, text: cell)
        }
        guard value.isFinite else {
          throw TableError.notFinite(
            file: table.file, line: table.lines[row], column: c + 1, name: name, text: cell)
        }
        low = Swift.min(low, value)
        high = Swift.max(high, value)
        distinct.insert(value)
      }
      schema.distinct = distinct.count
      if !present.isEmpty {
        schema.min = low
        schema.max = high
      }
    case .categorical, .ordinal:
      let labels = sortedLabels(Set(present))
      if kind == .ordinal, let order {
        let listed = Set(order)
        for (row, cell) in cells.enumerated()
        where !missing.isMissing(cell) && !listed.contains(cell) {
          throw TableError.unknownLevel(
            file: table.file, line: table.lines[row], column: c + 1, name: name, text: cell,
            levels: order)
        }
        schema.categories = order
      } else if let order {
        // A categorical order from a schema: kept, with labels it does not list appended.
        let listed = Set(order)
        schema.categories = order + labels.filter { !listed.contains($0) }
      } else {
        schema.categories = labels
      }
    }
    return schema
  }

  /// Labels in their default order: by value when every label is a number, otherwise sorted as
  /// text (Unicode order).
  static func sortedLabels(_ labels: Set<String>) -> [String] {
    let numbers = labels.map { ($0, parseNumber($0)) }
    if numbers.allSatisfy({ $0.1 != nil && !$0.1!.isNaN }) {
      return numbers.sorted { ($0.1!, $0.0) < ($1.1!, $1.0) }.map(\.0)
    }
    return labels.sorted()
  }
}

/// The value of a plain decimal cell (digits, sign, point, exponent; `inf`/`infinity` spelled out
/// parse so that they can be reported), or nil.
func parseNumber(_ cell: String) -> Double? {
  guard !cell.isEmpty else { return nil }
  // The correctly rounded fast path of the point-cloud reader first (the same bits as strtod).
  var text = cell
  if let value = text.withUTF8({ DecimalFastPath.value(0..<$0.count, in: $0) }) { return value }
  var plain = true
  for byte in cell.utf8 {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"),
      UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"):
      continue
    default:
      plain = false
    }
  }
  if !plain {
    switch cell.lowercased() {
    case "inf", "+inf", "infinity", "+infinity": return .infinity
    case "-inf", "-infinity": return -.infinity
    default: return nil
    }
  }
  return Double(cell)
}
