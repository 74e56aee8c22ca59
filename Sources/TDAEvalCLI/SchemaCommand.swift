import ArgumentParser
import Foundation
import TDAEval

/// `tda-eval schema FILE`: the column kinds inferred from a table, in the JSON `--schema` reads.
struct SchemaCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "schema",
    abstract: "The column kinds inferred from a table (and its counts, ranges and categories).",
    discussion: """
      A column whose present cells all parse as finite numbers is numeric, any other is \
      categorical; --categorical, --ordinal, --ignore and --schema override that. Missing cells \
      are the --na-values tokens (default: pandas' list, the empty cell included). --json prints \
      the schema that --schema FILE reads back: edit it (kind: numeric, categorical, ordinal or \
      ignore; the order of an ordinal column's categories) and pass it to any command.
      Example: tda-eval schema real.csv --ignore patient_id --json > schema.json
      """)

  @Argument(help: "The table (CSV with a header; - for standard input).")
  var file: String

  @OptionGroup var input: TableColumnOptions
  @OptionGroup var output: OutputOptions

  func run() throws {
    let raw = try RawTable.read(
      contentsOf: file, delimiter: input.cloud.delimiter)
    let overrides = try input.overrides(header: raw)
    let schema = try TableSchema.infer(raw, overrides: overrides)
    if output.json {
      try printJSON(schema)
      return
    }
    printTable(
      header: ["column", "kind", "missing", "distinct", "range or categories"],
      rows: schema.columns.map { column in
        var summary = ""
        if let low = column.min, let high = column.max {
          summary = "\(formatted(low)) … \(formatted(high))"
        } else if let categories = column.categories {
          summary =
            categories.prefix(8).joined(separator: ", ") + (categories.count > 8 ? ", …" : "")
        }
        return [
          column.name, column.kind.rawValue, column.missing.map(String.init) ?? "",
          column.distinct.map(String.init) ?? "", summary,
        ]
      })
    writeStandardOutput("\(schema.rows ?? 0) rows\n")
    schema.notes(on: raw, missing: overrides.missingValues).forEach(note)
  }
}
