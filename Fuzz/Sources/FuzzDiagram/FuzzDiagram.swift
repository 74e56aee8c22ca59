import FuzzSupport
import TDAEval

/// The diagram reader: any bytes either give a diagram of valid points or a `DiagramFileError` /
/// `DiagramValueOverflow`; a small diagram then goes through the bottleneck and Wasserstein
/// distances to the empty diagram and to itself (a hang is reported by libFuzzer's -timeout).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
  let input = FuzzInput(data, size)
  expectingRefusals([DiagramFileError.self, DiagramValueOverflow.self]) {
    let diagram = try PersistenceDiagram.parse(bytes: input.bytes, file: "fuzz.csv")
    require(
      diagram.pairs.allSatisfy {
        $0.birth <= $0.death && $0.birth < .infinity && $0.death > -.infinity
      },
      "valid points")
    guard diagram.pairs.count <= 64 else { return }
    let empty = PersistenceDiagram(dimension: 0, pairs: [])
    let order = input.pick([1.0, 2.0, 3.5, 1e4])
    let method = input.pick(Wasserstein.Method.allCases, shift: 2)
    let ignoreEssential = input.options & 0x10 != 0
    for (other, isSelf) in [(empty, false), (diagram, true)] {
      let bottleneck = try Bottleneck.distance(diagram, other, ignoreEssential: ignoreEssential)
      let wasserstein = try Wasserstein.distance(
        diagram, other, order: order, method: method, ignoreEssential: ignoreEssential)
      require(bottleneck >= 0 && wasserstein >= 0, "distances are numbers ≥ 0")
      if isSelf { require(bottleneck == 0 && wasserstein == 0, "a diagram is at 0 of itself") }
    }
  }
  return 0
}

/// The entry point SwiftPM links as `main` (see `runLibFuzzer`).
@_cdecl("FuzzDiagram_main")
public func entry(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>)
  -> Int32
{
  runLibFuzzer(fuzz)
}
