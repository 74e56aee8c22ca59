import Datasets
import Foundation
import Testing
import _TestSupport

@testable import PointClouds
@testable import SampleMetrics

/// Agreement with the direct O(n·m) computations of `_TestSupport/MetricsOracles.swift` on
/// generated data (sizes chosen to cross the tile boundaries).
@Suite("Sample metrics against direct computations on generated data")
struct OracleAgreementTests {
  @Test(
    "precision, recall, density and coverage equal the direct definitions",
    arguments: [(BallBoundary.open, 3), (.closed, 3), (.open, 7), (.closed, 1)])
  func prdc(balls: BallBoundary, k: Int) throws {
    let real = BaseDistribution.gaussianMixture.sample(count: 270, dimension: 5, seed: 1)
    let synthetic = BaseDistribution.gaussianMixture.sample(
      count: 200, dimension: 5, noise: 0.1, seed: 2)
    let comparison = try ManifoldComparison(real: real, synthetic: synthetic, k: k, balls: balls)
    let expected = oraclePRDC(real: real, synthetic: synthetic, k: k, closed: balls == .closed)
    #expect(PrecisionRecall(comparison).precision == expected.precision)
    #expect(PrecisionRecall(comparison).recall == expected.recall)
    #expect(isClose(DensityCoverage(comparison).density, expected.density, relative: 1e-12))
    #expect(DensityCoverage(comparison).coverage == expected.coverage)
  }

  @Test("on integer data full of ties, both boundaries equal the direct definitions")
  func prdcOnGrid() throws {
    let real = gridCloud(count: 150, dimension: 2, levels: 6, seed: 11)
    let synthetic = gridCloud(count: 120, dimension: 2, levels: 7, seed: 12)
    for balls in BallBoundary.allCases {
      let comparison = try ManifoldComparison(real: real, synthetic: synthetic, k: 4, balls: balls)
      let expected = oraclePRDC(real: real, synthetic: synthetic, k: 4, closed: balls == .closed)
      #expect(PrecisionRecall(comparison).precision == expected.precision)
      #expect(PrecisionRecall(comparison).recall == expected.recall)
      #expect(DensityCoverage(comparison).density == expected.density)
      #expect(DensityCoverage(comparison).coverage == expected.coverage)
    }
  }

  @Test("exact KDE equals the direct sum of every kernel term", arguments: [0.3, 1.0, 4.0])
  func kernelDensity(h: Double) throws {
    let real = gaussianCloud(count: 90, dimension: 6, seed: 3)
    let synthetic = gaussianCloud(count: 70, dimension: 6, seed: 4, scale: 1.5, shift: 0.5)
    let result = try KernelDensityBaseline.compute(
      real: real, synthetic: synthetic, bandwidth: .fixed(h))
    #expect(isClose(result.synthGivenReal, oracleMeanLogDensity(of: synthetic, under: real, h: h)))
    #expect(isClose(result.realGivenSynth, oracleMeanLogDensity(of: real, under: synthetic, h: h)))
  }

  @Test("KDE stays exact where every kernel term underflows")
  func kernelDensityFarAway() throws {
    let real = gaussianCloud(count: 40, dimension: 3, seed: 5)
    let far = gaussianCloud(count: 10, dimension: 3, seed: 6, shift: 60)
    let values = try KernelDensityBaseline.logDensities(
      of: far, under: real, bandwidth: .fixed(0.2))
    #expect(values.allSatisfy { $0.isFinite })
    #expect(isClose(values.reduce(0, +) / 10, oracleMeanLogDensity(of: far, under: real, h: 0.2)))
  }
}

@Suite("Standardisation, vector quantisation and k-means")
struct StandardizationAndQuantizationTests {
  @Test("z-scoring uses the real set's means and population standard deviations")
  func standardize() throws {
    let real = PointCloud(rows: [[1, 10, 5], [3, 30, 5], [5, 20, 5]])
    let scaling = try Standardization(fittedTo: real)
    #expect(scaling.means == [3, 20, 5])
    #expect(isClose(scaling.scales[0], (8.0 / 3).squareRoot()))
    #expect(scaling.constantColumns == [2])
    #expect(scaling.scales[2] == 1)
    let scaled = scaling.apply(to: PointCloud(rows: [[3, 20, 7]]))
    #expect(scaled.coordinates == [0, 0, 2])
  }

  @Test("the report z-scores every set and lists constant columns")
  func reportStandardizes() throws {
    let real = PointCloud(rows: [[0, 1000, 1], [1, 3000, 1], [2, 2000, 1], [3, 0, 1]])
    let synthetic = PointCloud(rows: [[0, 1000, 1], [1, 3000, 1], [2, 2000, 1], [3, 100, 1]])
    let plain = try SampleMetricsReport.compute(real: real, synthetic: synthetic, k: 1)
    let scaled = try SampleMetricsReport.compute(
      real: real, synthetic: synthetic, k: 1, standardize: true)
    #expect(scaled.constantColumns == [2])
    #expect(plain.constantColumns == nil)
    #expect(isClose(plain.dcr.synthetic.mean, 25))  // 100 / 4 rows
    #expect(isClose(scaled.dcr.synthetic.mean, 25 / (1_250_000.0).squareRoot()))  // sd of column 2
  }

  @Test("k-means++ and Lloyd are deterministic per seed")
  func kMeansDeterminism() {
    let cloud = BaseDistribution.gaussianMixture.sample(count: 300, dimension: 3, seed: 4)
    let first = KMeans(cloud, clusters: 8, seed: 42)
    let again = KMeans(cloud, clusters: 8, seed: 42)
    let other = KMeans(cloud, clusters: 8, seed: 43)
    #expect(first.centres == again.centres)
    #expect(first.assignments == again.assignments)
    #expect(first.centres != other.centres)
  }

  @Test("k-means separates two far clusters; the centres are their means")
  func kMeansTwoClusters() {
    let cloud = PointCloud(rows: [[0, 0], [0, 2], [100, 0], [100, 4], [100, 2]])
    let result = KMeans(cloud, clusters: 2, seed: 7)
    let centres = Set(result.centres.rows)
    #expect(centres == [[0, 1], [100, 2]])
    #expect(result.assignments[0] == result.assignments[1])
    #expect(result.assignments[2] == result.assignments[4])
    #expect(result.assignments[0] != result.assignments[2])
  }

  @Test("NDB/K: identical sets differ in no bin; a set piled into one cluster differs")
  func ndb() throws {
    let real = BaseDistribution.gaussianMixture.sample(count: 400, dimension: 2, seed: 8)
    let same = try VectorQuantization.compute(real: real, synthetic: real, bins: 10, seed: 1)
    #expect(same.different == 0)
    #expect(same.jsd == 0)
    #expect(same.realProportions == same.syntheticProportions)
    #expect(isClose(same.realProportions.reduce(0, +), 1))
    let collapsed = real.selecting(points: Array(repeating: 0, count: 400))
    let bad = try VectorQuantization.compute(real: real, synthetic: collapsed, bins: 10, seed: 1)
    #expect(bad.different >= 9)
    #expect(bad.jsd > 0.3 && bad.jsd <= Foundation.log(2) + 1e-15)
  }
}

@Suite("k-d tree and brute-force passes agree")
struct TreePathTests {
  @Test(
    "every per-sample quantity is identical on both paths, on ties and on generic data",
    arguments: BallBoundary.allCases)
  func samePerSampleResults(balls: BallBoundary) throws {
    let cases = [
      (
        gaussianCloud(count: 600, dimension: 3, seed: 41),
        gaussianCloud(count: 550, dimension: 3, seed: 42, scale: 1.3)
      ),
      (
        gridCloud(count: 600, dimension: 2, levels: 9, seed: 43),
        gridCloud(count: 520, dimension: 2, levels: 10, seed: 44)
      ),
    ]
    for (real, synthetic) in cases {
      for k in [1, 5] {
        let tree = try ManifoldComparison(
          real: real, synthetic: synthetic, k: k, balls: balls, progress: nil, useTrees: true)
        let brute = try ManifoldComparison(
          real: real, synthetic: synthetic, k: k, balls: balls, progress: nil, useTrees: false)
        #expect(tree.realSquaredRadii == brute.realSquaredRadii)
        #expect(tree.syntheticSquaredRadii == brute.syntheticSquaredRadii)
        #expect(tree.realBallsContaining == brute.realBallsContaining)
        #expect(tree.realInSyntheticManifold == brute.realInSyntheticManifold)
        #expect(tree.realToSyntheticSquared == brute.realToSyntheticSquared)
        #expect(tree.syntheticToRealSquared == brute.syntheticToRealSquared)
        #expect(zip(tree.realism, brute.realism).allSatisfy { isClose($0, $1, relative: 1e-15) })
      }
    }
  }
}
