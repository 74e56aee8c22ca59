import PointClouds

/// How a real/synthetic(/holdout) set of tables is read and compared.
public struct TableOptions: Sendable, Equatable {
  /// Column kinds, schema, missing tokens.
  public var overrides = SchemaOverrides()
  /// The cell separator; nil infers it from each file's extension.
  public var delimiter: Delimiter? = nil
  /// The row distance; nil chooses (Euclidean when every used column is numeric and complete,
  /// Gower otherwise).
  public var distance: RowDistanceKind? = nil
  /// Drop rows with a missing cell (and count them) instead of failing where a metric needs
  /// complete rows.
  public var dropIncompleteRows = false

  public init(
    overrides: SchemaOverrides = SchemaOverrides(), delimiter: Delimiter? = nil,
    distance: RowDistanceKind? = nil, dropIncompleteRows: Bool = false
  ) {
    self.overrides = overrides
    self.delimiter = delimiter
    self.distance = distance
    self.dropIncompleteRows = dropIncompleteRows
  }
}

/// A real table and the tables compared with it, read under one schema (inferred from the real
/// file), with the row distance resolved.
public struct TableSamples: Sendable {
  /// The schema of the real file, after overrides.
  public var schema: TableSchema
  public var real: Table
  public var synthetic: Table
  public var holdout: Table?
  /// The distance every k-NN metric, persistence and the geometry score use.
  public var distance: RowDistanceKind
  /// Rows dropped for a missing cell, per file (only with ``TableOptions/dropIncompleteRows``).
  public var droppedRows: [(file: String, rows: Int)] = []
  /// What a person should know about how the tables were read: likely identifier columns,
  /// mostly numeric columns read as categories, dropped rows.
  public var notes: [String] = []

  /// Reads the files (`-` is standard input) and resolves the distance.
  /// - Throws: ``TableError`` for unreadable or malformed files, unmatched columns, or — under the
  ///   Euclidean distance — a missing cell when rows are not to be dropped.
  public static func read(
    real: String, synthetic: String, holdout: String? = nil, options: TableOptions = TableOptions()
  ) throws -> TableSamples {
    let raws = try ([real, synthetic] + (holdout.map { [$0] } ?? [])).map {
      try RawTable.read(contentsOf: $0, delimiter: options.delimiter)
    }
    return try TableSamples(
      real: raws[0], synthetic: raws[1], holdout: raws.count > 2 ? raws[2] : nil, options: options)
  }

  /// Encodes tables already read.
  public init(real: RawTable, synthetic: RawTable, holdout: RawTable? = nil, options: TableOptions)
    throws
  {
    let schema = try TableSchema.infer(real, overrides: options.overrides)
    let tables = try Table.encode(
      real: real, others: [synthetic] + (holdout.map { [$0] } ?? []), schema: schema,
      missingValues: options.overrides.missingValues)
    self.schema = schema
    notes = schema.notes(on: real, missing: options.overrides.missingValues)
    self.real = tables[0]
    self.synthetic = tables[1]
    self.holdout = tables.count > 2 ? tables[2] : nil
    if options.dropIncompleteRows {
      var dropped: [(String, Int)] = []
      func drop(_ table: inout Table) {
        let (kept, count) = table.droppingIncompleteRows()
        if count > 0 { dropped.append((table.file, count)) }
        table = kept
      }
      drop(&self.real)
      drop(&self.synthetic)
      if self.holdout != nil { drop(&self.holdout!) }
      droppedRows = dropped
      notes += dropped.map { "dropped \($1) row\($1 == 1 ? "" : "s") of \($0) with a missing cell" }
      for table in [self.real, self.synthetic] + (self.holdout.map { [$0] } ?? [])
      where table.rowCount == 0 {
        throw TableError.nothingToCompare(
          file: table.file, reason: "no row is left after dropping rows with missing cells")
      }
    }
    let all = [self.real, self.synthetic] + (self.holdout.map { [$0] } ?? [])
    let complete = all.allSatisfy { !$0.hasMissingCells }
    distance = options.distance ?? (self.real.isAllNumeric && complete ? .euclidean : .gower)
    if distance == .euclidean, let error = all.lazy.compactMap({ $0.missingCellError() }).first {
      throw error
    }
    // Gower divides by each column's range: a range beyond float64 (values near ±1.8e308) would
    // make every difference in that column 0.
    if distance == .gower, let k = gower.ranges.firstIndex(where: { !$0.isFinite }) {
      throw TableError.nothingToCompare(
        file: self.real.file,
        reason: "column '\(gower.names[k])' spans more than float64 can hold, so Gower's "
          + "distance cannot divide by its range; rescale the column")
    }
  }

  /// Gower's distance with ranges fitted to the real table.
  public var gower: GowerDistance { GowerDistance(fittedTo: real) }

  /// The samples as point clouds for the Euclidean distance: the raw values when every used
  /// column is numeric, otherwise the ``EuclideanEmbedding`` fitted to the real table.
  /// - Throws: ``TableError/missingCell(file:line:column:name:handledBy:)`` for a missing cell.
  public func euclideanClouds() throws -> (
    real: PointCloud, synthetic: PointCloud, holdout: PointCloud?
  ) {
    if real.isAllNumeric, let r = real.numericCloud, let s = synthetic.numericCloud {
      let h = holdout?.numericCloud
      if holdout != nil && h == nil { throw holdout!.missingCellError()! }
      return (r, s, h)
    }
    for table in [real, synthetic] + (holdout.map { [$0] } ?? []) {
      if let error = table.missingCellError() { throw error }
    }
    let embedding = try EuclideanEmbedding(fittedTo: real)
    return (
      try embedding.apply(to: real), try embedding.apply(to: synthetic),
      try holdout.map { try embedding.apply(to: $0) }
    )
  }
}
