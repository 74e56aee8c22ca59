import Datasets
import Foundation
import PointClouds
import Testing
import _TestSupport

@Suite("The one sampler of the base distributions")
struct BaseDistributionSamplingTests {
  @Test(
    "every distribution is reproducible per seed, in its own dimension by default",
    arguments: BaseDistribution.allCases)
  func reproducible(base: BaseDistribution) {
    let a = base.sample(count: 40, noise: 0.1, seed: 9)
    #expect(a == base.sample(count: 40, noise: 0.1, seed: 9))
    #expect(a != base.sample(count: 40, noise: 0.1, seed: 10))
    #expect(a.count == 40 && a.dimension == base.dimension)
    let expected: [BaseDistribution: Int] = [
      .cube: 2, .gaussianMixture: 2, .circle: 2, .twoCircles: 2, .sphere: 3, .torus: 3,
      .swissRoll: 3, .tabular: 16,
    ]
    #expect(base.dimension == expected[base])
  }

  @Test("the cube and the mixture take any dimension from their lower bound, the others one")
  func dimensions() throws {
    #expect(BaseDistribution.cube.dimensions.lowerBound == 1)
    #expect(BaseDistribution.gaussianMixture.dimensions.lowerBound == 2)
    for base in BaseDistribution.allCases where base != .cube && base != .gaussianMixture {
      #expect(base.dimensions == base.dimension...base.dimension)
    }
    #expect(BaseDistribution.cube.sample(count: 3, dimension: 7, seed: 1).dimension == 7)
    #expect(
      throws: PointCloudError.invalidParameter(
        name: "dimension", value: "4", allowed: "3 for torus")
    ) {
      try ControlledFailures.pair(
        base: .torus, failure: .faithful, count: 5, dimension: 4, seed: 1)
    }
    #expect(
      throws: PointCloudError.invalidParameter(
        name: "dimension", value: "1", allowed: "≥ 2 for gaussian-mixture")
    ) {
      try ControlledFailures.pair(
        base: .gaussianMixture, failure: .faithful, count: 5, dimension: 1, seed: 1)
    }
  }

  @Test("the cube's first point is the first two uniforms of the seed, the first in slab 0")
  func cubeFromTheGenerator() {
    let cube = BaseDistribution.cube.sample(count: 1, seed: 0)
    // SplitMix64 of seed 0: its first two outputs, as 53-bit uniforms in [0, 1).
    let first = Double(UInt64(0xE220_A839_7B1D_CDAF) >> 11) * 0x1p-53
    let second = Double(UInt64(0x6E78_9E6A_A1B9_65F4) >> 11) * 0x1p-53
    #expect(cube.coordinates == [first / 5, second])
  }

  @Test("the mixture in d > 2: the plane sample's modes, other coordinates unit Gaussians")
  func mixtureInHigherDimension() {
    #expect(
      BaseDistribution.gaussianMixture.sample(count: 50, dimension: 2, seed: 3)
        == BaseDistribution.gaussianMixture.sample(count: 50, seed: 3))
    var random = SeededGenerator(seed: 5)
    let sample = BaseDistribution.gaussianMixture.sample(count: 4000, dimension: 6, using: &random)
    let cloud = sample.cloud
    var extra: [Double] = []
    for i in 0..<cloud.count {
      let angle = 2 * Double.pi * Double(sample.modes[i]) / 5
      // Mode m is the unit Gaussian about (6 cos 2πm/5, 6 sin 2πm/5) in the first two.
      #expect(hypot(cloud[i, 0] - 6 * cos(angle), cloud[i, 1] - 6 * sin(angle)) < 6)
      extra += (2..<6).map { cloud[i, $0] }
    }
    let mean = extra.reduce(0, +) / Double(extra.count)
    let variance = extra.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(extra.count)
    #expect(abs(mean) < 0.05 && abs(variance - 1) < 0.05)
  }

  @Test("noise is drawn after the clean sample and moves coordinates by σ times their scale")
  func noiseScale() {
    for base in [BaseDistribution.circle, .tabular] {
      let clean = base.sample(count: 2000, seed: 4)
      let noisy = base.sample(count: 2000, noise: 0.05, seed: 4)
      let scales = base.coordinateScales()
      let d = base.dimension
      for column in 0..<d {
        let deviations = (0..<clean.count).map {
          (noisy[$0, column] - clean[$0, column]) / scales[column]
        }
        let rms = (deviations.map { $0 * $0 }.reduce(0, +) / Double(clean.count)).squareRoot()
        #expect(abs(rms - 0.05) < 0.005, "\(base) column \(column)")
      }
    }
  }
}
