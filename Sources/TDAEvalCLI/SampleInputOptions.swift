import ArgumentParser
import Foundation
import TDAEval

/// How the samples of a real/synthetic comparison are read: point clouds, or mixed-type tables
/// with column kinds, missing cells and a row distance.
struct SampleInputOptions: ParsableArguments {
  @OptionGroup var columns: TableColumnOptions
  var cloud: CloudInputOptions { columns.cloud }

  @Option(
    help: ArgumentHelp(
      "Row distance: auto, euclidean or gower.",
      discussion:
        "auto: Euclidean when every used column is numeric and complete (point clouds), Gower otherwise."
    ))
  var distance = "auto"

  @Option(help: "Rows with a missing cell: error (default) or drop-rows (drop them and say how many).")
  var missing = "error"

  func validate() throws {
    guard RowDistanceKind(rawValue: distance) != nil || distance == "auto" else {
      throw ValidationError("--distance must be auto, euclidean or gower, got '\(distance)'")
    }
    guard missing == "error" || missing == "drop-rows" else {
      throw ValidationError("--missing must be error or drop-rows, got '\(missing)'")
    }
  }

  /// The samples, read.
  enum Samples {
    /// Numeric point clouds compared by Euclidean distance (today's path, unchanged).
    case clouds(real: PointCloud, synthetic: PointCloud, holdout: PointCloud?)
    /// Tables under a resolved distance.
    case tables(TableSamples)
  }


  /// Whether any option asks for the table reader.
  private var wantsTables: Bool {
    distance == "gower" || columns.isSet || missing != "error"
  }

  /// Reads the real, synthetic and (optional) holdout files. Numeric files without table options
  /// are read as point clouds; a file with a header and a cell that is not a number (text,
  /// missing) makes all of them tables.
  func load(
    real: String, synthetic: String, holdout: String? = nil, minimumRows: Int = 1,
    asTables: Bool = false
  ) throws -> Samples {
    let paths = [real, synthetic] + (holdout.map { [$0] } ?? [])
    let results = ConcurrentResults<[UInt8]>(count: paths.count)
    DispatchQueue.concurrentPerform(iterations: paths.count) { index in
      results.set(index, Result { try readInput(paths[index]) })
    }
    let bytes = try paths.indices.map { try results.get($0) }
    if !wantsTables && !asTables {
      var clouds: [PointCloud] = []
      var numericError: (any Error)? = nil
      for (path, data) in zip(paths, bytes) {
        do {
          clouds.append(try cloud.parse(data, path: path))
        } catch let error as PointCloudError {
          switch error {
          case .notANumber, .notFinite:
            numericError = numericError ?? error
          default:
            throw error
          }
        }
      }
      if numericError == nil {
        for (path, cloud) in zip(paths, clouds) where cloud.count < minimumRows {
          throw PointCloudError.tooFewPoints(file: inputName(path), count: cloud.count, required: minimumRows)
        }
        for (path, other) in zip(paths.dropFirst(), clouds.dropFirst())
        where other.dimension != clouds[0].dimension {
          throw PointCloudError.dimensionMismatch(
            file: inputName(real), dimension: clouds[0].dimension, otherFile: inputName(path),
            otherDimension: other.dimension)
        }
        return .clouds(real: clouds[0], synthetic: clouds[1], holdout: clouds.count > 2 ? clouds[2] : nil)
      }
      // Only files whose first rows are headers of names can be tables; otherwise the point-cloud
      // reader's message is the one that helps.
      let headers = zip(paths, bytes).map { path, data in
        (try? RawTable.parse(Array(data.prefix(1 << 16)), file: path, delimiter: delimiter(path), headerOnly: true).names) ?? []
      }
      if headers.contains(where: { $0.contains { Double($0) != nil } }) { throw numericError! }
      return .tables(try tables(try rawTables(bytes, paths: paths)))
    }
    return .tables(try tables(try rawTables(bytes, paths: paths)))
  }

  /// Parses the files as tables, one per core; the first file's error wins.
  private func rawTables(_ bytes: [[UInt8]], paths: [String]) throws -> [RawTable] {
    let results = ConcurrentResults<RawTable>(count: paths.count)
    DispatchQueue.concurrentPerform(iterations: paths.count) { index in
      results.set(index, Result { try rawTable(bytes[index], path: paths[index]) })
    }
    return try paths.indices.map { try results.get($0) }
  }

  private func rawTable(_ bytes: [UInt8], path: String) throws -> RawTable {
    try RawTable.parse(bytes, file: inputName(path), delimiter: delimiter(path))
  }

  private func delimiter(_ path: String) -> Delimiter {
    cloud.delimiter.flatMap(Delimiter.init(name:)) ?? .inferred(fromPath: path)
  }

  private func tables(_ raws: [RawTable]) throws -> TableSamples {
    let overrides = try columns.overrides(header: raws[0])
    let options = TableOptions(
      overrides: overrides, distance: RowDistanceKind(rawValue: distance),
      dropIncompleteRows: missing == "drop-rows")
    let samples = try TableSamples(
      real: raws[0], synthetic: raws[1], holdout: raws.count > 2 ? raws[2] : nil, options: options)
    samples.notes.forEach(note)
    return samples
  }
}

/// Writes `tda-eval: note: …` to stderr.
func note(_ text: String) {
  FileHandle.standardError.write(Data("tda-eval: note: \(text)\n".utf8))
}

extension SampleInputOptions.Samples {
  /// The samples as Euclidean clouds (raw numeric values, or the embedding of mixed tables), or
  /// nil under Gower's distance.
  func euclideanClouds() throws -> (real: PointCloud, synthetic: PointCloud, holdout: PointCloud?)? {
    switch self {
    case .clouds(let real, let synthetic, let holdout): return (real, synthetic, holdout)
    case .tables(let tables):
      return tables.distance == .euclidean ? try tables.euclideanClouds() : nil
    }
  }

  /// The real and synthetic samples as the geometry score takes them: Euclidean clouds, or the
  /// Gower distance matrices of the tables.
  func witnessSamples() throws -> (real: WitnessSample, synthetic: WitnessSample) {
    if let clouds = try euclideanClouds() { return (.cloud(clouds.real), .cloud(clouds.synthetic)) }
    guard case .tables(let tables) = self else { preconditionFailure("clouds are Euclidean") }
    return (try tables.witnessSample(tables.real), try tables.witnessSample(tables.synthetic))
  }

  /// The real and synthetic samples as Rips inputs: Euclidean clouds, or the Gower distance
  /// matrices of the tables.
  func ripsInputs() throws -> (real: RipsInput, synthetic: RipsInput) {
    if let clouds = try euclideanClouds() { return (.cloud(clouds.real), .cloud(clouds.synthetic)) }
    guard case .tables(let tables) = self else { preconditionFailure("clouds are Euclidean") }
    return (.dense(tables.gower.matrix(tables.real)), .dense(tables.gower.matrix(tables.synthetic)))
  }

  /// The row distance in use.
  var distance: RowDistanceKind {
    if case .tables(let tables) = self { return tables.distance }
    return .euclidean
  }

  /// The number of rows of the real and the synthetic sample.
  var counts: (real: Int, synthetic: Int) {
    switch self {
    case .clouds(let real, let synthetic, _): return (real.count, synthetic.count)
    case .tables(let tables): return (tables.real.rowCount, tables.synthetic.rowCount)
    }
  }
}

/// How the columns of a table are read: cell separator and column choice (as for point clouds),
/// column kinds, a schema file, the missing-cell tokens.
struct TableColumnOptions: ParsableArguments {
  @OptionGroup var cloud: CloudInputOptions

  @Option(help: "Columns to read as categorical (unordered labels), comma separated.")
  var categorical: String?

  @Option(help: "Columns to read as ordinal (ordered labels), comma separated.")
  var ordinal: String?

  @Option(help: "Columns to ignore (identifiers, row names), comma separated.")
  var ignore: String?

  @Option(help: "A schema file (the JSON of 'tda-eval schema', edited) giving column kinds.")
  var schema: String?

  @Option(
    name: .customLong("na-values"),
    help: "Cell texts read as missing, comma separated (default: pandas' list, the empty cell included).")
  var naValues: String?

  func validate() throws {
    for (name, value) in [("categorical", categorical), ("ordinal", ordinal), ("ignore", ignore)] {
      if let value, names(value).isEmpty { throw ValidationError("--\(name) names no column") }
    }
  }

  /// Whether any option departs from plain inference.
  var isSet: Bool {
    categorical != nil || ordinal != nil || ignore != nil || schema != nil || naValues != nil
  }

  private func names(_ list: String) -> [String] {
    list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
  }

  /// The schema overrides these options give, with `--columns` resolved against `header`.
  func overrides(header raw: RawTable) throws -> SchemaOverrides {
    var overrides = SchemaOverrides(
      categorical: categorical.map(names) ?? [], ordinal: ordinal.map(names) ?? [],
      ignore: ignore.map(names) ?? [])
    if let columns = cloud.columns {
      overrides.columns = try names(columns).map { selector in
        if let position = Int(selector), position >= 0 {
          guard position < raw.names.count else {
            throw TableError.unknownColumn(file: raw.file, column: selector, context: "--columns")
          }
          return raw.names[position]
        }
        return selector
      }
    }
    if let schema {
      overrides.schema = try SchemaOverrides.readSchema(contentsOf: schema)
      overrides.schemaFile = schema
    }
    if let naValues { overrides.missingValues = MissingValues(list: naValues) }
    return overrides
  }

}
