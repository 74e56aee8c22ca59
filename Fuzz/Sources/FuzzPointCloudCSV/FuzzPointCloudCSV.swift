import FuzzSupport
import TDAEval

/// The point-cloud reader: any bytes either give a well-formed cloud of finite coordinates or a
/// `PointCloudError`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
  let input = FuzzInput(data, size)
  let delimiter = input.pick([Delimiter.comma, .tab, .whitespace])
  let columns = input.pick(
    [nil, [ColumnSelector.index(0)], [.name("x"), .index(1)], [.name("y")]], shift: 2)
  expectingRefusals([PointCloudError.self]) {
    let cloud = try PointCloud.parse(
      csv: input.bytes, file: "fuzz.csv",
      options: CSVOptions(delimiter: delimiter, columns: columns))
    require(cloud.coordinates.count == cloud.count * cloud.dimension, "shape")
    require(cloud.coordinates.allSatisfy(\.isFinite), "finite coordinates")
    if let columns { require(cloud.dimension == columns.count, "selected columns") }
  }
  return 0
}

/// The entry point SwiftPM links as `main` (see `runLibFuzzer`).
@_cdecl("FuzzPointCloudCSV_main")
public func entry(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>)
  -> Int32
{
  runLibFuzzer(fuzz)
}
