import Foundation
import TDAEval

// Slow, obvious implementations of the k-NN and KDE quantities, for tests only: every distance is
// computed on its own, every row is sorted, nothing is blocked or parallel.

/// The squared distance between points `i` of `a` and `j` of `b`, summed as the library documents
/// for every nearest-neighbour result: coordinate c goes to partial sum c mod 4, and the result is
/// (s0 + s1) + (s2 + s3).
public func oracleSquaredDistance(_ a: PointCloud, _ i: Int, _ b: PointCloud, _ j: Int) -> Double {
  var partial = [0.0, 0.0, 0.0, 0.0]
  let blocked = a.dimension - a.dimension % 4
  for c in 0..<a.dimension {
    let t = a[i, c] - b[j, c]
    // Coordinates past the last full group of four all go to the first partial sum.
    partial[c < blocked ? c % 4 : 0] += t * t
  }
  return (partial[0] + partial[1]) + (partial[2] + partial[3])
}

/// For every point, the k-th smallest squared distance to the other points (by index) of `cloud`.
public func oracleKthNeighborSquaredDistances(_ cloud: PointCloud, k: Int) -> [Double] {
  (0..<cloud.count).map { i in
    let others = (0..<cloud.count).filter { $0 != i }.map {
      oracleSquaredDistance(cloud, i, cloud, $0)
    }
    return others.sorted()[k - 1]
  }
}

/// For every query, the first index of a nearest reference and the squared distance to it.
public func oracleNearest(from queries: PointCloud, to references: PointCloud) -> [(Int, Double)] {
  (0..<queries.count).map { q in
    var best = (0, Double.infinity)
    for r in 0..<references.count {
      let value = oracleSquaredDistance(queries, q, references, r)
      if value < best.1 { best = (r, value) }
    }
    return best
  }
}

/// Precision, recall, density and coverage from the definitions: open balls compare Euclidean
/// distances with `<` (prdc), closed balls compare squared distances with `<=` (Kynkäänniemi et
/// al.).
public func oraclePRDC(real: PointCloud, synthetic: PointCloud, k: Int, closed: Bool) -> (
  precision: Double, recall: Double, density: Double, coverage: Double
) {
  let realRadii = oracleKthNeighborSquaredDistances(real, k: k)
  let syntheticRadii = oracleKthNeighborSquaredDistances(synthetic, k: k)
  func inside(_ squaredDistance: Double, _ squaredRadius: Double) -> Bool {
    closed
      ? squaredDistance <= squaredRadius
      : squaredDistance.squareRoot() < squaredRadius.squareRoot()
  }
  var inReal = 0
  var count = 0
  for j in 0..<synthetic.count {
    let hits = (0..<real.count).filter {
      inside(oracleSquaredDistance(synthetic, j, real, $0), realRadii[$0])
    }.count
    count += hits
    if hits > 0 { inReal += 1 }
  }
  var inSynthetic = 0
  var covered = 0
  for i in 0..<real.count {
    let distances = (0..<synthetic.count).map { oracleSquaredDistance(real, i, synthetic, $0) }
    if distances.indices.contains(where: { inside(distances[$0], syntheticRadii[$0]) }) {
      inSynthetic += 1
    }
    if inside(distances.min()!, realRadii[i]) { covered += 1 }
  }
  return (
    Double(inReal) / Double(synthetic.count), Double(inSynthetic) / Double(real.count),
    Double(count) / Double(k * synthetic.count), Double(covered) / Double(real.count)
  )
}

/// The mean log density of `points` under the isotropic Gaussian KDE of `fitted` with bandwidth h,
/// summing every kernel term directly (shifted by the largest exponent of each point).
public func oracleMeanLogDensity(of points: PointCloud, under fitted: PointCloud, h: Double)
  -> Double
{
  let d = Double(fitted.dimension)
  var total = 0.0
  for q in 0..<points.count {
    let exponents = (0..<fitted.count).map {
      -oracleSquaredDistance(points, q, fitted, $0) / (2 * h * h)
    }
    let shift = exponents.max()!
    let sum = exponents.reduce(0) { $0 + Foundation.exp($1 - shift) }
    total += shift + Foundation.log(sum)
  }
  return total / Double(points.count) - Foundation.log(Double(fitted.count))
    - d / 2 * Foundation.log(2 * Double.pi * h * h)
}

/// A cloud of `count` standard normal points in `dimension` dimensions, scaled and shifted.
public func gaussianCloud(
  count: Int, dimension: Int, seed: UInt64, scale: Double = 1, shift: Double = 0
) -> PointCloud {
  var generator = SeededGenerator(seed: seed)
  return PointCloud(
    count: count, dimension: dimension,
    coordinates: (0..<count * dimension).map { _ in shift + scale * generator.nextGaussian() })
}

/// A cloud of `count` points with integer coordinates in 0..<levels: full of ties and duplicates.
public func gridCloud(count: Int, dimension: Int, levels: Int, seed: UInt64) -> PointCloud {
  var generator = SeededGenerator(seed: seed)
  return PointCloud(
    count: count, dimension: dimension,
    coordinates: (0..<count * dimension).map { _ in Double(generator.nextInt(below: levels)) })
}
