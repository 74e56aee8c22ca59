import PointClouds

/// A table ready for the metrics: the used columns (every kind but `ignore`) as numbers, missing
/// cells as NaN.
///
/// A numeric column holds its values; a categorical column the index of each label in its
/// `categories`; an ordinal column the rank of each level (0-based, in level order). Tables read
/// together by ``encode(real:others:schema:missingValues:)`` share their columns' categories, so a
/// code means the same label in each.
public struct Table: Sendable, Equatable {
  /// One used column.
  public struct Column: Sendable, Equatable {
    public var name: String
    public var kind: ColumnKind
    /// One value per row (NaN: missing).
    public var values: [Double]
    /// Labels in code order (categorical and ordinal columns).
    public var categories: [String]

    public init(name: String, kind: ColumnKind, values: [Double], categories: [String] = []) {
      self.name = name
      self.kind = kind
      self.values = values
      self.categories = categories
    }
  }

  /// The file the table came from (for messages).
  public var file: String
  /// The used columns, in the real file's order.
  public var columns: [Column]
  /// The 1-based file line of each row.
  public var lines: [Int]
  /// The 1-based file column of each used column.
  public var fileColumns: [Int]

  public init(file: String, columns: [Column], lines: [Int], fileColumns: [Int]? = nil) {
    self.file = file
    self.columns = columns
    self.lines = lines
    self.fileColumns = fileColumns ?? columns.indices.map { $0 + 1 }
  }

  /// The number of rows.
  public var rowCount: Int { lines.count }

  /// Whether every used column is numeric.
  public var isAllNumeric: Bool { columns.allSatisfy { $0.kind == .numeric } }

  /// The first missing cell (row, used column), scanning rows in order.
  public var firstMissingCell: (row: Int, column: Int)? {
    var best: (row: Int, column: Int)? = nil
    for (c, column) in columns.enumerated() {
      guard let row = column.values.firstIndex(where: { $0.isNaN }) else { continue }
      if best == nil || row < best!.row { best = (row, c) }
    }
    return best
  }

  /// Whether some used cell is missing.
  public var hasMissingCells: Bool { firstMissingCell != nil }

  /// The rows at `indices`, in that order.
  public func selecting(rows indices: [Int]) -> Table {
    var copy = self
    copy.lines = indices.map { lines[$0] }
    for c in copy.columns.indices {
      let values = columns[c].values
      copy.columns[c].values = indices.map { values[$0] }
    }
    return copy
  }

  /// The table of the used columns named in `names`, in that order.
  /// - Throws: ``TableError/unknownColumn(file:column:context:)`` for a name that is not a used
  ///   column; `context` says which option named it.
  public func selecting(columns names: [String], context: String) throws -> Table {
    var copy = self
    copy.columns = []
    copy.fileColumns = []
    for name in names {
      guard let c = columns.firstIndex(where: { $0.name == name }) else {
        throw TableError.unknownColumn(file: file, column: name, context: context)
      }
      copy.columns.append(columns[c])
      copy.fileColumns.append(fileColumns[c])
    }
    return copy
  }

  /// The table without its rows that have a missing cell, and how many were dropped.
  public func droppingIncompleteRows() -> (table: Table, dropped: Int) {
    let kept = (0..<rowCount).filter { row in !columns.contains { $0.values[row].isNaN } }
    return (selecting(rows: kept), rowCount - kept.count)
  }

  /// The error for the first missing cell, saying which options handle it (by default: Gower's
  /// distance or dropping rows).
  public func missingCellError(
    handledBy: String =
      "use --distance gower (which skips missing cells) or --missing drop-rows (which drops such rows)"
  ) -> TableError? {
    guard let (row, c) = firstMissingCell else { return nil }
    return .missingCell(
      file: file, line: lines[row], column: fileColumns[c], name: columns[c].name,
      handledBy: handledBy)
  }

  /// A table of numeric columns holding `cloud`'s coordinates (named by its header, or "0", "1",
  /// … by position).
  public init(_ cloud: PointCloud, file: String) {
    let names = cloud.columnNames ?? (0..<cloud.dimension).map(String.init)
    let columns = (0..<cloud.dimension).map { c in
      Column(name: names[c], kind: .numeric, values: (0..<cloud.count).map { cloud[$0, c] })
    }
    self.init(file: file, columns: columns, lines: (0..<cloud.count).map { $0 + 1 })
  }

  /// The table as a point cloud when every used column is numeric and complete (its values,
  /// unchanged, row-major), otherwise nil.
  public var numericCloud: PointCloud? {
    guard isAllNumeric, !hasMissingCells else { return nil }
    let d = columns.count
    var coordinates = [Double](repeating: 0, count: rowCount * d)
    for (c, column) in columns.enumerated() {
      for row in 0..<rowCount { coordinates[row * d + c] = column.values[row] }
    }
    return PointCloud(
      count: rowCount, dimension: d, coordinates: coordinates, columnNames: columns.map(\.name))
  }
}

extension Table {
  /// Encodes the real table and the others (synthetic, holdout) under `schema`, matching the
  /// others' columns to the real one's by name.
  ///
  /// Categorical labels that only the others have are appended to the categories, in order of
  /// appearance; every returned table carries the final categories. Ignored columns may be
  /// absent from the others.
  /// - Throws: ``TableError`` for a missing or extra column, a non-number in a numeric column, a
  ///   non-level in an ordinal column.
  public static func encode(
    real: RawTable, others: [RawTable] = [], schema: TableSchema,
    missingValues: MissingValues = .pandasDefault
  ) throws -> [Table] {
    let known = Set(real.names)
    for other in others {
      for name in other.names where !known.contains(name) {
        throw TableError.extraColumn(file: other.file, column: name, realFile: real.file)
      }
      for column in schema.columns
      where column.kind != .ignore && !other.names.contains(column.name) {
        throw TableError.missingColumn(file: other.file, column: column.name, realFile: real.file)
      }
    }
    let used = schema.columns.filter { $0.kind != .ignore }
    let raws = [real] + others
    /// One used column of every table: its values per table and its final categories.
    struct Encoded: Sendable {
      var values: [[Double]] = []
      var categories: [String]
      /// The first bad cell: in the table `raws[table]`.
      var failure: (table: Int, error: TableError)?
    }
    // Columns encoded on every core, each through the tables in order (a label first met in a
    // later table is appended to the categories); the error thrown is the first bad cell in
    // (table, column) order, as a loop over the tables, then the columns, would find it.
    let encoded = [Encoded](concurrentlyComputing: used.count) { u in
      let column = used[u]
      var result = Encoded(categories: column.categories ?? [])
      var codes = Dictionary(
        result.categories.enumerated().map { ($1, Double($0)) }, uniquingKeysWith: { a, _ in a })
      for (t, raw) in raws.enumerated() {
        let position = raw.names.firstIndex(of: column.name)!
        let cells = raw.cells[position]
        var values = [Double](repeating: .nan, count: cells.count)
        func fail(_ error: TableError) -> Encoded {
          result.failure = (t, error)
          return result
        }
        for (row, cell) in cells.enumerated() where !missingValues.isMissing(cell) {
          switch column.kind {
          case .numeric:
            guard let value = parseNumber(cell) else {
              return fail(
                .notANumber(
                  file: raw.file, line: raw.lines[row], column: position + 1, name: column.name,
                  text: cell))
            }
            guard value.isFinite else {
              return fail(
                .notFinite(
                  file: raw.file, line: raw.lines[row], column: position + 1, name: column.name,
                  text: cell))
            }
            values[row] = value
          case .categorical:
            if let code = codes[cell] {
              values[row] = code
            } else {
              let code = Double(result.categories.count)
              result.categories.append(cell)
              codes[cell] = code
              values[row] = code
            }
          case .ordinal:
            guard let code = codes[cell] else {
              return fail(
                .unknownLevel(
                  file: raw.file, line: raw.lines[row], column: position + 1, name: column.name,
                  text: cell, levels: result.categories))
            }
            values[row] = code
          case .ignore:
            break
          }
        }
        result.values.append(values)
      }
      return result
    }
    let failures = encoded.indices.compactMap { u in
      encoded[u].failure.map { ($0.table, u, $0.error) }
    }
    if let first = failures.min(by: { ($0.0, $0.1) < ($1.0, $1.1) }) { throw first.2 }
    let tables = raws.enumerated().map { t, raw in
      Table(
        file: raw.file,
        columns: used.indices.map { u in
          Column(
            name: used[u].name, kind: used[u].kind, values: encoded[u].values[t],
            categories: encoded[u].categories)
        },
        lines: raw.lines,
        fileColumns: used.map { raw.names.firstIndex(of: $0.name)! + 1 })
    }
    return tables
  }
}
