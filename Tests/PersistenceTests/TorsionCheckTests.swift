import Testing

@testable import Persistence

@Suite("Torsion check: comparing diagrams across fields")
struct TorsionCheckTests {
  private func diagrams(_ bars: [[(Double, Double)]]) -> [PersistenceDiagram] {
    bars.enumerated().map { dimension, pairs in
      PersistenceDiagram(
        dimension: dimension, pairs: pairs.map { PersistencePair(birth: $0.0, death: $0.1) })
    }
  }

  @Test("Bars present over Z/2 only are reported with their multiplicities per field")
  func projectivePlanePattern() {
    let common: [(Double, Double)] = [(0, 1), (0, .infinity)]
    let z2 = diagrams([common, [(1, 2), (0.5, 0.7)], [(1, 2)]])
    let z3 = diagrams([common, [(0.5, 0.7)], []])
    let check = TorsionCheck(runs: [
      .init(field: "Z/2", diagrams: z2), .init(field: "Z/3", diagrams: z3),
      .init(field: "Q", diagrams: z3),
    ])
    #expect(!check.agree)
    #expect(check.differingDimensions == [1, 2])
    #expect(check.differences.map(\.dimension) == [1, 2])
    #expect(
      check.differences.allSatisfy {
        $0.bar == PersistencePair(birth: 1, death: 2) && $0.multiplicities == [1, 0, 0]
      })
    #expect(check.fieldsAgreeing(with: 2) == ["Z/3", "Q"])
    #expect(check.fieldsAgreeing(with: 0) == ["Z/2"])
  }

  @Test("Equal diagrams in any order agree; multiplicity and missing dimensions count")
  func agreementAndMultiplicity() {
    let a = diagrams([[(0, 1), (0, 1), (0, .infinity)], [(0.2, 0.3)]])
    let b = diagrams([[(0, .infinity), (0, 1), (0, 1)], [(0.2, 0.3)]])
    #expect(
      TorsionCheck(runs: [.init(field: "Z/2", diagrams: a), .init(field: "Q", diagrams: b)]).agree)
    let fewer = diagrams([[(0, 1), (0, .infinity)]])
    let check = TorsionCheck(runs: [
      .init(field: "Z/2", diagrams: a), .init(field: "Q", diagrams: fewer),
    ])
    #expect(check.differences.count == 2)
    #expect(
      check.differences[0].bar == PersistencePair(birth: 0, death: 1)
        && check.differences[0].multiplicities == [2, 1])
    #expect(check.differences[1].dimension == 1 && check.differences[1].multiplicities == [1, 0])
  }
}
