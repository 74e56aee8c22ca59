import Foundation

/// The samples of a real/synthetic(/holdout) comparison, read as every front end reads them (the
/// CLI, the C ABI of the Python package): numeric files without table options as point clouds
/// (the historical path, bit for bit), otherwise — or when a file with a header holds a cell that
/// is not a number — all of them as tables under one schema.
public enum ComparedSamples: Sendable {
  /// Numeric point clouds compared by Euclidean distance.
  case clouds(real: PointCloud, synthetic: PointCloud, holdout: PointCloud?)
  /// Tables under a resolved distance.
  case tables(TableSamples)

  /// How the files are read.
  public struct ReadOptions: Sendable {
    /// The cell separator; nil infers it from each file name.
    public var delimiter: Delimiter? = nil
    /// Columns to use, by name or 0-based position; nil uses all.
    public var columns: [String]? = nil
    /// Column kinds, a schema, missing tokens (tables only).
    public var overrides = SchemaOverrides()
    /// The row distance; nil chooses.
    public var distance: RowDistanceKind? = nil
    /// Drop rows with a missing cell instead of failing where complete rows are needed.
    public var dropIncompleteRows = false
    /// Read as tables even when the files are numeric (e.g. to name columns).
    public var asTables = false

    public init() {}

    /// Whether an option asks for the table reader.
    var wantsTables: Bool {
      asTables || distance == .gower || !overrides.isEmpty || dropIncompleteRows
    }
  }

  /// Reads the files at `paths` (real, synthetic, then an optional holdout; `-` is standard
  /// input), the files at once.
  /// - Throws: `PointCloudError` or ``TableError`` naming the file, line and column.
  public static func read(_ paths: [String], options: ReadOptions) throws -> ComparedSamples {
    precondition(paths.count == 2 || paths.count == 3, "real, synthetic and an optional holdout")
    let results = Results<[UInt8]>(count: paths.count)
    DispatchQueue.concurrentPerform(iterations: paths.count) { index in
      results.set(index, Result { try readInput(paths[index]) })
    }
    return try parse(try paths.indices.map { try results.get($0) }, names: paths, options: options)
  }

  /// Parses texts already read; `names` name them in messages and give their delimiters.
  public static func parse(_ texts: [[UInt8]], names: [String], options: ReadOptions) throws
    -> ComparedSamples
  {
    let delimiters = names.map { options.delimiter ?? .inferred(fromPath: $0) }
    func delimiter(_ name: String) -> Delimiter { options.delimiter ?? .inferred(fromPath: name) }
    if !options.wantsTables {
      var clouds: [PointCloud] = []
      var numericError: (any Error)? = nil
      for (name, text) in zip(names, texts) {
        let csv = CSVOptions(
          delimiter: delimiter(name), columns: options.columns.map { $0.map(ColumnSelector.init) })
        do {
          clouds.append(try PointCloud.parse(csv: text, file: inputName(name), options: csv))
        } catch let error as PointCloudError {
          switch error {
          case .notANumber, .notFinite: numericError = numericError ?? error
          default: throw error
          }
        }
      }
      if numericError == nil {
        for (name, other) in zip(names.dropFirst(), clouds.dropFirst())
        where other.dimension != clouds[0].dimension {
          throw PointCloudError.dimensionMismatch(
            file: inputName(names[0]), dimension: clouds[0].dimension, otherFile: inputName(name),
            otherDimension: other.dimension)
        }
        return .clouds(
          real: clouds[0], synthetic: clouds[1], holdout: clouds.count > 2 ? clouds[2] : nil)
      }
      // Only files whose first rows are headers of names can be tables; otherwise the
      // point-cloud reader's message is the one that helps.
      let headers = zip(names, texts).map { name, text in
        (try? RawTable.parse(
          Array(text.prefix(1 << 16)), file: name, delimiter: delimiter(name), headerOnly: true
        ).names) ?? []
      }
      if headers.contains(where: { $0.contains { Double($0) != nil } }) { throw numericError! }
    }
    let results = Results<RawTable>(count: texts.count)
    DispatchQueue.concurrentPerform(iterations: texts.count) { index in
      results.set(
        index,
        Result {
          try RawTable.parse(
            texts[index], file: inputName(names[index]), delimiter: delimiters[index])
        })
    }
    let raws = try texts.indices.map { try results.get($0) }
    var overrides = options.overrides
    if let columns = options.columns {
      overrides.columns = try columns.map { selector in
        guard let position = Int(selector), position >= 0 else { return selector }
        guard position < raws[0].names.count else {
          throw TableError.unknownColumn(file: raws[0].file, column: selector, context: "--columns")
        }
        return raws[0].names[position]
      }
    }
    return .tables(
      try TableSamples(
        real: raws[0], synthetic: raws[1], holdout: raws.count > 2 ? raws[2] : nil,
        options: TableOptions(
          overrides: overrides, distance: options.distance,
          dropIncompleteRows: options.dropIncompleteRows)))
  }

  /// The row distance in use.
  public var distance: RowDistanceKind {
    if case .tables(let tables) = self { return tables.distance }
    return .euclidean
  }

  /// The number of rows of the real and the synthetic sample.
  public var counts: (real: Int, synthetic: Int) {
    switch self {
    case .clouds(let real, let synthetic, _): return (real.count, synthetic.count)
    case .tables(let tables): return (tables.real.rowCount, tables.synthetic.rowCount)
    }
  }

  /// The samples as Euclidean clouds (raw numeric values, or the embedding of mixed tables), or
  /// nil under Gower's distance.
  public func euclideanClouds() throws -> (
    real: PointCloud, synthetic: PointCloud, holdout: PointCloud?
  )? {
    switch self {
    case .clouds(let real, let synthetic, let holdout): return (real, synthetic, holdout)
    case .tables(let tables):
      return tables.distance == .euclidean ? try tables.euclideanClouds() : nil
    }
  }

  /// The samples z-scored with the real sample's column means and standard deviations, as
  /// `--standardize` asks: numeric clouds, or the Euclidean embedding of mixed tables under
  /// Euclidean distance, as clouds; unchanged under Gower's distance, which already divides every
  /// column by its range.
  public func standardized() throws -> ComparedSamples {
    guard let clouds = try euclideanClouds() else { return self }
    let scaling = try Standardization(fittedTo: clouds.real)
    return .clouds(
      real: scaling.apply(to: clouds.real), synthetic: scaling.apply(to: clouds.synthetic),
      holdout: clouds.holdout.map(scaling.apply))
  }

  /// The real and synthetic samples as the geometry score takes them: Euclidean clouds, or the
  /// Gower distance matrices of the tables.
  package func witnessSamples() throws -> (real: WitnessSample, synthetic: WitnessSample) {
    if let clouds = try euclideanClouds() { return (.cloud(clouds.real), .cloud(clouds.synthetic)) }
    guard case .tables(let tables) = self else { preconditionFailure("clouds are Euclidean") }
    return (try tables.witnessSample(tables.real), try tables.witnessSample(tables.synthetic))
  }

  /// The rows of each sample under the distance in use, for the privacy measures.
  public func rowSpaces() throws -> (real: RowSpace, synthetic: RowSpace, holdout: RowSpace?) {
    switch self {
    case .clouds(let real, let synthetic, let holdout):
      return (.euclidean(real), .euclidean(synthetic), holdout.map { .euclidean($0) })
    case .tables(let tables):
      return try tables.rowSpaces()
    }
  }

  /// The privacy report of these samples, with the attribute-inference attack when
  /// `quasiIdentifiers` and `sensitive` are given (tables only: read with `asTables`).
  public func privacy(
    quasiIdentifiers: [String]? = nil, sensitive: String? = nil, progress: ProgressHandler? = nil
  ) throws -> PrivacyReport {
    var attack: AttributeInference? = nil
    if case .tables(let tables) = self, let quasiIdentifiers, let sensitive {
      attack = try AttributeInference.compute(
        tables, quasiIdentifiers: quasiIdentifiers, sensitive: sensitive, progress: progress)
    }
    let spaces = try rowSpaces()
    return try PrivacyReport.compute(
      real: spaces.real, synthetic: spaces.synthetic, holdout: spaces.holdout,
      attributeInference: attack, progress: progress)
  }
}

/// One result slot per concurrent task, written once each.
private final class Results<Value>: @unchecked Sendable {
  private var slots: [Result<Value, any Error>?]
  private let lock = NSLock()

  init(count: Int) { slots = Array(repeating: nil, count: count) }

  func set(_ index: Int, _ result: Result<Value, any Error>) {
    lock.lock()
    defer { lock.unlock() }
    slots[index] = result
  }

  func get(_ index: Int) throws -> Value { try slots[index]!.get() }
}
