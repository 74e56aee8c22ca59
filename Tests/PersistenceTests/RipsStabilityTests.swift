import Foundation
import PointClouds
import Testing
import _TestSupport

@testable import Persistence

/// Stability: moving every point by at most ε changes every distance by at most 2ε, so each
/// diagram moves by at most 2ε in the bottleneck distance (diameter filtration).
@Suite("Vietoris–Rips stability")
struct RipsStabilityTests {
  @Test("the brute-force bottleneck oracle on hand-checked diagrams")
  func oracle() {
    let a = [PersistencePair(birth: 0, death: 4), PersistencePair(birth: 1, death: .infinity)]
    let b = [
      PersistencePair(birth: 0.5, death: 4.25), PersistencePair(birth: 1.5, death: .infinity),
    ]
    #expect(bruteForceBottleneck(a, b) == 0.5)
    // A short bar goes to the diagonal at half its length.
    #expect(
      bruteForceBottleneck([PersistencePair(birth: 1, death: 1.6)], []) == 0.30000000000000004)
    #expect(bruteForceBottleneck(a, [PersistencePair(birth: 0, death: 4)]) == .infinity)
  }

  @Test(
    "moving each point by at most ε moves each diagram by at most 2ε", arguments: [0.01, 0.05, 0.2])
  func perturbation(epsilon: Double) throws {
    var generator = SeededGenerator(seed: UInt64(epsilon * 1000))
    let n = 30
    var coordinates = (0..<(2 * n)).map { _ in generator.nextUniform() * 4 }
    let original = PointCloud(count: n, dimension: 2, coordinates: coordinates)
    for i in 0..<n {
      let angle = generator.nextUniform() * 2 * Double.pi
      let radius = epsilon * generator.nextUniform()
      coordinates[2 * i] += radius * cos(angle)
      coordinates[2 * i + 1] += radius * sin(angle)
    }
    let moved = PointCloud(count: n, dimension: 2, coordinates: coordinates)
    let options = RipsOptions(maxDimension: 2, threads: 1)
    let before = try RipsPersistence.diagrams(original, options: options)
    let after = try RipsPersistence.diagrams(moved, options: options)
    for k in 0...2 {
      let distance = bruteForceBottleneck(before[k].pairs, after[k].pairs)
      #expect(distance <= 2 * epsilon + 1e-12, "H\(k): \(distance)")
    }
  }
}
