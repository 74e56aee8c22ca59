import PointClouds

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The shapes that ``Generator`` can sample.
public enum Shape: String, Sendable, CaseIterable, Codable {
  /// Uniform in the unit cube [0, 1]^d.
  case cube
  /// A mixture of Gaussian blobs in R^d with centres uniform in [−10, 10]^d, unit spread.
  case gaussianMixture = "gaussian-mixture"
  /// The unit circle in R² (H1 = 1 bar).
  case circle
  /// Two disjoint unit circles in R², centres 3 apart (H0 = 2, H1 = 2).
  case twoCircles = "two-circles"
  /// The unit sphere S² in R³ (H2 = 1 bar).
  case sphere
  /// A torus in R³, radii 2 and 1 (H1 = 2, H2 = 1).
  case torus
  /// The Swiss roll in R³ (a rolled-up rectangle: contractible).
  case swissRoll = "swiss-roll"
}

/// Seeded samplers of point clouds with known shape; every sample is fixed by its seed.
public enum Generator {
  /// `count` points of `shape`, each coordinate then perturbed by Gaussian noise of standard
  /// deviation `noise`. `dimension` is used by `.cube` and `.gaussianMixture` (others have a fixed
  /// ambient dimension) and `components` by `.gaussianMixture`.
  public static func sample(
    _ shape: Shape, count: Int, dimension: Int = 2, components: Int = 5, noise: Double = 0,
    seed: UInt64
  ) -> PointCloud {
    var random = SeededGenerator(seed: seed)
    let clean: PointCloud
    switch shape {
    case .cube: clean = cube(count: count, dimension: dimension, using: &random)
    case .gaussianMixture:
      clean = gaussianMixture(
        count: count, dimension: dimension, components: components, using: &random)
    case .circle: clean = circle(count: count, using: &random)
    case .twoCircles: clean = twoCircles(count: count, using: &random)
    case .sphere: clean = sphere(count: count, using: &random)
    case .torus: clean = torus(count: count, using: &random)
    case .swissRoll: clean = swissRoll(count: count, using: &random)
    }
    return noise > 0 ? addingNoise(to: clean, sigma: noise, using: &random) : clean
  }

  /// Uniform points in [0, 1]^`dimension`.
  public static func cube(count: Int, dimension: Int, using random: inout SeededGenerator)
    -> PointCloud
  {
    let values = (0..<(count * dimension)).map { _ in random.nextUniform() }
    return PointCloud(count: count, dimension: dimension, coordinates: values)
  }

  /// `components` isotropic unit Gaussians with centres uniform in [−10, 10]^`dimension`;
  /// point i belongs to component i mod `components`.
  public static func gaussianMixture(
    count: Int, dimension: Int, components: Int, using random: inout SeededGenerator
  ) -> PointCloud {
    let centres = (0..<(components * dimension)).map { _ in random.nextUniform(in: -10..<10) }
    var values: [Double] = []
    values.reserveCapacity(count * dimension)
    for i in 0..<count {
      let c = i % components
      for k in 0..<dimension { values.append(centres[c * dimension + k] + random.nextGaussian()) }
    }
    return PointCloud(count: count, dimension: dimension, coordinates: values)
  }

  /// Points uniform in angle on the unit circle.
  public static func circle(count: Int, using random: inout SeededGenerator) -> PointCloud {
    var values: [Double] = []
    values.reserveCapacity(2 * count)
    for _ in 0..<count {
      let angle = 2 * Double.pi * random.nextUniform()
      values += [cos(angle), sin(angle)]
    }
    return PointCloud(count: count, dimension: 2, coordinates: values)
  }

  /// Two unit circles centred at (0, 0) and (3, 0); point i lies on circle i mod 2.
  public static func twoCircles(count: Int, using random: inout SeededGenerator) -> PointCloud {
    var values: [Double] = []
    values.reserveCapacity(2 * count)
    for i in 0..<count {
      let angle = 2 * Double.pi * random.nextUniform()
      values += [cos(angle) + Double(i % 2) * 3, sin(angle)]
    }
    return PointCloud(count: count, dimension: 2, coordinates: values)
  }

  /// Points uniform on the unit sphere S² (normalised Gaussian vectors).
  public static func sphere(count: Int, using random: inout SeededGenerator) -> PointCloud {
    var values: [Double] = []
    values.reserveCapacity(3 * count)
    var made = 0
    while made < count {
      let v = (random.nextGaussian(), random.nextGaussian(), random.nextGaussian())
      let norm = (v.0 * v.0 + v.1 * v.1 + v.2 * v.2).squareRoot()
      if norm < 1e-12 { continue }
      values += [v.0 / norm, v.1 / norm, v.2 / norm]
      made += 1
    }
    return PointCloud(count: count, dimension: 3, coordinates: values)
  }

  /// Points uniform in both angles on the torus of radii 2 (tube centre) and 1 (tube) in R³.
  public static func torus(count: Int, using random: inout SeededGenerator) -> PointCloud {
    var values: [Double] = []
    values.reserveCapacity(3 * count)
    for _ in 0..<count {
      let u = 2 * Double.pi * random.nextUniform()
      let (x, y, z) = torusPoint(u: u, v: 2 * Double.pi * random.nextUniform(), major: 2, minor: 1)
      values += [x, y, z]
    }
    return PointCloud(count: count, dimension: 3, coordinates: values)
  }

  /// The Swiss roll: t uniform in [1.5π, 4.5π], height uniform in [0, 21], point (t cos t, h, t sin
  /// t).
  public static func swissRoll(count: Int, using random: inout SeededGenerator) -> PointCloud {
    var values: [Double] = []
    values.reserveCapacity(3 * count)
    for _ in 0..<count {
      let t = 1.5 * Double.pi * (1 + 2 * random.nextUniform())
      let (x, y, z) = swissRollPoint(t: t, height: 21 * random.nextUniform())
      values += [x, y, z]
    }
    return PointCloud(count: count, dimension: 3, coordinates: values)
  }

  /// The point at long angle `u` and tube angle `v` of the torus of radii `major` (tube centre)
  /// and `minor` (tube): ((R + r cos v) cos u, (R + r cos v) sin u, r sin v).
  static func torusPoint(u: Double, v: Double, major: Double, minor: Double)
    -> (Double, Double, Double)
  {
    let distance = major + minor * cos(v)
    return (distance * cos(u), distance * sin(u), minor * sin(v))
  }

  /// The point (t cos t, height, t sin t) of the Swiss roll.
  static func swissRollPoint(t: Double, height: Double) -> (Double, Double, Double) {
    (t * cos(t), height, t * sin(t))
  }

  /// `cloud` with independent Gaussian noise of standard deviation `sigma` on every coordinate.
  public static func addingNoise(
    to cloud: PointCloud, sigma: Double, using random: inout SeededGenerator
  ) -> PointCloud {
    let values = cloud.coordinates.map { $0 + sigma * random.nextGaussian() }
    return PointCloud(
      count: cloud.count, dimension: cloud.dimension, coordinates: values,
      columnNames: cloud.columnNames)
  }
}
