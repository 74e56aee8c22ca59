import FuzzSupport
import TDAEval

/// The table reader: any bytes either give a rectangular table whose schema, encoding and Gower
/// nearest neighbours are well formed, or a `TableError`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
  let input = FuzzInput(data, size)
  let delimiter = input.pick([Delimiter.comma, .tab, .whitespace])
  let headerOnly = input.options & 0x80 != 0
  expectingRefusals([TableError.self]) {
    let raw = try RawTable.parse(
      input.bytes, file: "fuzz.csv", delimiter: delimiter, headerOnly: headerOnly)
    require(raw.cells.count == raw.names.count, "one cell list per column")
    require(raw.cells.allSatisfy { $0.count == raw.rowCount }, "rectangular cells")
    if headerOnly { return }
    // The first column as ordinal or categorical (option bits 2-3), or plain inference.
    let first = raw.names.first.map { [$0] } ?? []
    let overrides = input.pick(
      [
        SchemaOverrides(), SchemaOverrides(ordinal: first), SchemaOverrides(categorical: first),
        SchemaOverrides(ignore: first),
      ], shift: 2)
    let schema = try TableSchema.infer(raw, overrides: overrides)
    require(schema.columns.count == raw.names.count, "one schema column per column")
    let tables = try Table.encode(real: raw, others: [raw], schema: schema)
    require(tables.count == 2 && tables.allSatisfy { $0.rowCount == raw.rowCount }, "encoding")
    // Gower's all-pairs pass is quadratic: small tables only, so that the reader gets the time.
    guard raw.rowCount <= 64 else { return }
    let gower = GowerDistance(fittedTo: tables[0])
    let nearest = gower.nearest(from: tables[1], to: tables[0])
    require(nearest.distances.allSatisfy { $0 >= 0 && $0 <= 1 }, "Gower distances in [0, 1]")
    require(
      nearest.distances.allSatisfy { $0 == 0 }
        || tables[0].columns.contains { column in
          column.values.contains(where: \.isNaN)
        }, "a complete row is at distance 0 of itself")
  }
  return 0
}

/// The entry point SwiftPM links as `main` (see `runLibFuzzer`).
@_cdecl("FuzzTable_main")
public func entry(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>)
  -> Int32
{
  runLibFuzzer(fuzz)
}
