import Foundation
import Persistence
import Testing
import _TestSupport

@testable import DiagramDistances

/// A seeded diagram whose points share one birth (`commonBirth`) or one death, the other
/// coordinate taken from `randomDiagram`'s deaths (integer multiples of 1/8 with `ties`).
private func lineDiagram(count: Int, seed: UInt64, ties: Bool, commonBirth: Bool)
  -> PersistenceDiagram
{
  let free = randomDiagram(count: count, seed: seed, ties: ties).pairs.map(\.death)
  let pairs = free.map { value in
    commonBirth
      ? PersistencePair(birth: 0, death: value + 0.125)
      : PersistencePair(birth: value - 2, death: 2)
  }
  return PersistenceDiagram(dimension: 0, pairs: pairs)
}

private func instance(
  _ a: PersistenceDiagram, _ b: PersistenceDiagram, p: Double = .infinity, q: Double
) throws -> AssignmentInstance {
  let first = try PreparedDiagram(a, name: "first", ignoreEssential: false)
  let second = try PreparedDiagram(b, name: "second", ignoreEssential: false)
  return AssignmentInstance(first, second, ground: GroundCost(internalP: p, order: q))
}

@Suite("Diagrams on a line (one common birth or death): the non-crossing recursion is exact")
struct LineAssignmentTests {
  @Test("a hand case where the best matching skips the nearest point")
  func handCase() throws {
    // (0, 1) and (0, 4) against (0, 2), q = 1, L∞: matching (0, 1)–(0, 2) costs 1 + 4/2 = 3,
    // (0, 4)–(0, 2) costs 2 + 1/2 = 2.5, everything to the diagonal 1/2 + 2 + 1 = 3.5.
    let a = PersistenceDiagram(
      dimension: 0, pairs: [.init(birth: 0, death: 1), .init(birth: 0, death: 4)])
    let b = PersistenceDiagram(dimension: 0, pairs: [.init(birth: 0, death: 2)])
    let problem = try instance(a, b, q: 1)
    let assignment = try #require(Wasserstein.lineAssignment(problem))
    #expect(assignment[1] == 0)
    #expect(problem.totalCost(assignment) == 2.5)
    #expect(try Wasserstein.distance(a, b, order: 1) == 2.5)
  }

  @Test(
    "same optimal cost as the Hungarian method: one birth or death, ties, q 1 2 3.5, p 1 2 inf",
    arguments: 0..<12)
  func equalsHungarian(seed: Int) throws {
    let sizes = [(0, 5), (1, 1), (7, 3), (40, 40), (61, 17), (90, 120)]
    let (n, m) = sizes[seed % sizes.count]
    let ties = seed % 3 == 0
    let commonBirth = seed % 4 != 1
    let a = lineDiagram(count: n, seed: UInt64(10 + seed), ties: ties, commonBirth: commonBirth)
    let b = lineDiagram(count: m, seed: UInt64(70 + seed), ties: ties, commonBirth: commonBirth)
    for p in [1.0, 2, .infinity] {
      for q in [1.0, 2, 3.5] {
        let problem = try instance(a, b, p: p, q: q)
        let line = try #require(Wasserstein.lineAssignment(problem))
        #expect(Set(line).count == problem.size && line.allSatisfy { $0 >= 0 })
        #expect(problem.totalCost(line).isFinite)
        let hungarian = Wasserstein.hungarianAssignment(problem)
        #expect(
          isClose(problem.totalCost(line), problem.totalCost(hungarian), relative: 1e-12),
          "n=\(n) m=\(m) p=\(p) q=\(q)")
      }
    }
  }

  @Test("beyond the exact size limit, automatic equals the sparse exact solver and the matching")
  func largeDiagrams() throws {
    let a = lineDiagram(count: 400, seed: 5, ties: true, commonBirth: true)
    let b = lineDiagram(count: 350, seed: 6, ties: false, commonBirth: true)
    for q in [1.0, 2] {
      let problem = try instance(a, b, q: q)
      let sparse = problem.totalCost(Wasserstein.shortestPathAssignment(problem))
      let result = try Wasserstein.compute(a, b, order: q, matching: true)
      let expected = q == 1 ? sparse : sparse.squareRoot()
      #expect(isClose(result.distance, expected, relative: 1e-12), "q=\(q)")
      #expect(
        isClose(matchingCost(result.matching!, a, b, order: q), result.distance, relative: 1e-12))
    }
  }

  @Test("diagrams off a common line are left to the other solvers")
  func notALine() throws {
    let a = PersistenceDiagram(
      dimension: 1, pairs: [.init(birth: 0, death: 1), .init(birth: 1, death: 3)])
    let b = PersistenceDiagram(dimension: 1, pairs: [.init(birth: 0, death: 2)])
    #expect(Wasserstein.lineAssignment(try instance(a, b, q: 1)) == nil)
  }
}
