import Foundation
import Persistence
import PointClouds
import Testing
import _TestSupport

@testable import DiagramDistances

/// Small instances of the shapes the auction meets: spread out, near-diagonal, tie-heavy.
private func instances(ground: GroundCost) throws -> [AssignmentInstance] {
  let pairs = [
    (randomDiagram(count: 40, seed: 71), randomDiagram(count: 33, seed: 72)),
    (nearDiagonalDiagram(count: 45, seed: 73), nearDiagonalDiagram(count: 50, seed: 74)),
    (
      randomDiagram(count: 36, seed: 75, ties: true), randomDiagram(count: 36, seed: 76, ties: true)
    ),
  ]
  return try pairs.map { a, b in
    AssignmentInstance(
      try PreparedDiagram(a, name: "first", ignoreEssential: false),
      try PreparedDiagram(b, name: "second", ignoreEssential: false), ground: ground)
  }
}

private let grounds = [
  GroundCost(internalP: .infinity, order: 1), GroundCost(internalP: .infinity, order: 2),
  GroundCost(internalP: .infinity, order: 2, unit: 0.25, cap: 3),
  GroundCost(internalP: 2, order: 2), GroundCost(internalP: 1, order: 3, unit: 0.3),
]

@Suite("Dual bounds of the assignment problem")
struct AssignmentDualTests {
  /// Row minima and tightened prices against their definitions, evaluated pair by pair.
  @Test("row minima and tightened prices equal their definitions over all pairs")
  func definitions() throws {
    var generator = SeededGenerator(seed: 81)
    for ground in grounds {
      for instance in try instances(ground: ground) {
        let price = (0..<instance.size).map { _ in generator.nextUniform() * 0.05 }
        let minima = instance.rowMinima(price: price)
        let tight = instance.tightened(price: price)
        for row in 0..<instance.size {
          let expected = (0..<instance.size).map { instance.cost(row, $0) + price[$0] }.min()!
          #expect(minima[row] == expected, "row \(row)")
        }
        for column in 0..<instance.size {
          let expected = (0..<instance.size).filter { instance.cost($0, column).isFinite }
            .map { minima[$0] - instance.cost($0, column) }.max()!
          #expect(tight[column] == expected, "column \(column)")
          // `p'(col) ≤ p(col)` in exact arithmetic; `u − c` rounds at the scale of the costs.
          #expect(tight[column] <= price[column] + 1e-12)
        }
      }
    }
  }

  /// Weak duality with either price vector, for the auction's prices (near-optimal) and for
  /// random ones, and tightening never lowers the bound; the exact optimum is the Hungarian one.
  @Test("C − Σ slack is at most the optimum, and at least as large after tightening")
  func lowerBounds() throws {
    var generator = SeededGenerator(seed: 82)
    for ground in grounds {
      for instance in try instances(ground: ground) {
        let optimum = instance.totalCost(Wasserstein.hungarianAssignment(instance))
        let auction = Wasserstein.auction(instance, relativeError: 0.2, essentialCost: 0)
        let cost = instance.totalCost(auction.columnOfRow)
        let random = (0..<instance.size).map { _ in generator.nextUniform() }
        for price in [auction.price, random] {
          let plain = cost - instance.slacks(auction.columnOfRow, price: price).reduce(0, +)
          let tight =
            cost
            - instance.slacks(auction.columnOfRow, price: instance.tightened(price: price))
            .reduce(0, +)
          #expect(plain <= optimum && tight <= optimum, "\(plain) \(tight) \(optimum)")
          #expect(tight >= plain - 1e-12 * max(1, abs(plain)), "\(plain) \(tight)")
        }
      }
    }
  }

  /// The bid queries (with their copies of the loop for L∞, q ∈ {1, 2}) against a scan of
  /// every point: the same values to the bit, in order.
  @Test("k-d queries equal a scan of every point, also on the L∞ fast paths")
  func queries() throws {
    var generator = SeededGenerator(seed: 83)
    for ground in grounds {
      for instance in try instances(ground: ground) {
        let weights = (0..<instance.m).map { _ in generator.nextUniform() * 0.05 }
        let tree = WeightedTree(x: instance.bx, y: instance.by, weights: weights)
        for i in 0..<instance.n {
          let (x, y) = (instance.ax[i], instance.ay[i])
          let values = (0..<instance.m).map {
            ground.cost(x, y, instance.bx[$0], instance.by[$0]) + weights[$0]
          }.sorted()
          let two = tree.twoBest(from: x, y, ground: ground)
          #expect(two.best == values[0] && two.second == values[1])
          #expect(
            values[0] == ground.cost(x, y, instance.bx[two.id], instance.by[two.id])
              + weights[two.id])
          let five = tree.best(5, from: x, y, ground: ground)
          #expect(five.map { $0.value } == Array(values.prefix(5)))
        }
      }
    }
  }
}
