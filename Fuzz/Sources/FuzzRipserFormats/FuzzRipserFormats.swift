import FuzzSupport
import TDAEval

/// Ripser's input formats: any bytes either give a well-formed input or a `PersistenceError`;
/// an input of at most 12 points then goes through Vietoris–Rips persistence up to H2.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
  let input = FuzzInput(data, size)
  // A small budget: inputs that declare huge work (a sparse file naming vertex 10^9) are refused
  // by the memory guard instead of running out the clock.
  MemoryBudget.setOverride(64 * 1024 * 1024, source: "fuzz")
  let format = input.pick(RipserInputFormat.allCases, width: 3)
  let threshold = input.pick([nil, 0.5, 2.0, Double.infinity], shift: 3)
  expectingRefusals([PersistenceError.self, ResourceError.self]) {
    let parsed = try format.parse(input.bytes, file: "fuzz")
    guard parsed.count <= 12 else { return }
    let options = RipsOptions(maxDimension: 2, threshold: threshold, threads: 1)
    let result: RipsResult
    switch parsed {
    case .cloud(let cloud): result = try RipsPersistence.compute(cloud, options: options)
    case .dense(let matrix): result = try RipsPersistence.compute(matrix, options: options)
    case .sparse(let matrix): result = try RipsPersistence.compute(matrix, options: options)
    }
    require(result.points == parsed.count, "points")
    for diagram in result.diagrams {
      require(diagram.pairs.allSatisfy { $0.birth <= $0.death && !$0.birth.isNaN }, "valid pairs")
    }
    let h0 = result.diagrams.first?.pairs ?? []
    require(
      h0.count <= parsed.count && h0.contains { $0.death == .infinity }, "H0: an essential bar")
  }
  return 0
}

/// The entry point SwiftPM links as `main` (see `runLibFuzzer`).
@_cdecl("FuzzRipserFormats_main")
public func entry(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>)
  -> Int32
{
  runLibFuzzer(fuzz)
}
