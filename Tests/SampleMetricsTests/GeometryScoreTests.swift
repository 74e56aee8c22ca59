import Datasets
import Foundation
import PointClouds
import SampleMetrics
import Testing
import _TestSupport

@Suite("Geometry score: MRLT and score")
struct GeometryScoreTests {
  @Test(
    "the MRLT over the reference's landmark draws agrees with gudhi's to 1e-9 (distances cached or not)",
    arguments: ["circle", "two_circles", "blob", "gauss16", "grid_ties"], [0, 16_384])
  func mrltMatchesReference(name: String, cacheLimit: Int) throws {
    let (reference, cloud, landmarks) = try GeometryScoreReference.load(name)
    var score = GeometryScore(landmarks: reference.landmarks, imax: reference.imax)
    score.distanceCacheLimit = cacheLimit
    let mrlt = score.meanRelativeLivingTimes(
      of: cloud, landmarkSets: landmarks, gamma: reference.gamma)
    #expect(mrlt.count == reference.mrlt.count)
    #expect(zip(mrlt, reference.mrlt).allSatisfy { abs($0 - $1) <= 1e-9 })
  }

  @Test("gscore is the squared distance between the two reference MRLTs")
  func scoreOfReferenceLandmarks() throws {
    let (circle, circleCloud, circleLandmarks) = try GeometryScoreReference.load("circle")
    let (two, twoCloud, twoLandmarks) = try GeometryScoreReference.load("two_circles")
    let result = try GeometryScore(gamma: 1.0 / 8).evaluate(
      real: circleCloud, synthetic: twoCloud, realLandmarks: circleLandmarks,
      syntheticLandmarks: twoLandmarks)
    let expected = zip(circle.mrlt, two.mrlt).reduce(0.0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
    #expect(isClose(result.gscore, expected, relative: 1e-9))
    #expect(result.trials == 20 && result.landmarks == 32 && result.seed == nil)
  }

  /// The paper's toy comparison: a circle's MRLT sits on one hole, two circles' on two, a
  /// Gaussian blob's on none; a second circle scores far closer to the first than the others do.
  @Test("circle vs circle vs two circles vs a Gaussian blob rank as in the paper")
  func ranking() throws {
    func cloud(_ shape: BaseDistribution, seed: UInt64) -> PointCloud {
      shape.sample(count: 300, noise: 0.05, seed: seed)
    }
    // One mode of the Gaussian mixture: a single unit Gaussian blob.
    var random = SeededGenerator(seed: 4)
    let gaussian = BaseDistribution.gaussianMixture.sample(count: 300, modes: [0], using: &random)
    let circle = cloud(.circle, seed: 1)
    let score = GeometryScore(landmarks: 32, gamma: 1.0 / 8, trials: 40, seed: 5)
    let same = try score.evaluate(real: circle, synthetic: cloud(.circle, seed: 2))
    let two = try score.evaluate(real: circle, synthetic: cloud(.twoCircles, seed: 3))
    let blob = try score.evaluate(real: circle, synthetic: gaussian.cloud)
    #expect(same.mrltReal.indices.max { same.mrltReal[$0] < same.mrltReal[$1] } == 1)
    #expect(two.mrltSynthetic.indices.max { two.mrltSynthetic[$0] < two.mrltSynthetic[$1] } == 2)
    #expect(blob.mrltSynthetic[0] > 0.5)
    #expect(same.gscore < 0.01)
    #expect(two.gscore > 10 * same.gscore && blob.gscore > 10 * same.gscore)
  }

  @Test("the same seed gives the same score; another seed other landmarks")
  func reproducible() throws {
    let real = BaseDistribution.circle.sample(count: 120, noise: 0.05, seed: 1)
    let projected = BaseDistribution.twoCircles.sample(count: 150, noise: 0.05, seed: 1)
    let score = GeometryScore(landmarks: 16, gamma: 0.1, trials: 30, seed: 9)
    let first = try score.evaluate(real: real, synthetic: projected)
    let second = try score.evaluate(real: real, synthetic: projected)
    var other = score
    other.seed = 10
    let third = try other.evaluate(real: real, synthetic: projected)
    #expect(first == second)
    #expect(first.mrltReal != third.mrltReal)
    for threads in [1, 3] {
      var other = score
      other.threads = threads
      #expect(try other.evaluate(real: real, synthetic: projected) == first, "\(threads) threads")
    }
    #expect(first.gammaReal == 0.1 && first.seed == 9)
  }

  @Test("the default γ follows N: N / (128 · 5000), per cloud")
  func defaultGamma() throws {
    #expect(GeometryScore.defaultGamma(pointCount: 5000) == 1.0 / 128)
    let real = BaseDistribution.circle.sample(count: 100, seed: 1)
    let fake = BaseDistribution.circle.sample(count: 200, seed: 2)
    let result = try GeometryScore(landmarks: 8, trials: 3).evaluate(real: real, synthetic: fake)
    #expect(result.gammaReal == 100.0 / 640_000 && result.gammaSynthetic == 200.0 / 640_000)
    #expect(result.mrltReal.count == 100)
  }

  @Test("a cloud of one repeated point has no holes")
  func degenerateCloud() throws {
    let point = PointCloud(rows: Array(repeating: [1.0, 2.0], count: 10))
    let result = try GeometryScore(landmarks: 4, imax: 3, trials: 2).evaluate(
      real: point, synthetic: point)
    #expect(result.mrltReal == [1, 0, 0] && result.gscore == 0)
  }

  @Test(
    "bad parameters are rejected with their allowed range",
    arguments: [
      GeometryScore(landmarks: 0), GeometryScore(gamma: 0), GeometryScore(gamma: .nan),
      GeometryScore(gamma: -1), GeometryScore(imax: 0), GeometryScore(trials: 0),
    ])
  func badParameters(score: GeometryScore) {
    let cloud = PointCloud(rows: [[0.0], [1.0]])
    #expect(throws: PointCloudError.self) {
      try score.evaluate(real: cloud, synthetic: cloud)
    }
  }

  @Test("landmark sets of different shapes, or only one given, are rejected")
  func mismatchedSets() {
    let cloud = PointCloud(rows: [[0.0], [1.0], [3.0]])
    let two = LandmarkSets([[0, 1], [1, 2]])
    let three = LandmarkSets([[0, 1], [1, 2], [0, 2]])
    #expect(throws: LandmarkFileError.self) {
      try GeometryScore().evaluate(
        real: cloud, synthetic: cloud, realLandmarks: two, syntheticLandmarks: three)
    }
    #expect(throws: PointCloudError.self) {
      try GeometryScore().evaluate(real: cloud, synthetic: cloud, realLandmarks: two)
    }
    #expect(throws: PointCloudError.self) {
      try GeometryScore().evaluate(
        real: cloud, synthetic: PointCloud(rows: [[0.0, 1.0]]))
    }
  }
}
