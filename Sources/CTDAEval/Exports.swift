// The C ABI of tda-eval, for harnesses in other languages (the Python package in `python/` loads
// it with ctypes). Every entry point takes flat float64 buffers or CSV text, options as one JSON
// object, and returns one status:
//
//   0  success: `*json_out` holds the JSON the CLI prints with `--json` (sorted keys, infinities
//      as null), allocated with malloc; free it with `tda_free`.
//   1  a computation failed on valid input (the CLI's exit status 1).
//   2  bad input or bad options (the CLI's exit status 2).
//
// On 1 or 2, `*error_out` holds a one-line message (malloc'd, free with `tda_free`). No entry
// point keeps state between calls, so they may be called from several threads at once.
import Foundation
import TDAEval

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The version of this ABI: bumped when a signature or an option changes incompatibly.
@_cdecl("tda_abi_version")
public func tda_abi_version() -> Int32 { 1 }

/// Frees a string returned by any entry point (NULL is allowed).
@_cdecl("tda_free")
public func tda_free(_ pointer: UnsafeMutablePointer<CChar>?) {
  free(pointer)
}

/// Persistence diagrams of the Vietoris–Rips filtration of `n` points of dimension `d` (row-major),
/// or, with the option `"distance_matrix": true`, of the symmetric n × n distance matrix `points`.
/// Options: maxdim, coeff (a prime, or "Q"), threshold, metric, index_width, threads.
/// JSON: as `tda-eval rips --json`.
@_cdecl("tda_rips")
public func tda_rips(
  _ points: UnsafePointer<Double>?, _ n: Int64, _ d: Int64, _ options: UnsafePointer<CChar>?,
  _ jsonOut: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
  _ errorOut: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
) -> Int32 {
  respond(jsonOut, errorOut) {
    let options = try Options(options)
    let matrixInput = try options.bool("distance_matrix") ?? false
    let values = try flatValues(points, rows: n, columns: matrixInput ? n : d, name: "points")
    let input: RipsInput
    if matrixInput {
      input = .dense(try denseMatrix(values, count: Int(n)))
    } else {
      // The library computes extreme magnitudes in units of a power of two (PowerOfTwoScale).
      input = .cloud(PointCloud(count: Int(n), dimension: Int(d), coordinates: values))
    }
    return try Rips.run(input, options: options)
  }
}

/// The bottleneck or Wasserstein distance between two diagrams of `na` and `nb` (birth, death)
/// rows (an infinite death is +inf). Options: metric ("bottleneck" or "wasserstein"), order,
/// internal_p, relative_error, method, ignore_essential, matching.
/// JSON: as `tda-eval distance --json`.
@_cdecl("tda_distance")
public func tda_distance(
  _ a: UnsafePointer<Double>?, _ na: Int64, _ b: UnsafePointer<Double>?, _ nb: Int64,
  _ options: UnsafePointer<CChar>?,
  _ jsonOut: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
  _ errorOut: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
) -> Int32 {
  respond(jsonOut, errorOut) {
    let options = try Options(options)
    let first = try diagram(try flatValues(a, rows: na, columns: 2, name: "first diagram"))
    let second = try diagram(try flatValues(b, rows: nb, columns: 2, name: "second diagram"))
    return try DiagramDistance.run(first, second, options: options)
  }
}

/// A real/synthetic comparison of numeric samples: `command` is metrics, kde, gscore, privacy or
/// evaluate; the real (`nr` rows), synthetic (`ns` rows) and optional holdout (`nh` rows, NULL
/// for none) samples share the dimension `d`. Options: the command's long options in snake_case.
/// JSON: as `tda-eval COMMAND --json` on the same numbers.
@_cdecl("tda_compare")
public func tda_compare(
  _ command: UnsafePointer<CChar>?,
  _ real: UnsafePointer<Double>?, _ nr: Int64,
  _ synthetic: UnsafePointer<Double>?, _ ns: Int64,
  _ holdout: UnsafePointer<Double>?, _ nh: Int64, _ d: Int64,
  _ options: UnsafePointer<CChar>?,
  _ jsonOut: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
  _ errorOut: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
) -> Int32 {
  respond(jsonOut, errorOut) {
    let options = try Options(options)
    _ = try InputOptions(options)  // validated as the CLI does, though numbers need no table reader
    let names = try options.strings("column_names")
    func cloud(_ pointer: UnsafePointer<Double>?, _ rows: Int64, _ name: String) throws
      -> PointCloud
    {
      let values = try flatValues(pointer, rows: rows, columns: d, name: name)
      if let bad = values.firstIndex(where: { !$0.isFinite }) {
        throw BadInput(
          "\(name): row \(bad / Int(max(d, 1))), column \(bad % Int(max(d, 1))) (0-based) is \(values[bad]), not a finite number"
        )
      }
      if let names, names.count != Int(d) {
        throw BadInput("column_names: \(names.count) names for \(d) columns")
      }
      return PointCloud(
        count: Int(rows), dimension: Int(d), coordinates: values, columnNames: names)
    }
    let samples = Samples.clouds(
      real: try cloud(real, nr, "real"), synthetic: try cloud(synthetic, ns, "synthetic"),
      holdout: holdout == nil ? nil : try cloud(holdout, nh, "holdout"))
    return try Comparison.run(try string(command, "command"), samples: samples, options: options)
  }
}

/// A real/synthetic comparison of CSV texts (a header row; text, categories and missing cells
/// allowed), read exactly as the CLI reads files: numeric files as point clouds, others as
/// tables. `holdout` may be NULL (for `utility`, it is the test table). Options as for
/// `tda_compare`, plus `files` (the names used in
/// messages and to infer the delimiter) and `schema_json` (a schema's JSON text).
@_cdecl("tda_compare_csv")
public func tda_compare_csv(
  _ command: UnsafePointer<CChar>?,
  _ real: UnsafePointer<CChar>?, _ synthetic: UnsafePointer<CChar>?,
  _ holdout: UnsafePointer<CChar>?,
  _ options: UnsafePointer<CChar>?,
  _ jsonOut: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
  _ errorOut: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
) -> Int32 {
  respond(jsonOut, errorOut) {
    let options = try Options(options)
    let name = try string(command, "command")
    var texts = [try bytes(real, "real"), try bytes(synthetic, "synthetic")]
    if let holdout { texts.append(try bytes(holdout, "holdout")) }
    let files = try options.strings("files") ?? []
    let defaults = ["<real>", "<synthetic>", "<holdout>"]
    let paths = texts.indices.map { $0 < files.count ? files[$0] : defaults[$0] }
    let input = try InputOptions(options)
    let samples = try input.load(
      texts, paths: paths,
      asTables: ["fidelity", "detect", "utility"].contains(name)
        || (name == "privacy" && (try options.string("sensitive")) != nil))
    return try Comparison.run(name, samples: samples, options: options)
  }
}

// MARK: - Plumbing

/// Bad input or bad options: status 2.
struct BadInput: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}

/// Runs `body` and writes its JSON or its error to the out-parameters.
func respond(
  _ jsonOut: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
  _ errorOut: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
  _ body: () throws -> Data
) -> Int32 {
  jsonOut?.pointee = nil
  errorOut?.pointee = nil
  do {
    let data = try body()
    jsonOut?.pointee = copy(data)
    return 0
  } catch let failure as ComputationFailure {
    errorOut?.pointee = copy(Data(oneLine(failure.message).utf8))
    return 1
  } catch {
    // As in the CLI, errors of the library modules describe bad input or bad parameters.
    errorOut?.pointee = copy(Data(oneLine(String(describing: error)).utf8))
    return 2
  }
}

/// A computation that failed on valid input: status 1.
struct ComputationFailure: Error {
  var message: String
}

private func oneLine(_ text: String) -> String {
  text.split(whereSeparator: \.isNewline).joined(separator: " ")
}

/// `data` as a NUL-terminated malloc'd C string.
private func copy(_ data: Data) -> UnsafeMutablePointer<CChar>? {
  let pointer = malloc(data.count + 1)!.assumingMemoryBound(to: CChar.self)
  data.withUnsafeBytes { raw in
    if let base = raw.baseAddress { memcpy(pointer, base, data.count) }
  }
  pointer[data.count] = 0
  return pointer
}

/// The JSON of `value` with the CLI's encoder settings (`printJSON`), without the newline.
func encodeJSON(_ value: some Encodable) throws -> Data {
  let encoder = JSONEncoder()
  encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
  do {
    return try encoder.encode(value)
  } catch {
    throw ComputationFailure(message: "cannot encode the result as JSON: \(error)")
  }
}

func string(_ pointer: UnsafePointer<CChar>?, _ name: String) throws -> String {
  guard let pointer else { throw BadInput("\(name) is missing (NULL)") }
  return String(decoding: bytesOf(pointer), as: UTF8.self)
}

func bytes(_ pointer: UnsafePointer<CChar>?, _ name: String) throws -> [UInt8] {
  guard let pointer else { throw BadInput("the \(name) CSV text is missing (NULL)") }
  return bytesOf(pointer)
}

private func bytesOf(_ pointer: UnsafePointer<CChar>) -> [UInt8] {
  pointer.withMemoryRebound(to: UInt8.self, capacity: strlen(pointer)) {
    Array(UnsafeBufferPointer(start: $0, count: strlen(pointer)))
  }
}

/// Copies `rows × columns` finite doubles.
func flatValues(_ pointer: UnsafePointer<Double>?, rows: Int64, columns: Int64, name: String)
  throws -> [Double]
{
  guard rows >= 0, columns >= 0 else {
    throw BadInput("\(name): negative shape (\(rows), \(columns))")
  }
  let (count, overflow) = rows.multipliedReportingOverflow(by: columns)
  guard !overflow, count < Int64(Int.max / 8) else { throw BadInput("\(name): too many values") }
  guard count > 0 else { return [] }
  guard let pointer else { throw BadInput("\(name): no data (NULL)") }
  return Array(UnsafeBufferPointer(start: pointer, count: Int(count)))
}

/// A dense symmetric distance matrix given row-major.
func denseMatrix(_ values: [Double], count n: Int) throws -> DistanceMatrix {
  var lower: [Double] = []
  lower.reserveCapacity(n * (n - 1) / 2)
  for i in 0..<n {
    guard values[i * n + i] == 0 else {
      throw BadInput("distance matrix: entry (\(i), \(i)) is \(values[i * n + i]), not 0")
    }
    for j in 0..<i {
      let value = values[i * n + j]
      guard value.isFinite, value >= 0 else {
        throw BadInput("distance matrix: entry (\(i), \(j)) is \(value), not a finite number ≥ 0")
      }
      guard value == values[j * n + i] else {
        throw BadInput("distance matrix: entries (\(i), \(j)) and (\(j), \(i)) differ")
      }
      lower.append(value)
    }
  }
  return DistanceMatrix(count: n, lowerTriangle: lower)
}

/// A diagram from (birth, death) rows; +inf deaths are essential.
func diagram(_ values: [Double]) throws -> PersistenceDiagram {
  var pairs: [PersistencePair] = []
  for row in 0..<(values.count / 2) {
    let (birth, death) = (values[2 * row], values[2 * row + 1])
    guard birth.isFinite else { throw BadInput("diagram row \(row): birth \(birth) is not finite") }
    guard !death.isNaN, death >= birth else {
      throw BadInput("diagram row \(row): death \(death) is not ≥ birth \(birth)")
    }
    pairs.append(PersistencePair(birth: birth, death: death))
  }
  return PersistenceDiagram(dimension: 0, pairs: pairs)
}
