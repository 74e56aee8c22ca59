import Dispatch
import Foundation
import Persistence
import PointClouds
import Testing
import _TestSupport

@testable import DiagramDistances

/// A diagram shaped like the benchmark's near-diagonal ones: 90 % of the points with persistence
/// 100 times smaller than the rest (the births of a second seeded diagram choose which).
func nearDiagonalDiagram(count: Int, seed: UInt64) -> PersistenceDiagram {
  let base = randomDiagram(count: count, seed: seed).pairs
  let choice = randomDiagram(count: count, seed: seed &+ 7).pairs
  let pairs = zip(base, choice).map { pair, selector in
    let shrink = selector.birth < 0.9 ? 0.01 : 1
    return PersistencePair(
      birth: pair.birth, death: pair.birth + (pair.death - pair.birth) * shrink)
  }
  return PersistenceDiagram(dimension: 1, pairs: pairs)
}

@Suite("The auction's duality certificate")
struct AuctionCertificateTests {
  /// The auction stops on the measured duality gap, not on N·ε: its value must still lie within
  /// the requested relative error of the exact optimum, on diagrams large enough for many phases
  /// and on near-diagonal ones, where most slacks are tiny.
  @Test(
    "auction values lie within their certified error of the exact optimum (300-point diagrams)",
    arguments: [0.001, 0.01, 0.1])
  func certifiedError(delta: Double) throws {
    let pairs = [
      (randomDiagram(count: 300, seed: 41), randomDiagram(count: 280, seed: 42)),
      (nearDiagonalDiagram(count: 300, seed: 43), nearDiagonalDiagram(count: 310, seed: 44)),
      (randomDiagram(count: 250, seed: 45, ties: true), randomDiagram(count: 250, seed: 46)),
    ]
    for (a, b) in pairs {
      for p in [1.0, 2, .infinity] {
        for q in [1.0, 2] {
          let exact = try Wasserstein.distance(a, b, order: q, internalP: p, method: .exact)
          let auction = try Wasserstein.compute(
            a, b, order: q, internalP: p, relativeError: delta, method: .auction, matching: true)
          #expect(
            auction.distance >= exact * (1 - 1e-12) && auction.distance <= exact * (1 + delta),
            "p=\(p) q=\(q): \(auction.distance) vs \(exact)")
          #expect(
            isClose(
              matchingCost(auction.matching!, a, b, order: q, internalP: p), auction.distance,
              relative: 1e-12))
        }
      }
    }
  }

  /// The certificate's slacks are computed on all cores: the value must not depend on how the
  /// work was scheduled, so the same distance computed alone and by four concurrent callers
  /// (which share the cores differently) is the same to the bit.
  @Test("the same bits whether computed alone or alongside concurrent computations")
  func deterministicAcrossScheduling() throws {
    let a = nearDiagonalDiagram(count: 2000, seed: 51)
    let b = nearDiagonalDiagram(count: 2000, seed: 52)
    for q in [1.0, 2] {
      let alone = try Wasserstein.distance(a, b, order: q, method: .auction)
      let results = ResultSlots(count: 4)
      DispatchQueue.concurrentPerform(iterations: 4) { k in
        results.store(try? Wasserstein.distance(a, b, order: q, method: .auction), at: k)
      }
      for value in results.values { #expect(value == alone, "q=\(q)") }
    }
  }

  /// The bid queries multiply by `1 / unit` when the unit is a power of two; that must give the
  /// bits of the division, also where the quotient is subnormal or the cap applies.
  @Test("costs with a power-of-two unit equal the divided formula bit for bit")
  func exactInverseUnit() {
    var generator = SeededGenerator(seed: 61)
    for exponent in [-1000, -60, -1, 0, 3, 200, 1000] {
      let unit = Double(sign: .plus, exponent: exponent, significand: 1)
      for q in [1.0, 2, 3.5] {
        let ground = GroundCost(internalP: .infinity, order: q, unit: unit, cap: 1e300)
        for _ in 0..<200 {
          let d =
            Double(
              sign: .plus, exponent: Int(generator.nextUniform() * 2100) - 1074, significand: 1)
            * (1 + generator.nextUniform())
          let r = d / unit
          let expected = min(1e300, q == 1 ? r : q == 2 ? r * r : pow(r, q))
          #expect(ground.power(d).bitPattern == expected.bitPattern, "d=\(d) unit=\(unit)")
        }
      }
    }
  }
}

/// Results written by concurrent workers, one slot each.
private final class ResultSlots: @unchecked Sendable {
  private let lock = NSLock()
  private var slots: [Double?]

  init(count: Int) { slots = Array(repeating: nil, count: count) }

  func store(_ value: Double?, at index: Int) { lock.withLock { slots[index] = value } }
  var values: [Double?] { lock.withLock { slots } }
}
