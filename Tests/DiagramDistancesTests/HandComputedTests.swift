import DiagramDistances
import Persistence
import Testing
import _TestSupport

func diagram(_ points: [(Double, Double)]) -> PersistenceDiagram {
  PersistenceDiagram(dimension: 1, pairs: points.map { PersistencePair(birth: $0.0, death: $0.1) })
}

let inf = Double.infinity

/// Each case: two diagrams and the distances worked out by hand (L∞ unless stated).
struct HandCase: CustomTestStringConvertible, Sendable {
  var name: String
  var a: [(Double, Double)]
  var b: [(Double, Double)]
  var bottleneck: Double
  var wasserstein1: Double
  var wasserstein2: Double
  var testDescription: String { name }
}

let handCases: [HandCase] = [
  HandCase(name: "both empty", a: [], b: [], bottleneck: 0, wasserstein1: 0, wasserstein2: 0),
  // (0,2) to the diagonal: half persistence 1.
  HandCase(
    name: "empty vs one point", a: [], b: [(0, 2)], bottleneck: 1, wasserstein1: 1, wasserstein2: 1),
  // Matching costs 0.5 < 1 + 1 for both to the diagonal.
  HandCase(
    name: "one shifted point", a: [(0, 2)], b: [(0.5, 2.5)], bottleneck: 0.5, wasserstein1: 0.5,
    wasserstein2: 0.5),
  // One (0,1) matches, the duplicate goes to the diagonal at 0.5.
  HandCase(
    name: "duplicates are a multiset", a: [(0, 1), (0, 1)], b: [(0, 1)], bottleneck: 0.5,
    wasserstein1: 0.5, wasserstein2: 0.5),
  HandCase(
    name: "identical duplicates", a: [(0, 1), (0, 1), (2, 5)], b: [(2, 5), (0, 1), (0, 1)],
    bottleneck: 0, wasserstein1: 0, wasserstein2: 0),
  // Diagonal points cost nothing.
  HandCase(
    name: "all on the diagonal", a: [(1, 1), (2, 2)], b: [(3, 3)], bottleneck: 0, wasserstein1: 0,
    wasserstein2: 0),
  // (0,4) ↔ (0,3) costs 1, (0,3) ↔ (0,4) costs 1: every choice ties at bottleneck 1; W1 = 2,
  // W2 = √2 (matching crosswise, or straight: same costs).
  HandCase(
    name: "ties", a: [(0, 4), (1, 4)], b: [(0, 3), (1, 5)], bottleneck: 1, wasserstein1: 2,
    wasserstein2: 2.0.squareRoot()),
  // Two far points: (0,1)→Δ 0.5, (10,12)→Δ 1; (5,6)→Δ 0.5. Matching (0,1)–(5,6) costs 5.
  HandCase(
    name: "far apart", a: [(0, 1), (10, 12)], b: [(5, 6)], bottleneck: 1, wasserstein1: 2,
    wasserstein2: 1.5.squareRoot()),
  // Essential points matched by birth: |0 − 0.5| = 0.5, finite parts equal.
  HandCase(
    name: "essential counts equal", a: [(0, inf), (1, 3)], b: [(1, 3), (0.5, inf)], bottleneck: 0.5,
    wasserstein1: 0.5, wasserstein2: 0.5),
  // Sorted matching of births 0,2 with 1,4: |0−1| + |2−4| = 3 (crosswise would be 4 + 1).
  HandCase(
    name: "two essential points sorted", a: [(0, inf), (2, inf)], b: [(4, inf), (1, inf)],
    bottleneck: 2, wasserstein1: 3, wasserstein2: 5.0.squareRoot()),
  HandCase(
    name: "infinite births matched by death", a: [(-inf, 3), (-inf, inf)],
    b: [(-inf, inf), (-inf, 1)], bottleneck: 2, wasserstein1: 2, wasserstein2: 2),
  HandCase(
    name: "essential counts differ", a: [(0, inf), (0, 1)], b: [(0, 1)], bottleneck: inf,
    wasserstein1: inf, wasserstein2: inf),
  HandCase(
    name: "essential families differ", a: [(0, inf)], b: [(-inf, 1)], bottleneck: inf,
    wasserstein1: inf, wasserstein2: inf),
]

@Suite("Distances on small diagrams computed by hand")
struct HandComputedTests {
  @Test("bottleneck, exact and approximate", arguments: handCases)
  func bottleneck(_ c: HandCase) throws {
    let (a, b) = (diagram(c.a), diagram(c.b))
    #expect(try Bottleneck.distance(a, b) == c.bottleneck)
    #expect(try Bottleneck.distance(b, a) == c.bottleneck)
    let approximate = try Bottleneck.distance(a, b, relativeError: 0.1)
    #expect(approximate >= c.bottleneck && approximate <= c.bottleneck * 1.1)
  }

  @Test("Wasserstein q = 1 and 2, exact and by auction", arguments: handCases)
  func wasserstein(_ c: HandCase) throws {
    let (a, b) = (diagram(c.a), diagram(c.b))
    for (q, expected) in [(1.0, c.wasserstein1), (2.0, c.wasserstein2)] {
      for method in Wasserstein.Method.allCases {
        let value = try Wasserstein.distance(a, b, order: q, relativeError: 1e-6, method: method)
        #expect(isClose(value, expected, relative: 1e-6, absolute: 1e-12), "q=\(q) \(method)")
        let swapped = try Wasserstein.distance(b, a, order: q, relativeError: 1e-6, method: method)
        #expect(isClose(swapped, expected, relative: 1e-6, absolute: 1e-12), "q=\(q) \(method)")
      }
    }
  }

  @Test("ignoreEssential drops infinite points")
  func ignoreEssential() throws {
    let a = diagram([(0, inf), (0, 2)])
    let b = diagram([(0.5, 2.5)])
    #expect(try Bottleneck.distance(a, b) == inf)
    #expect(try Bottleneck.distance(a, b, ignoreEssential: true) == 0.5)
    #expect(try Wasserstein.distance(a, b, ignoreEssential: true) == 0.5)
    let matched = try Bottleneck.compute(a, b, ignoreEssential: true, matching: true)
    #expect(matched.matching == [MatchedPair(1, 0)])
  }

  @Test("other ground metrics: L1 and L2")
  func groundMetrics() throws {
    let a = diagram([(0, 2)])
    let b = diagram([(0.5, 2.5)])
    // L1: edge 0.5 + 0.5 = 1; diagonal (d − b) = 2 each.
    #expect(isClose(try Wasserstein.distance(a, b, internalP: 1, method: .exact), 1))
    // L2: edge √0.5; diagonal 2/√2 each.
    #expect(isClose(try Wasserstein.distance(a, b, internalP: 2, method: .exact), 0.5.squareRoot()))
    #expect(isClose(try Wasserstein.distance(a, diagram([]), internalP: 2), 2.0.squareRoot()))
    #expect(isClose(try Wasserstein.distance(a, diagram([]), internalP: 1), 2))
  }

  @Test("the matching lists every point once, diagonal as −1")
  func matchingShape() throws {
    let a = diagram([(0, 1), (0, 1), (3, 3), (0, inf)])
    let b = diagram([(0, 1.1), (1, inf)])
    for result in [
      try Bottleneck.compute(a, b, matching: true),
      try Wasserstein.compute(a, b, order: 2, matching: true),
    ] {
      let pairs = try #require(result.matching)
      #expect(pairs.map(\.first).filter { $0 >= 0 }.sorted() == [0, 1, 2, 3])
      #expect(pairs.map(\.second).filter { $0 >= 0 }.sorted() == [0, 1])
      #expect(pairs.contains(MatchedPair(3, 1)))
      #expect(pairs.contains(MatchedPair(2, -1)))
    }
  }
}

@Suite("Invalid points and parameters")
struct InvalidInputTests {
  @Test(
    "a NaN, a point below the diagonal or a misplaced infinity is rejected",
    arguments: [(Double.nan, 1.0), (0, .nan), (2, 1), (inf, inf), (-inf, -inf), (1, -inf)])
  func invalidPoint(point: (Double, Double)) throws {
    let bad = diagram([(0, 1), point])
    let good = diagram([(0, 1)])
    let error = #expect(throws: DiagramDistanceError.self) {
      _ = try Bottleneck.distance(good, bad)
    }
    guard case .invalidPoint(let name, let index, _, _) = error else {
      Issue.record("expected invalidPoint, got \(String(describing: error))")
      return
    }
    #expect(name == "second" && index == 1)
    #expect(throws: DiagramDistanceError.self) { _ = try Wasserstein.distance(bad, good) }
    #expect(throws: DiagramDistanceError.self) {
      _ = try PairwiseDistances.matrix([good, bad], metric: .bottleneck())
    }
  }

  @Test(
    "parameters outside their range are rejected",
    arguments: [
      (0.5, inf, 0.01), (.nan, inf, 0.01), (inf, inf, 0.01), (1, 0.5, 0.01), (1, .nan, 0.01),
      (1, inf, -1), (1, inf, .nan), (1, inf, inf),
    ])
  func invalidParameters(order: Double, internalP: Double, relativeError: Double) throws {
    let a = diagram([(0, 1)])
    #expect(throws: DiagramDistanceError.self) {
      _ = try Wasserstein.distance(
        a, a, order: order, internalP: internalP, relativeError: relativeError)
    }
  }

  @Test(
    "a negative or infinite bottleneck relative error is rejected", arguments: [-0.1, inf, .nan])
  func invalidBottleneckError(relativeError: Double) throws {
    let a = diagram([(0, 1)])
    #expect(throws: DiagramDistanceError.self) {
      _ = try Bottleneck.distance(a, a, relativeError: relativeError)
    }
  }
}
