import PointClouds
import Testing
import _TestSupport

@testable import Persistence

/// Tiny clouds whose barcodes are known by hand.
@Suite("Vietoris–Rips on hand-checked tiny cases")
struct RipsHandCheckedTests {
  func bars(
    _ points: [[Double]], maxDimension: Int = 2, modulus: Int = 2, threshold: Double? = nil,
    threads: Int = 1
  )
    throws -> [[PersistencePair]]
  {
    let cloud = PointCloud(rows: points)
    let result = try RipsPersistence.compute(
      cloud,
      options: RipsOptions(
        maxDimension: maxDimension, coefficients: .prime(modulus), threshold: threshold,
        threads: threads))
    #expect(result.diagrams.map(\.dimension) == Array(0...maxDimension))
    return result.diagrams.map(\.pairs)
  }

  func pair(_ b: Double, _ d: Double) -> PersistencePair { PersistencePair(birth: b, death: d) }

  @Test("a unit square has three finite H0 bars and one H1 bar [1, √2)", arguments: [1, 2])
  func square(threads: Int) throws {
    let result = try bars([[0, 0], [1, 0], [1, 1], [0, 1]], threads: threads)
    #expect(barsMatch(result[0], [pair(0, 1), pair(0, 1), pair(0, 1), pair(0, .infinity)]))
    #expect(barsMatch(result[1], [pair(1, 2.0.squareRoot())]))
    #expect(result[2].isEmpty)
  }

  @Test("an equilateral triangle has no H1")
  func triangle() throws {
    let result = try bars([[0, 0], [1, 0], [0.5, 0.75.squareRoot()]])
    #expect(barsMatch(result[0], [pair(0, 1), pair(0, 1), pair(0, .infinity)]))
    #expect(result[1].isEmpty)
    #expect(result[2].isEmpty)
  }

  @Test("two points at distance 2 merge at 2")
  func twoPoints() throws {
    let result = try bars([[0, 0], [2, 0]], maxDimension: 1)
    #expect(barsMatch(result[0], [pair(0, 2), pair(0, .infinity)]))
    #expect(result[1].isEmpty)
  }

  @Test("one point has one essential H0 bar and empty higher diagrams")
  func onePoint() throws {
    let result = try bars([[3, 4]], maxDimension: 2)
    #expect(result[0] == [pair(0, .infinity)])
    #expect(result[1].isEmpty && result[2].isEmpty)
  }

  @Test("duplicate points give no zero-length bars")
  func duplicates() throws {
    let result = try bars([[0, 0], [0, 0], [1, 0], [1, 0]], maxDimension: 1)
    #expect(barsMatch(result[0], [pair(0, 1), pair(0, .infinity)]))
    #expect(result[1].isEmpty)
  }

  @Test("all-equal distances: a simplex, everything dies at once")
  func allEqual() throws {
    let distances = DistanceMatrix(count: 5, lowerTriangle: Array(repeating: 1, count: 10))
    let result = try RipsPersistence.compute(distances, options: RipsOptions(maxDimension: 3))
    #expect(
      barsMatch(
        result.diagrams[0].pairs, Array(repeating: pair(0, 1), count: 4) + [pair(0, .infinity)]))
    for k in 1...3 { #expect(result.diagrams[k].pairs.isEmpty) }
  }

  @Test("a threshold below the square's diagonal leaves the H1 class essential", arguments: [1, 2])
  func essentialBelowThreshold(threads: Int) throws {
    let result = try bars(
      [[0, 0], [1, 0], [1, 1], [0, 1]], maxDimension: 1, threshold: 1.2, threads: threads)
    #expect(barsMatch(result[1], [pair(1, .infinity)]))
  }

  @Test("an octahedron has one H2 bar, over Z/2 and Z/3", arguments: [2, 3])
  func octahedron(modulus: Int) throws {
    let points: [[Double]] = [
      [1, 0, 0], [-1, 0, 0], [0, 1, 0], [0, -1, 0], [0, 0, 1], [0, 0, -1],
    ]
    let result = try bars(points, maxDimension: 2, modulus: modulus)
    #expect(result[1].isEmpty)
    #expect(barsMatch(result[2], [pair(2.0.squareRoot(), 2)]))
  }
}
