import Foundation
import PointClouds
import Testing

@Suite("Metrics and the compressed distance matrix")
struct DistanceMatrixTests {
  @Test("the three metrics on a hand-checked pair")
  func metricsByHand() {
    let cloud = PointCloud(rows: [[0, 0, 0], [1, -2, 2]])
    #expect(Metric.euclidean.distance(cloud, 0, 1) == 3)
    #expect(Metric.manhattan.distance(cloud, 0, 1) == 5)
    #expect(Metric.chebyshev.distance(cloud, 0, 1) == 2)
  }

  @Test("every entry equals a direct computation, for every metric", arguments: Metric.allCases)
  func againstDirectComputation(metric: Metric) {
    var random = SeededGenerator(seed: 3)
    let n = 57
    let d = 7
    let rows = (0..<n).map { _ in (0..<d).map { _ in random.nextGaussian() } }
    let matrix = DistanceMatrix(PointCloud(rows: rows), metric: metric)
    #expect(matrix.count == n)
    #expect(matrix.entries.count == n * (n - 1) / 2)
    for i in 0..<n {
      for j in 0..<n {
        let differences = zip(rows[i], rows[j]).map { abs($0 - $1) }
        let expected: Double
        switch metric {
        case .euclidean: expected = differences.map { $0 * $0 }.reduce(0, +).squareRoot()
        case .manhattan: expected = differences.reduce(0, +)
        case .chebyshev: expected = differences.max()!
        }
        #expect(abs(matrix[i, j] - expected) <= 1e-12 * max(1, expected))
        #expect(matrix[i, j] == matrix[j, i])
      }
    }
  }

  @Test("the enclosing radius of a hand-checked cloud")
  func enclosingRadius() {
    // Points 0, 1, 3, 7 on a line: largest distances 7, 6, 4, 7; the smallest is 4.
    let matrix = DistanceMatrix(PointCloud(rows: [[0], [1], [3], [7]]))
    #expect(matrix.enclosingRadius == 4)
    #expect(DistanceMatrix(PointCloud(rows: [[5]])).enclosingRadius == 0)
  }
}
