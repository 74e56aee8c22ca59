import TDAEval
import Testing

@Suite("The umbrella module")
struct ExportsTests {
  @Test("one import reaches the point clouds, the generators and the diagrams")
  func reexports() {
    let cloud = BaseDistribution.circle.sample(count: 10, seed: 1)
    let diagram = PersistenceDiagram(
      dimension: 0, pairs: [PersistencePair(birth: 0, death: .infinity)])
    #expect(cloud.count == 10)
    #expect(diagram.essentialCount == 1)
  }
}
