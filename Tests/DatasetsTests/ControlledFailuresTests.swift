import Datasets
import Foundation
import PointClouds
import Testing
import _TestSupport

/// The angle of (x, y) in [0, 2π).
private func angle(_ x: Double, _ y: Double) -> Double {
  let a = atan2(y, x)
  return a < 0 ? a + 2 * Double.pi : a
}

/// Mean and standard deviation of `values`.
private func meanAndDeviation(_ values: [Double]) -> (mean: Double, deviation: Double) {
  let mean = values.reduce(0, +) / Double(values.count)
  let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1)
  return (mean, variance.squareRoot())
}

@Suite("Controlled failures of generative models")
struct ControlledFailuresTests {
  @Test("a seed fixes both samples (literals computed once)")
  func determinism() throws {
    let pair = try ControlledFailures.pair(base: .circle, failure: .faithful, count: 3, seed: 42)
    let again = try ControlledFailures.pair(base: .circle, failure: .faithful, count: 3, seed: 42)
    let other = try ControlledFailures.pair(base: .circle, failure: .faithful, count: 3, seed: 43)
    #expect(pair == again)
    #expect(pair.real.cloud != other.real.cloud)
    #expect(
      pair.real.cloud.coordinates == [
        0.9083840196661253, 0.41813690678438387, -0.7750963000242322, 0.6318431179404784,
        -0.9998528792625597, 0.017152837385374917,
      ])
    #expect(
      pair.synthetic.cloud.coordinates == [
        0.954599259146493, 0.2978930251566266, 0.30622035726381674, 0.9519606571687826,
        -0.9032405819175596, -0.42913453738568774,
      ])
    let tabular = try ControlledFailures.pair(
      base: .tabular, failure: .noise(sigma: 0.5), count: 2, seed: 7)
    #expect(
      Array(tabular.synthetic.cloud.coordinates.prefix(3)) == [
        0.5666172527346227, -0.7606971814420489, 3.5270393775840096,
      ])
  }

  @Test("real samples lie on their shape, in the dimension and modes announced")
  func realSamplesLieOnTheirShape() throws {
    for base in BaseDistribution.allCases {
      let pair = try ControlledFailures.pair(base: base, failure: .faithful, count: 100, seed: 1)
      let cloud = pair.real.cloud
      #expect(cloud.count == 100 && cloud.dimension == base.dimension)
      #expect(Set(pair.real.modes) == Set(0..<base.modeCount))
      for i in 0..<cloud.count {
        let p = Array(cloud[point: i])
        switch base {
        case .circle:
          #expect(isClose(hypot(p[0], p[1]), 1))
          #expect(Int(angle(p[0], p[1]) / (2 * .pi / 5)) == pair.real.modes[i])
        case .twoCircles:
          #expect(isClose(hypot(p[0] - 3 * Double(pair.real.modes[i]), p[1]), 1))
        case .sphere:
          #expect(isClose(hypot(hypot(p[0], p[1]), p[2]), 1))
          #expect(Int(angle(p[0], p[1]) / (2 * .pi / 5)) == pair.real.modes[i])
        case .torus:
          #expect(isClose(hypot(hypot(p[0], p[1]) - 2, p[2]), 1))
          #expect(Int(angle(p[0], p[1]) / (2 * .pi / 5)) == pair.real.modes[i])
        case .swissRoll:
          let t = hypot(p[0], p[2])
          #expect(t >= 1.5 * .pi - 1e-9 && t <= 4.5 * .pi + 1e-9 && (0...21).contains(p[1]))
          #expect(Int((t / (1.5 * .pi) - 1) / 2 * 5) == pair.real.modes[i])
        case .gaussianMixture:
          #expect(hypot(p[0], p[1]) < 12)
        case .tabular:
          #expect(p[12...].allSatisfy { $0 == $0.rounded() })
        case .cube:
          #expect(p.allSatisfy { (0..<1).contains($0) })
          #expect(Int(p[0] * 5) == pair.real.modes[i])
        }
      }
    }
  }

  @Test("mode collapse puts every synthetic point in mode 0")
  func modeCollapse() throws {
    let circle = try ControlledFailures.pair(
      base: .circle, failure: .modeCollapse, count: 200, seed: 3)
    #expect(circle.synthetic.modes.allSatisfy { $0 == 0 })
    for i in 0..<200 {
      let p = circle.synthetic.cloud[point: i]
      #expect(angle(p[p.startIndex], p[p.startIndex + 1]) < 2 * .pi / 5)
    }
    let mixture = try ControlledFailures.pair(
      base: .gaussianMixture, failure: .modeCollapse, count: 500, seed: 3)
    let xs = (0..<500).map { mixture.synthetic.cloud[$0, 0] }
    let ys = (0..<500).map { mixture.synthetic.cloud[$0, 1] }
    // Mode 0 is the unit Gaussian centred at (6, 0).
    #expect(abs(meanAndDeviation(xs).mean - 6) < 0.2 && abs(meanAndDeviation(ys).mean) < 0.2)
    #expect(abs(meanAndDeviation(xs).deviation - 1) < 0.1)
  }

  @Test("dropped modes keep round(kept × modes) modes, balanced", arguments: [0.2, 0.4, 0.6, 1.0])
  func droppedModes(kept: Double) throws {
    let pair = try ControlledFailures.pair(
      base: .torus, failure: .droppedModes(kept: kept), count: 100, seed: 5)
    let keptModes = Int((kept * 5).rounded())
    #expect(Set(pair.synthetic.modes) == Set(0..<keptModes))
    for mode in 0..<keptModes {
      // Round robin: the first 100 mod keptModes modes get one point more.
      let expected = 100 / keptModes + (mode < 100 % keptModes ? 1 : 0)
      #expect(pair.synthetic.modes.filter { $0 == mode }.count == expected)
    }
    for i in 0..<100 {
      let sector = Int(
        angle(pair.synthetic.cloud[i, 0], pair.synthetic.cloud[i, 1]) / (2 * .pi / 5))
      #expect(sector < keptModes)
    }
  }

  @Test("noise adds Gaussian noise of deviation σ to the faithful sample")
  func noise() throws {
    let faithful = try ControlledFailures.pair(
      base: .sphere, failure: .faithful, count: 400, seed: 9)
    let noisy = try ControlledFailures.pair(
      base: .sphere, failure: .noise(sigma: 0.3), count: 400, seed: 9)
    let none = try ControlledFailures.pair(
      base: .sphere, failure: .noise(sigma: 0), count: 400, seed: 9)
    #expect(none.synthetic == faithful.synthetic)
    #expect(noisy.real == faithful.real)
    let differences = zip(noisy.synthetic.cloud.coordinates, faithful.synthetic.cloud.coordinates)
      .map { $0 - $1 }
    let (mean, deviation) = meanAndDeviation(differences)
    #expect(abs(mean) < 0.03 && abs(deviation - 0.3) < 0.02)
  }

  @Test("memorisation copies distinct real rows exactly, or with jitter")
  func memorisation() throws {
    let exact = try ControlledFailures.pair(
      base: .tabular, failure: .memorisation(fraction: 0.25, jitter: 0), count: 40, seed: 11)
    let copied = exact.copiedRows.compactMap { $0 }
    #expect(copied.count == 10 && Set(copied).count == 10)
    for (row, source) in exact.copiedRows.enumerated() {
      if let source {
        #expect(exact.synthetic.cloud[point: row] == exact.real.cloud[point: source])
        #expect(exact.synthetic.modes[row] == exact.real.modes[source])
      } else {
        let copiesAnything = (0..<40).contains {
          exact.synthetic.cloud[point: row] == exact.real.cloud[point: $0]
        }
        #expect(!copiesAnything)
      }
    }
    let jittered = try ControlledFailures.pair(
      base: .tabular, failure: .memorisation(fraction: 0.25, jitter: 0.01), count: 40, seed: 11)
    #expect(jittered.copiedRows == exact.copiedRows)
    for (row, source) in jittered.copiedRows.enumerated() {
      let mine = Array(jittered.synthetic.cloud[point: row])
      let theirs = Array(exact.synthetic.cloud[point: row])
      if let source {
        #expect(mine != Array(exact.real.cloud[point: source]))
        // Within 6σ of the copy on every column (σ = 0.01 × column scale ≤ 0.04).
        #expect(zip(mine, theirs).allSatisfy { abs($0 - $1) < 0.24 })
      } else {
        #expect(mine == theirs)
      }
    }
    let none = try ControlledFailures.pair(
      base: .tabular, failure: .memorisation(fraction: 0, jitter: 0.5), count: 40, seed: 11)
    let faithful = try ControlledFailures.pair(
      base: .tabular, failure: .faithful, count: 40, seed: 11)
    #expect(none.synthetic == faithful.synthetic)
  }

  @Test("translation moves every point by the offset along the diagonal; scaling scales spread")
  func translationAndScaling() throws {
    let faithful = try ControlledFailures.pair(base: .torus, failure: .faithful, count: 50, seed: 2)
    let moved = try ControlledFailures.pair(
      base: .torus, failure: .translation(offset: 3), count: 50, seed: 2)
    for (a, b) in zip(moved.synthetic.cloud.coordinates, faithful.synthetic.cloud.coordinates) {
      #expect(isClose(a - b, 3 / 3.0.squareRoot(), relative: 1e-12, absolute: 1e-12))
    }
    let scaled = try ControlledFailures.pair(
      base: .torus, failure: .scaling(factor: 2.5), count: 50, seed: 2)
    for column in 0..<3 {
      let before = meanAndDeviation((0..<50).map { faithful.synthetic.cloud[$0, column] })
      let after = meanAndDeviation((0..<50).map { scaled.synthetic.cloud[$0, column] })
      #expect(isClose(after.mean, before.mean, absolute: 1e-12))
      #expect(isClose(after.deviation, 2.5 * before.deviation, relative: 1e-12))
    }
  }

  @Test("wrong topology: circle → two circles, torus → sphere, sphere → torus")
  func wrongTopology() throws {
    let circle = try ControlledFailures.pair(
      base: .circle, failure: .wrongTopology, count: 60, seed: 4)
    #expect(Set(circle.synthetic.modes) == [0, 1])
    for i in 0..<60 {
      let centre = circle.synthetic.modes[i] == 0 ? -0.6 : 0.6
      #expect(
        isClose(hypot(circle.synthetic.cloud[i, 0] - centre, circle.synthetic.cloud[i, 1]), 0.5))
    }
    let torus = try ControlledFailures.pair(
      base: .torus, failure: .wrongTopology, count: 60, seed: 4)
    for i in 0..<60 {
      let p = Array(torus.synthetic.cloud[point: i])
      #expect(isClose(hypot(hypot(p[0], p[1]), p[2]), 2))
    }
    let sphere = try ControlledFailures.pair(
      base: .sphere, failure: .wrongTopology, count: 60, seed: 4)
    for i in 0..<60 {
      let p = Array(sphere.synthetic.cloud[point: i])
      #expect(isClose(hypot(hypot(p[0], p[1]) - 0.7, p[2]), 0.3))
    }
    #expect(throws: PointCloudError.self) {
      try ControlledFailures.pair(base: .swissRoll, failure: .wrongTopology, count: 10, seed: 1)
    }
  }

  @Test("too few samples keeps round(fraction × count) points, at least one")
  func tooFewSamples() throws {
    let pair = try ControlledFailures.pair(
      base: .twoCircles, failure: .tooFewSamples(fraction: 0.1), count: 95, seed: 8)
    #expect(pair.real.cloud.count == 95 && pair.synthetic.cloud.count == 10)
    #expect(pair.copiedRows.count == 10)
    let one = try ControlledFailures.pair(
      base: .circle, failure: .tooFewSamples(fraction: 0.001), count: 20, seed: 8)
    #expect(one.synthetic.cloud.count == 1)
  }

  @Test(
    "parameters out of range are rejected with their name",
    arguments: [
      (Failure.droppedModes(kept: 0), "kept"), (.droppedModes(kept: 1.5), "kept"),
      (.noise(sigma: -1), "sigma"), (.noise(sigma: .nan), "sigma"),
      (.memorisation(fraction: 2, jitter: 0), "fraction"),
      (.memorisation(fraction: 0.5, jitter: -0.1), "jitter"),
      (.translation(offset: .infinity), "offset"), (.scaling(factor: 0), "factor"),
      (.tooFewSamples(fraction: 0), "fraction"),
    ])
  func badParameters(failure: Failure, name: String) {
    #expect {
      try ControlledFailures.pair(base: .circle, failure: failure, count: 10, seed: 1)
    } throws: { error in
      guard case .invalidParameter(let parameter, _, _) = error as? PointCloudError else {
        return false
      }
      return parameter == name
    }
  }

  @Test("a count below one is rejected")
  func badCount() {
    #expect(throws: PointCloudError.invalidParameter(name: "count", value: "0", allowed: "≥ 1")) {
      try ControlledFailures.pair(base: .circle, failure: .faithful, count: 0, seed: 1)
    }
  }
}
