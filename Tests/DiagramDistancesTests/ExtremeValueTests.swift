import DiagramDistances
import Foundation
import Persistence
import Testing

/// Distances of diagrams whose values sit at the edges of float64 (costs d^q that overflow or
/// underflow), against values worked out by hand. L∞ ground metric unless stated: a point
/// (b, d) costs (d − b)/2 to the diagonal.
struct ExtremeValueTests {
  private func close(_ value: Double, _ expected: Double, relative: Double = 1e-14) -> Bool {
    if value == expected { return true }
    return abs(value - expected) <= relative * abs(expected)
  }

  // (0, 1e160) against the empty diagram: the only matching sends it to the diagonal at
  // 1e160/2, so W_q = 5e159 for every q. Before, (5e159)^2 = +∞ made the Hungarian method loop.
  @Test(arguments: [Wasserstein.Method.exact, .auction, .automatic])
  func hugePointAgainstEmptyOrderTwo(method: Wasserstein.Method) throws {
    let value = try Wasserstein.distance(
      diagram([(0, 1e160)]), diagram([]), order: 2, method: method)
    #expect(value == 1e160 * 0.5)
  }

  @Test func hugePointsOfSeveralMagnitudes() throws {
    #expect(try Wasserstein.distance(diagram([(0, 1e155)]), diagram([]), order: 2) == 1e155 * 0.5)
    #expect(close(try Wasserstein.distance(diagram([(0, 1e104)]), diagram([]), order: 3), 5e103))
    let top = Double.greatestFiniteMagnitude
    #expect(try Wasserstein.distance(diagram([(0, top)]), diagram([]), order: 2) == top * 0.5)
    #expect(try Wasserstein.distance(diagram([]), diagram([(0, top)]), order: 1) == top * 0.5)
    // d − b overflows, the half persistence (1e308) does not.
    #expect(
      close(try Wasserstein.distance(diagram([(-1e308, 1e308)]), diagram([]), order: 3), 1e308))
    #expect(close(try Bottleneck.distance(diagram([(-1e308, 1e308)]), diagram([])), 1e308))
  }

  // Ten copies of (0, 1.3e154), each 6.5e153 from the diagonal: W2 = √10 · 6.5e153, although
  // the sum of squares (4.2e308) is beyond the largest double.
  @Test func sumOfSquaresAboveTheLargestDouble() throws {
    let ten = diagram(Array(repeating: (0, 1.3e154), count: 10))
    let expected = 10.0.squareRoot() * 6.5e153
    #expect(close(try Wasserstein.distance(ten, diagram([]), order: 2), expected))
    #expect(close(try Wasserstein.distance(ten, diagram([]), order: 2, method: .auction), expected))
  }

  // A value that truly overflows is +∞: ten points at 0.9·max/2... √10 · 8.5e307 > max, and
  // three points of W1 sum to 2.55e308.
  @Test func trueOverflowIsInfinite() throws {
    let ten = diagram(Array(repeating: (0, 1.7e308), count: 10))
    #expect(try Wasserstein.distance(ten, diagram([]), order: 2) == .infinity)
    let three = diagram(Array(repeating: (0, 1.7e308), count: 3))
    #expect(try Wasserstein.distance(three, diagram([]), order: 1) == .infinity)
    let two = diagram(Array(repeating: (0, 1.7e308), count: 2))
    #expect(try Wasserstein.distance(two, diagram([]), order: 1) == 1.7e308)
    // Under L1, (−1e308, 1e308) is 2e308 from the diagonal.
    #expect(
      try Wasserstein.distance(diagram([(-1e308, 1e308)]), diagram([]), order: 3, internalP: 1)
        == .infinity)
  }

  // A = {(0,1), (0.5,3), (2,2.5)}, B = {(0.1,1.2), (0.4,2.7)}: the optimal matching pairs
  // (0,1)–(0.1,1.2) at 0.2 and (0.5,3)–(0.4,2.7) at 0.3 and sends (2,2.5) to the diagonal at
  // 0.25, so W_q = (0.2^q + 0.3^q + 0.25^q)^(1/q) → 0.3 = the bottleneck. For q = 400 every
  // d^q is below 1e-200 and those below 0.17 underflowed to 0 before.
  @Test(arguments: [400.0, 1000, 10_000])
  func largeOrdersApproachTheBottleneck(order: Double) throws {
    let a = diagram([(0, 1), (0.5, 3), (2, 2.5)])
    let b = diagram([(0.1, 1.2), (0.4, 2.7)])
    let bottleneck = try Bottleneck.distance(a, b)
    let expected = 0.3 * pow(1 + pow(0.25 / 0.3, order) + pow(0.2 / 0.3, order), 1 / order)
    for method in [Wasserstein.Method.exact, .auction] {
      let value = try Wasserstein.distance(a, b, order: order, method: method)
      #expect(close(value, expected, relative: 1e-12), "method \(method)")
      #expect(close(value, bottleneck, relative: 1e-3))
    }
  }

  // Under L1 with q = 10^4: (0, 1e160) is 1e160 from the diagonal (2^(1/p − 1) = 1).
  @Test func hugeOrderUnderL1() throws {
    let value = try Wasserstein.distance(
      diagram([(0, 1e160)]), diagram([]), order: 10_000, internalP: 1)
    #expect(close(value, 1e160, relative: 1e-12))
  }

  // A = {(0, 1e-300), (0, 2e-300)}, B = {(0, 1.5e-300)}: best is (0,2e-300)–(0,1.5e-300) at
  // 0.5e-300 and (0,1e-300) to the diagonal at 0.5e-300, W2 = √2 · 0.5e-300 (the squares,
  // 2.5e-601, underflowed to 0 before).
  @Test func tinyValuesDoNotUnderflow() throws {
    let a = diagram([(0, 1e-300), (0, 2e-300)])
    let b = diagram([(0, 1.5e-300)])
    let value = try Wasserstein.distance(a, b, order: 2)
    #expect(close(value, 2.0.squareRoot() * 0.5e-300, relative: 1e-13))
  }

  // Essential points: (0, ∞) against (1e300, ∞) costs |Δ| = 1e300 for every q.
  @Test func hugeEssentialDifference() throws {
    let value = try Wasserstein.distance(diagram([(0, inf)]), diagram([(1e300, inf)]), order: 2)
    #expect(value == 1e300)
  }

  // Scaling both diagrams by 2^k scales W_q by 2^k exactly (orders up to 256 use a power-of-two
  // unit), far into the range where d^q over- or underflows; this also covers the sparse exact
  // solver (more than 300 points) and the auction.
  @Test(arguments: [1.0, 2, 3])
  func powerOfTwoScalingIsExact(order: Double) throws {
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    func next() -> Double {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Double(state >> 11) * 0x1p-53
    }
    func random(_ count: Int) -> [(Double, Double)] {
      (0..<count).map { _ in
        let b = next()
        return (b, b + next() * 0.5 + 1e-3)
      }
    }
    for (countA, countB, method) in [
      (12, 9, Wasserstein.Method.exact), (180, 170, .exact), (40, 35, .auction),
    ] {
      let a = random(countA)
      let b = random(countB)
      let reference = try Wasserstein.distance(diagram(a), diagram(b), order: order, method: method)
      #expect(reference > 0)
      for k in [-1000, -300, 600, 1000] {
        let s = Double(sign: .plus, exponent: k, significand: 1)
        let scaled = try Wasserstein.distance(
          diagram(a.map { ($0.0 * s, $0.1 * s) }), diagram(b.map { ($0.0 * s, $0.1 * s) }),
          order: order, method: method)
        if method == .exact {
          #expect(scaled == reference * s, "k = \(k), sizes \(countA), \(countB)")
        } else {
          #expect(close(scaled, reference * s, relative: 0.02), "k = \(k)")
        }
      }
    }
  }
}
