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
      "Row distance.",
      discussion:
        "auto: Euclidean when every used column is numeric and complete (point clouds), Gower otherwise."
    ))
  var distance = RowDistanceChoice.auto

  @Option(help: "Rows with a missing cell: error, or drop-rows (drop them and say how many).")
  var missing = IncompleteRows.error

  /// Reads the real, synthetic and (optional) holdout files as ``ComparedSamples`` does, printing
  /// the notes of the table reader (likely identifiers, dropped rows) on stderr.
  func load(
    real: String, synthetic: String, holdout: String? = nil, asTables: Bool = false
  ) throws -> ComparedSamples {
    var options = ComparedSamples.ReadOptions()
    options.delimiter = cloud.delimiter
    options.columns = cloud.columns.map { names($0) }
    options.overrides = try columns.overrides()
    options.distance = distance.kind
    options.dropIncompleteRows = missing == .dropRows
    options.asTables = asTables
    let samples = try ComparedSamples.read(
      [real, synthetic] + (holdout.map { [$0] } ?? []), options: options)
    if case .tables(let tables) = samples { tables.notes.forEach(note) }
    return samples
  }

  private func names(_ list: String) -> [String] {
    list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter {
      !$0.isEmpty
    }
  }
}

extension ComparedSamples {
  /// The real and synthetic samples as Rips inputs: Euclidean clouds, or the Gower distance
  /// matrices of the tables.
  func ripsInputs() throws -> (real: RipsInput, synthetic: RipsInput) {
    if let clouds = try euclideanClouds() { return (.cloud(clouds.real), .cloud(clouds.synthetic)) }
    guard case .tables(let tables) = self else { preconditionFailure("clouds are Euclidean") }
    return (.dense(tables.gower.matrix(tables.real)), .dense(tables.gower.matrix(tables.synthetic)))
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
    help:
      "Cell texts read as missing, comma separated (default: pandas' list, the empty cell included)."
  )
  var naValues: String?

  func validate() throws {
    for (name, value) in [("categorical", categorical), ("ordinal", ordinal), ("ignore", ignore)] {
      if let value, names(value).isEmpty { throw ValidationError("--\(name) names no column") }
    }
  }

  private func names(_ list: String) -> [String] {
    list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter {
      !$0.isEmpty
    }
  }

  /// The schema overrides these options give (kinds, schema file, missing tokens).
  func overrides() throws -> SchemaOverrides {
    var overrides = SchemaOverrides(
      categorical: categorical.map(names) ?? [], ordinal: ordinal.map(names) ?? [],
      ignore: ignore.map(names) ?? [])
    if let schema {
      overrides.schema = try SchemaOverrides.readSchema(contentsOf: schema)
      overrides.schemaFile = schema
    }
    if let naValues { overrides.missingValues = MissingValues(list: naValues) }
    return overrides
  }

  /// ``overrides()`` with `--columns` resolved against the header of `raw` (names or positions).
  func overrides(header raw: RawTable) throws -> SchemaOverrides {
    var overrides = try self.overrides()
    if let columns = cloud.columns {
      overrides.columns = try names(columns).map { selector in
        guard let position = Int(selector), position >= 0 else { return selector }
        guard position < raw.names.count else {
          throw TableError.unknownColumn(file: raw.file, column: selector, context: "--columns")
        }
        return raw.names[position]
      }
    }
    return overrides
  }

}

/// `--distance`: auto, euclidean or gower.
extension RowDistanceChoice: ExpressibleByArgument {}

/// `--missing`: error or drop-rows.
extension IncompleteRows: ExpressibleByArgument {}
