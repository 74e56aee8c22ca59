import PointClouds
import Testing
import _TestSupport

@testable import SampleMetrics

/// Tiny sets worked out on paper (the comments show the arithmetic).
@Suite("Sample metrics on hand-checked tiny sets")
struct HandCheckedTests {
  // Real {0, 1, 2, 4} with k = 1: radii 1, 1, 1, 2. Synthetic {1 (a copy of a real point), 3, 6.5}:
  // radii 2, 2, 3.5.
  let real = PointCloud(rows: [[0], [1], [2], [4]])
  let synthetic = PointCloud(rows: [[1], [3], [6.5]])

  @Test("open balls (prdc): boundary points are outside")
  func openBalls() throws {
    let pr = try PrecisionRecall.compute(real: real, synthetic: synthetic, k: 1, balls: .open)
    let dc = try DensityCoverage.compute(real: real, synthetic: synthetic, k: 1, balls: .open)
    // 1 is inside B(1, 1) only; 3 is inside B(4, 2) only (d = 1 < 2); 6.5 is in none.
    #expect(pr.precision == 2.0 / 3)
    #expect(dc.density == 2.0 / 3)
    // Every real point is within 2 of 1 or 3 (synthetic radii 2): recall 1.
    #expect(pr.recall == 1)
    // Covered: 1 (copy at 0 < 1) and 4 (3 at 1 < 2); 0 and 2 have their nearest at exactly 1.
    #expect(dc.coverage == 0.5)
  }

  @Test("closed balls (authors' code): boundary points are inside")
  func closedBalls() throws {
    let pr = try PrecisionRecall.compute(real: real, synthetic: synthetic, k: 1, balls: .closed)
    let dc = try DensityCoverage.compute(real: real, synthetic: synthetic, k: 1, balls: .closed)
    // 1 is in B(0,1), B(1,1), B(2,1); 3 is in B(2,1), B(4,2); 6.5 in none: 5 hits.
    #expect(pr.precision == 2.0 / 3)
    #expect(dc.density == 5.0 / 3)
    #expect(pr.recall == 1)
    #expect(dc.coverage == 1)
  }

  @Test("realism: pruned radii, squared ratio plus 1e-5, as the authors' code")
  func realism() throws {
    // Squared radii 1, 1, 1, 4; their median is 1, so B(4) is pruned (radius set to 0).
    let scores = try Realism.compute(real: real, synthetic: synthetic, k: 1).scores
    #expect(isClose(scores[0], 1 / 1e-5, relative: 1e-15))  // copy of 1: 1 / (0 + 1e-5)
    #expect(isClose(scores[1], 1 / (1 + 1e-5), relative: 1e-15))  // 3 is at 1 from 2
    #expect(isClose(scores[2], 1 / (20.25 + 1e-5), relative: 1e-15))  // 6.5 is at 4.5 from 2
  }

  @Test("distance to the closest record: median, 5th percentile, exact copies")
  func closestRecord() throws {
    let holdout = PointCloud(rows: [[0.5], [5], [2]])
    let dcr = try DistanceToClosestRecord.compute(
      real: real, synthetic: synthetic, holdout: holdout)
    // Synthetic distances 0, 1, 2.5: median 1; p5 at position 0.1 between 0 and 1.
    #expect(dcr.synthetic.median == 1)
    #expect(isClose(dcr.synthetic.p5, 0.1, relative: 1e-15))
    #expect(dcr.synthetic.exactCopies == 1.0 / 3)
    // Holdout distances 0.5, 1, 0: median 0.5, one copy.
    #expect(dcr.holdout?.median == 0.5)
    #expect(dcr.holdout?.exactCopies == 1.0 / 3)
  }

  @Test("duplicates: an open ball of radius 0 holds nothing, a closed one holds its copies")
  func zeroRadius() throws {
    // Real {0, 0, 0, 5}, k = 2: the three zeros have radius 0, the 5 has radius 5.
    let real = PointCloud(rows: [[0], [0], [0], [5]])
    let synthetic = PointCloud(rows: [[0], [0], [7]])
    let open = try DensityCoverage.compute(real: real, synthetic: synthetic, k: 2, balls: .open)
    let closed = try DensityCoverage.compute(real: real, synthetic: synthetic, k: 2, balls: .closed)
    // Open: 0 is at 5 from the centre 5 (not < 5); 7 is at 2 < 5: one hit.
    #expect(open.density == 1.0 / 6)
    // Closed: each 0 is in the three zero balls and in B(5, 5); 7 is in B(5, 5): 9 hits.
    #expect(closed.density == 9.0 / 6)
    // Coverage: open covers only the ball of 5; closed covers all four.
    #expect(open.coverage == 0.25)
    #expect(closed.coverage == 1)
  }

  @Test("the report gathers the same numbers and runs the NDB/K test")
  func report() throws {
    let report = try SampleMetricsReport.compute(
      real: real, synthetic: synthetic, k: 1, balls: .closed, bins: 2, seed: 1)
    #expect(report.precision == 2.0 / 3)
    #expect(report.density == 5.0 / 3)
    #expect(report.dcr.synthetic.exactCopies == 1.0 / 3)
    #expect(report.vq?.bins == 2)
  }
}

@Suite("Ball boundaries")
struct BallBoundaryTests {
  @Test("the open threshold reproduces prdc's comparison of rounded square roots")
  func openThreshold() {
    var generator = SeededGenerator(seed: 5)
    for _ in 0..<2000 {
      let squaredRadius = generator.nextUniform(in: 0..<100)
      let radius = squaredRadius.squareRoot()
      let t = BallBoundary.open.threshold(squaredRadius: squaredRadius)
      #expect(t.squareRoot() >= radius)
      #expect(!(t.nextDown.squareRoot() >= radius))
    }
    #expect(BallBoundary.open.threshold(squaredRadius: 0) == 0)
  }

  @Test("the closed threshold is the next double above the squared radius")
  func closedThreshold() {
    #expect(BallBoundary.closed.threshold(squaredRadius: 4) == 4.0.nextUp)
    #expect(BallBoundary.closed.threshold(squaredRadius: 0) > 0)
  }
}
