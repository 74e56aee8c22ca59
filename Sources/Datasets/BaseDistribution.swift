import PointClouds

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A sample together with the mode each point was drawn from.
public struct LabelledSample: Sendable, Equatable {
  /// The points.
  public var cloud: PointCloud
  /// `modes[i]` is the mode of point `i`, in `0 ..< modeCount` of the distribution it was drawn
  /// from.
  public var modes: [Int]

  public init(cloud: PointCloud, modes: [Int]) {
    precondition(cloud.count == modes.count, "one mode per point")
    self.cloud = cloud
    self.modes = modes
  }
}

/// The distributions of tda-eval's experiments, one vocabulary for `tda-eval generate`, the
/// controlled failures and the benchmark tables: shapes with a known topology and a known partition
/// of their support into modes, so that a failure such as mode collapse is well defined. Each has
/// one sampler, ``sample(count:dimension:modes:using:)``.
///
/// Modes: the components of the two mixtures; the two circles of `.twoCircles`; for the connected
/// manifolds, `modeCount` equal sectors of one parameter (the angle of the circle, the azimuth of
/// the sphere, the long angle of the torus, the roll parameter t of the Swiss roll, the first
/// coordinate of the cube). Every distribution is fixed (no random centres): only the sample
/// depends on a seed. The cube and the Gaussian mixture can be sampled in any dimension (see
/// ``dimensions``); the others have a fixed ambient dimension.
public enum BaseDistribution: String, Sendable, CaseIterable, Codable {
  /// Five unit Gaussians centred on a regular pentagon of radius 6 in the first two coordinates
  /// (modes 7σ apart); in dimension d > 2 the other coordinates are unit Gaussians about 0.
  case gaussianMixture = "gaussian-mixture"
  /// The unit circle in R² (one H1 class); modes are five arcs of 72°.
  case circle
  /// Unit circles centred at (0, 0) and (3, 0) (two H0 and two H1 classes); a mode is a circle.
  case twoCircles = "two-circles"
  /// The torus of radii 2 and 1 in R³ (two H1 classes, one H2); modes are five sectors of the
  /// long angle.
  case torus
  /// The unit sphere S² in R³ (one H2 class); modes are five sectors of azimuth.
  case sphere
  /// The Swiss roll (t cos t, h, t sin t), t ∈ [1.5π, 4.5π], h ∈ [0, 21]: contractible; modes are
  /// five slices of t.
  case swissRoll = "swiss-roll"
  /// A tabular-like mixture in R¹⁶: five Gaussian clusters (spread 0.6) with fixed centres in
  /// [−2, 2]¹⁶, columns scaled by 0.5, 1, 2, 4 in turn, the last four columns rounded to integers
  /// (counts).
  case tabular
  /// The uniform distribution on the unit cube [0, 1]^d (contractible); modes are five slabs of
  /// the first coordinate.
  case cube

  /// The ambient dimension of a sample when none is chosen (2 for the cube and the mixture).
  public var dimension: Int {
    switch self {
    case .gaussianMixture, .circle, .twoCircles, .cube: 2
    case .torus, .sphere, .swissRoll: 3
    case .tabular: 16
    }
  }

  /// The ambient dimensions a sample can have: any for the cube, at least 2 for the Gaussian
  /// mixture, only ``dimension`` for the others.
  public var dimensions: ClosedRange<Int> {
    switch self {
    case .cube: 1...Int.max
    case .gaussianMixture: 2...Int.max
    default: dimension...dimension
    }
  }

  /// ``dimensions`` in words, for error messages.
  public var dimensionsDescription: String {
    switch self {
    case .cube, .gaussianMixture: "≥ \(dimensions.lowerBound) for \(rawValue)"
    default: "\(dimension) for \(rawValue)"
    }
  }

  /// The number of modes.
  public var modeCount: Int { self == .twoCircles ? 2 : 5 }

  /// The unit of each coordinate in which noise, jitter and translations are expressed: 1 except
  /// for the tabular mixture, whose columns have scales 0.5, 1, 2, 4 in turn.
  /// - Precondition: `dimension` (default ``dimension``) is in ``dimensions``.
  public func coordinateScales(dimension: Int? = nil) -> [Double] {
    let dimension = checkedDimension(dimension)
    return self == .tabular ? Self.tabularScales : Array(repeating: 1, count: dimension)
  }

  /// The shape sampled by the `wrongTopology` failure, or `nil` when none is defined: a shape
  /// covering about the same region with other Betti numbers.
  ///
  /// circle → two circles of radius 0.5 centred at (±0.6, 0); two circles → one circle of radius
  /// 1.5 centred at (1.5, 0); torus → the sphere of radius 2; sphere → the torus of radii 0.7 and
  /// 0.3; Gaussian mixture → a ring of radius 2 (width σ = 0.2) around each centre.
  public var hasWrongTopologyCounterpart: Bool {
    switch self {
    case .circle, .twoCircles, .torus, .sphere, .gaussianMixture: true
    case .swissRoll, .tabular, .cube: false
    }
  }

  /// `count` points in `dimension` (default ``dimension``); point `i` is drawn from mode
  /// `modes[i % modes.count]` (so modes are balanced). This is the one sampler of every
  /// distribution.
  /// - Precondition: `dimension` is in ``dimensions``; `modes` is non-empty and every mode is in
  ///   `0 ..< modeCount`.
  public func sample(
    count: Int, dimension: Int? = nil, modes: [Int]? = nil, using random: inout SeededGenerator
  ) -> LabelledSample {
    let dimension = checkedDimension(dimension)
    let modes = modes ?? Array(0..<modeCount)
    precondition(!modes.isEmpty && modes.allSatisfy { (0..<modeCount).contains($0) }, "bad modes")
    var values: [Double] = []
    values.reserveCapacity(count * dimension)
    var labels: [Int] = []
    labels.reserveCapacity(count)
    for i in 0..<count {
      let mode = modes[i % modes.count]
      appendPoint(mode: mode, dimension: dimension, to: &values, using: &random)
      labels.append(mode)
    }
    return LabelledSample(
      cloud: PointCloud(count: count, dimension: dimension, coordinates: values), modes: labels)
  }

  /// The cloud `tda-eval generate` writes: `count` points of every mode in `dimension` (default
  /// ``dimension``) drawn from `SeededGenerator(seed:)`, then, when `noise` > 0, independent
  /// Gaussian noise of standard deviation `noise` (in units of the coordinate scales) on every
  /// coordinate, drawn from the same generator.
  /// - Precondition: `dimension` is in ``dimensions``; `noise` ≥ 0.
  public func sample(count: Int, dimension: Int? = nil, noise: Double = 0, seed: UInt64)
    -> PointCloud
  {
    precondition(noise >= 0, "noise must be ≥ 0")
    var random = SeededGenerator(seed: seed)
    let clean = sample(count: count, dimension: dimension, using: &random)
    guard noise > 0 else { return clean.cloud }
    return ControlledFailures.perturbed(
      clean, sigma: noise, scales: coordinateScales(dimension: dimension), using: &random
    ).cloud
  }

  /// `dimension`, or ``dimension`` when nil, checked against ``dimensions``.
  private func checkedDimension(_ dimension: Int?) -> Int {
    let dimension = dimension ?? self.dimension
    precondition(
      dimensions.contains(dimension), "\(rawValue) cannot be sampled in dimension \(dimension)")
    return dimension
  }

  /// `count` points of the wrong-topology counterpart (see ``hasWrongTopologyCounterpart``) in
  /// `dimension` (default ``dimension``; the mixture's other coordinates are unit Gaussians as in
  /// ``sample(count:dimension:modes:using:)``), labelled by the counterpart's own modes.
  /// - Precondition: `hasWrongTopologyCounterpart`; `dimension` is in ``dimensions``.
  public func sampleWrongTopology(
    count: Int, dimension: Int? = nil, using random: inout SeededGenerator
  ) -> LabelledSample {
    precondition(hasWrongTopologyCounterpart, "\(rawValue) has no wrong-topology counterpart")
    let dimension = checkedDimension(dimension)
    var values: [Double] = []
    values.reserveCapacity(count * dimension)
    var labels: [Int] = []
    for i in 0..<count {
      let angle = 2 * Double.pi * random.nextUniform()
      switch self {
      case .circle:
        let mode = i % 2
        values += [0.5 * cos(angle) + (mode == 0 ? -0.6 : 0.6), 0.5 * sin(angle)]
        labels.append(mode)
      case .twoCircles:
        values += [1.5 + 1.5 * cos(angle), 1.5 * sin(angle)]
        labels.append(0)
      case .torus:
        values += Self.spherePoint(azimuth: angle, height: 2 * random.nextUniform() - 1).map {
          2 * $0
        }
        labels.append(0)
      case .sphere:
        let (x, y, z) = Self.torusPoint(
          u: angle, v: 2 * Double.pi * random.nextUniform(), major: 0.7, minor: 0.3)
        values += [x, y, z]
        labels.append(0)
      case .gaussianMixture:
        let mode = i % modeCount
        let (cx, cy) = Self.pentagonCentre(mode)
        let radius = 2 + 0.2 * random.nextGaussian()
        values += [cx + radius * cos(angle), cy + radius * sin(angle)]
        for _ in 2..<dimension { values.append(random.nextGaussian()) }
        labels.append(mode)
      case .swissRoll, .tabular, .cube:
        preconditionFailure("unreachable")
      }
    }
    return LabelledSample(
      cloud: PointCloud(count: count, dimension: dimension, coordinates: values), modes: labels)
  }

  /// Appends one point of `mode` in `dimension`.
  private func appendPoint(
    mode: Int, dimension: Int, to values: inout [Double], using random: inout SeededGenerator
  ) {
    let sector = (Double(mode) + random.nextUniform()) / Double(modeCount)
    switch self {
    case .gaussianMixture:
      let (cx, cy) = Self.pentagonCentre(mode)
      values += [cx + random.nextGaussian(), cy + random.nextGaussian()]
      for _ in 2..<dimension { values.append(random.nextGaussian()) }
    case .circle:
      let angle = 2 * Double.pi * sector
      values += [cos(angle), sin(angle)]
    case .twoCircles:
      let angle = 2 * Double.pi * random.nextUniform()
      values += [cos(angle) + 3 * Double(mode), sin(angle)]
    case .torus:
      let (x, y, z) = Self.torusPoint(
        u: 2 * Double.pi * sector, v: 2 * Double.pi * random.nextUniform(), major: 2, minor: 1)
      values += [x, y, z]
    case .sphere:
      values += Self.spherePoint(
        azimuth: 2 * Double.pi * sector, height: 2 * random.nextUniform() - 1)
    case .swissRoll:
      let t = 1.5 * Double.pi * (1 + 2 * sector)
      values += [t * cos(t), 21 * random.nextUniform(), t * sin(t)]
    case .tabular:
      for column in 0..<16 {
        let raw =
          Self.tabularScales[column]
          * (Self.tabularCentres[mode * 16 + column] + 0.6 * random.nextGaussian())
        values.append(column >= 12 ? raw.rounded() : raw)
      }
    case .cube:
      values.append(sector)
      for _ in 1..<dimension { values.append(random.nextUniform()) }
    }
  }

  /// Centre of mode `mode` of the Gaussian mixture: a vertex of the regular pentagon of radius 6.
  static func pentagonCentre(_ mode: Int) -> (Double, Double) {
    let angle = 2 * Double.pi * Double(mode) / 5
    return (6 * cos(angle), 6 * sin(angle))
  }

  /// The point of the unit sphere at `azimuth` and `height` z ∈ [−1, 1] (uniform z and azimuth give
  /// the uniform distribution, by Archimedes' theorem).
  static func spherePoint(azimuth: Double, height: Double) -> [Double] {
    let radius = (1 - height * height).squareRoot()
    return [radius * cos(azimuth), radius * sin(azimuth), height]
  }

  /// The point at long angle `u` and tube angle `v` of the torus of radii `major` (tube centre)
  /// and `minor` (tube): ((R + r cos v) cos u, (R + r cos v) sin u, r sin v).
  static func torusPoint(u: Double, v: Double, major: Double, minor: Double)
    -> (Double, Double, Double)
  {
    let distance = major + minor * cos(v)
    return (distance * cos(u), distance * sin(u), minor * sin(v))
  }

  /// Column scales of the tabular mixture.
  static let tabularScales: [Double] = (0..<16).map { [0.5, 1, 2, 4][$0 % 4] }

  /// Cluster centres of the tabular mixture (5 × 16, row-major), fixed by a constant seed.
  static let tabularCentres: [Double] = {
    var random = SeededGenerator(seed: 0x7AB1_E5EE_D000_0016)
    return (0..<(5 * 16)).map { _ in random.nextUniform(in: -2..<2) }
  }()
}
