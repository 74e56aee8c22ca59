import ArgumentParser
import Foundation
import TDAEval

/// How point-cloud files are read: the options every command that reads clouds shares.
struct CloudInputOptions: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "Cell separator.",
      discussion: "Default: from the extension (.tsv tab, .txt whitespace, otherwise comma)."))
  var delimiter: Delimiter?

  @Option(help: "Columns to use, comma separated, by header name or 0-based index.")
  var columns: String?

  func validate() throws {
    if let columns, columns.split(separator: ",").isEmpty {
      throw ValidationError("--columns names no column")
    }
  }

  var csvOptions: CSVOptions {
    CSVOptions(
      delimiter: delimiter,
      columns: columns.map { $0.split(separator: ",").map { ColumnSelector(String($0)) } })
  }

  /// Parses one cloud from bytes already read from `path` (`-`: standard input).
  func parse(_ bytes: [UInt8], path: String) throws -> PointCloud {
    var options = csvOptions
    if options.delimiter == nil { options.delimiter = .inferred(fromPath: path) }
    return try PointCloud.parse(csv: bytes, file: inputName(path), options: options)
  }

  /// Reads one cloud, requiring at least `minimumPoints` points.
  func load(_ path: String, minimumPoints: Int = 1) throws -> PointCloud {
    let cloud = try PointCloud.read(contentsOf: path, options: csvOptions)
    guard cloud.count >= minimumPoints else {
      throw PointCloudError.tooFewPoints(file: path, count: cloud.count, required: minimumPoints)
    }
    return cloud
  }

}

/// How results are printed.
struct OutputOptions: ParsableArguments {
  @Flag(help: "Print one JSON object on stdout instead of a table.")
  var json = false
}
