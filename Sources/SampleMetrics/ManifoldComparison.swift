import PointClouds

/// Everything the k-NN manifold metrics need about a real set X (N points) and a synthetic set Y
/// (M points), computed in three exact passes: the k-th neighbour radii within X and within Y,
/// then one streamed pass over all pairs (Y_j, X_i).
///
/// Precision, recall, density, coverage, realism and the distance to the closest record are all
/// read off this; ``SampleMetricsReport`` computes it once for all of them.
/// Complexity: O((N² + M² + NM) d) time, O((N + M) (d + k)) memory.
public struct ManifoldComparison: Sendable {
  /// The neighbourhood size k.
  public let k: Int
  /// Open or closed balls.
  public let balls: BallBoundary
  /// NND_k(X_i)², the squared radius of the ball around each real point.
  public let realSquaredRadii: [Double]
  /// NND_k(Y_j)², the squared radius of the ball around each synthetic point.
  public let syntheticSquaredRadii: [Double]
  /// For each synthetic point, the number of real balls that contain it.
  public let realBallsContaining: [Int]
  /// For each real point, whether it lies in at least one synthetic ball.
  public let realInSyntheticManifold: [Bool]
  /// For each real point, the squared distance to its nearest synthetic point.
  public let realToSyntheticSquared: [Double]
  /// For each synthetic point, the squared distance to its nearest real point.
  public let syntheticToRealSquared: [Double]
  /// For each synthetic point, the realism score (see ``Realism``).
  public let realism: [Double]

  /// Runs the three passes.
  /// - Throws: ``SampleMetricsError`` when a set is empty, has NaN/infinite values, has at most k
  ///   points, or the dimensions differ, or k < 1.
  public init(
    real: PointCloud, synthetic: PointCloud, k: Int = 5, balls: BallBoundary = .open,
    progress: ProgressHandler? = nil
  ) throws {
    try self.init(
      real: real, synthetic: synthetic, k: k, balls: balls, progress: progress,
      useTrees: KDTree.isPreferred(
        dimension: real.dimension, count: Swift.max(real.count, synthetic.count)))
  }

  /// Runs the passes on k-d trees (`useTrees`) or by blocked brute force.
  init(
    real: PointCloud, synthetic: PointCloud, k: Int, balls: BallBoundary,
    progress: ProgressHandler?, useTrees: Bool
  ) throws {
    guard k >= 1 else {
      throw SampleMetricsError.invalidParameter(name: "k", value: "\(k)", allowed: "at least 1")
    }
    try validate(real, named: "real", minimum: 1)
    try validate(synthetic, named: "synthetic", minimum: 1)
    try validateSameDimension(real, named: "real", synthetic, named: "synthetic")
    for (name, cloud) in [("real", real), ("synthetic", synthetic)] where k >= cloud.count {
      throw SampleMetricsError.invalidParameter(
        name: "k", value: "\(k)",
        allowed: "in 1...\(cloud.count - 1) (below the \(cloud.count) points of the \(name) set)")
    }
    try Self.checkMemory(counts: (real.count, synthetic.count), k: k, rows: "points")
    self.k = k
    self.balls = balls
    let realTree = useTrees ? KDTree(real) : nil
    let syntheticTree = useTrees ? KDTree(synthetic) : nil
    if let realTree, let syntheticTree {
      realSquaredRadii = NearestNeighbors.kthNeighborSquaredDistances(
        in: real, k: k, tree: realTree)
      syntheticSquaredRadii = NearestNeighbors.kthNeighborSquaredDistances(
        in: synthetic, k: k, tree: syntheticTree)
    } else {
      realSquaredRadii = NearestNeighbors.bruteForceKthNeighborSquaredDistances(
        in: real, k: k, progress: progress)
      syntheticSquaredRadii = NearestNeighbors.bruteForceKthNeighborSquaredDistances(
        in: synthetic, k: k, progress: progress)
    }

    let n = real.count
    let m = synthetic.count
    let realThresholds = realSquaredRadii.map { balls.threshold(squaredRadius: $0) }
    let syntheticThresholds = syntheticSquaredRadii.map { balls.threshold(squaredRadius: $0) }
    let prunedRadii = Realism.prunedSquaredRadii(realSquaredRadii)

    var containing = [Int](repeating: 0, count: m)
    var nearestReal = [Double](repeating: .infinity, count: m)
    var bestRealism = [Double](repeating: 0, count: m)
    var nearestSynthetic = [Double](repeating: .infinity, count: n)
    var inSynthetic = [Bool](repeating: false, count: n)
    if let realTree, let syntheticTree {
      // Low dimension: branch and bound on k-d trees, one search per point and direction.
      let realThresholdMaxima = realTree.nodeMaxima(realThresholds)
      let prunedMaxima = realTree.nodeMaxima(prunedRadii)
      let syntheticThresholdMaxima = syntheticTree.nodeMaxima(syntheticThresholds)
      containing.withUnsafeMutableBufferPointer { containing in
        nearestReal.withUnsafeMutableBufferPointer { nearestReal in
          bestRealism.withUnsafeMutableBufferPointer { bestRealism in
            let outputs = (
              SharedOutput(base: containing.baseAddress!),
              SharedOutput(base: nearestReal.baseAddress!),
              SharedOutput(base: bestRealism.baseAddress!)
            )
            KDTree.forEachQuery(synthetic) { j, query in
              var count = 0
              var nearest = Double.infinity
              var realism = 0.0
              realTree.search(
                query,
                prune: { node, distance in
                  distance >= realThresholdMaxima[node] && distance > nearest
                    && prunedMaxima[node] < realism * (distance + Realism.epsilon)
                }
              ) { i, v in
                count += v < realThresholds[i] ? 1 : 0
                nearest = min(nearest, v)
                realism = max(realism, prunedRadii[i] / (v + Realism.epsilon))
              }
              outputs.0.base[j] = count
              outputs.1.base[j] = nearest
              outputs.2.base[j] = realism
            }
          }
        }
      }
      nearestSynthetic.withUnsafeMutableBufferPointer { nearestSynthetic in
        inSynthetic.withUnsafeMutableBufferPointer { inSynthetic in
          let outputs = (
            SharedOutput(base: nearestSynthetic.baseAddress!),
            SharedOutput(base: inSynthetic.baseAddress!)
          )
          KDTree.forEachQuery(real) { i, query in
            var nearest = Double.infinity
            var inside = false
            syntheticTree.search(
              query,
              prune: { node, distance in
                distance > nearest && (inside || distance >= syntheticThresholdMaxima[node])
              }
            ) { j, v in
              nearest = min(nearest, v)
              if v < syntheticThresholds[j] { inside = true }
            }
            outputs.0.base[i] = nearest
            outputs.1.base[i] = inside
          }
        }
      }
    } else {
      let consumers = containing.withUnsafeMutableBufferPointer { containing in
        nearestReal.withUnsafeMutableBufferPointer { nearestReal in
          bestRealism.withUnsafeMutableBufferPointer { bestRealism in
            realThresholds.withUnsafeBufferPointer { realThresholds in
              syntheticThresholds.withUnsafeBufferPointer { syntheticThresholds in
                prunedRadii.withUnsafeBufferPointer { prunedRadii in
                  BoundedSquaredDistanceTiles.run(
                    queries: synthetic, references: real, progress: progress
                  ) { _ in
                    CrossPass(
                      realThresholds: realThresholds.baseAddress!,
                      syntheticThresholds: syntheticThresholds.baseAddress!,
                      prunedRadii: prunedRadii.baseAddress!,
                      containing: containing.baseAddress!, nearestReal: nearestReal.baseAddress!,
                      bestRealism: bestRealism.baseAddress!, realCount: n)
                  }
                }
              }
            }
          }
        }
      }
      for consumer in consumers {
        for i in 0..<n {
          nearestSynthetic[i] = min(nearestSynthetic[i], consumer.nearestSynthetic[i])
          inSynthetic[i] = inSynthetic[i] || consumer.inSyntheticBall[i]
        }
      }
    }
    realBallsContaining = containing
    syntheticToRealSquared = nearestReal
    realism = bestRealism
    realToSyntheticSquared = nearestSynthetic
    realInSyntheticManifold = inSynthetic
  }

  /// A comparison from its parts (for passes under other distances).
  init(
    k: Int, balls: BallBoundary, realSquaredRadii: [Double], syntheticSquaredRadii: [Double],
    realBallsContaining: [Int], realInSyntheticManifold: [Bool], realToSyntheticSquared: [Double],
    syntheticToRealSquared: [Double], realism: [Double]
  ) {
    self.k = k
    self.balls = balls
    self.realSquaredRadii = realSquaredRadii
    self.syntheticSquaredRadii = syntheticSquaredRadii
    self.realBallsContaining = realBallsContaining
    self.realInSyntheticManifold = realInSyntheticManifold
    self.realToSyntheticSquared = realToSyntheticSquared
    self.syntheticToRealSquared = syntheticToRealSquared
    self.realism = realism
  }

  /// Whether each real point's ball contains at least one synthetic point (the coverage event):
  /// its nearest synthetic point is inside.
  public var realBallCovered: [Bool] {
    zip(realToSyntheticSquared, realSquaredRadii).map { nearest, radius in
      nearest < balls.threshold(squaredRadius: radius)
    }
  }
}

/// One worker's share of the pass over pairs (synthetic query j, real reference i). Per-synthetic
/// results go straight to shared arrays (each query belongs to one worker); per-real results are
/// kept per worker and merged afterwards.
struct CrossPass: TileConsumer, @unchecked Sendable {
  let realThresholds: UnsafePointer<Double>
  let syntheticThresholds: UnsafePointer<Double>
  let prunedRadii: UnsafePointer<Double>
  let containing: UnsafeMutablePointer<Int>
  let nearestReal: UnsafeMutablePointer<Double>
  let bestRealism: UnsafeMutablePointer<Double>
  var nearestSynthetic: [Double]
  var inSyntheticBall: [Bool]

  init(
    realThresholds: UnsafePointer<Double>, syntheticThresholds: UnsafePointer<Double>,
    prunedRadii: UnsafePointer<Double>, containing: UnsafeMutablePointer<Int>,
    nearestReal: UnsafeMutablePointer<Double>, bestRealism: UnsafeMutablePointer<Double>,
    realCount: Int
  ) {
    self.realThresholds = realThresholds
    self.syntheticThresholds = syntheticThresholds
    self.prunedRadii = prunedRadii
    self.containing = containing
    self.nearestReal = nearestReal
    self.bestRealism = bestRealism
    nearestSynthetic = [Double](repeating: .infinity, count: realCount)
    inSyntheticBall = [Bool](repeating: false, count: realCount)
  }

  mutating func consume(_ tile: BoundedSquaredDistanceTile) {
    let first = tile.references.lowerBound
    let realThresholds = self.realThresholds + first
    let prunedRadii = self.prunedRadii + first
    nearestSynthetic.withUnsafeMutableBufferPointer { nearestSyntheticBuffer in
      inSyntheticBall.withUnsafeMutableBufferPointer { inBallBuffer in
        let nearestSynthetic = nearestSyntheticBuffer.baseAddress! + first
        let inBall = inBallBuffer.baseAddress! + first
        for j in tile.queries {
          let lower = tile.lowerBounds(j)
          let ownThreshold = syntheticThresholds[j]
          var count = 0
          var nearest = nearestReal[j]
          var realism = bestRealism[j]
          // Vector gates live in variables, rebuilt when they change (see forEachCandidate).
          let epsilon = SIMD8(repeating: Realism.epsilon)
          let zero = SIMD8<Double>()
          var syntheticGate = SIMD8(repeating: Swift.max(ownThreshold, nearest))
          var realismGate = SIMD8(repeating: realism * (1 - 0x1p-40))
          tile.forEachCandidate(
            of: j,
            mayMatter: { chunk, offset in
              // A pair matters if its lower bound is below a ball radius, a nearest distance so
              // far, or low enough for its realism ratio to beat the best so far (the factor
              // keeps that test conservative under rounding).
              let radii = loadSIMD8(prunedRadii + offset)
              return any(
                (chunk .< loadSIMD8(realThresholds + offset))
                  .| (chunk .< loadSIMD8(nearestSynthetic + offset))
                  .| (chunk .< syntheticGate)
                  .| ((radii .> zero) .& (radii .>= realismGate * (chunk + epsilon))))
            }
          ) { i in
            // Every decision is taken on the interval [lower, upper] ∋ d², and on the exact d²
            // (computed at most once) only when the interval straddles the threshold.
            let lowerBound = lower[i]
            var exactValue = Double.nan
            func exact() -> Double {
              if exactValue.isNaN { exactValue = tile.exact(j, first + i) }
              return exactValue
            }
            if lowerBound < realThresholds[i]
              && (tile.upperBound(j, first + i) < realThresholds[i] || exact() < realThresholds[i])
            {
              count += 1
            }
            if lowerBound < nearest { nearest = Swift.min(nearest, exact()) }
            let shiftedLower = lowerBound + Realism.epsilon
            if prunedRadii[i] > 0
              && (shiftedLower <= 0 || prunedRadii[i] >= realism * shiftedLower * (1 - 0x1p-40))
            {
              let shifted = exact() + Realism.epsilon
              if prunedRadii[i] >= realism * shifted {
                realism = Swift.max(realism, prunedRadii[i] / shifted)
              }
            }
            if lowerBound < nearestSynthetic[i] {
              nearestSynthetic[i] = Swift.min(nearestSynthetic[i], exact())
            }
            if !inBall[i] && lowerBound < ownThreshold
              && (tile.upperBound(j, first + i) < ownThreshold || exact() < ownThreshold)
            {
              inBall[i] = true
            }
            syntheticGate = SIMD8(repeating: Swift.max(ownThreshold, nearest))
            realismGate = SIMD8(repeating: realism * (1 - 0x1p-40))
          }
          containing[j] += count
          nearestReal[j] = nearest
          bestRealism[j] = realism
        }
      }
    }
  }
}

extension ManifoldComparison {
  /// Refuses, before the passes allocate, k-NN buffers above the memory budget: k neighbour
  /// distances per row of both sets (the candidates and their merge), and a few per-row arrays.
  /// - Throws: ``ResourceError`` naming the estimate and the remedy (a smaller k, fewer rows).
  static func checkMemory(counts: (real: Int, synthetic: Int), k: Int, rows: String) throws {
    let rowsHeld = Double(counts.real) + Double(counts.synthetic)
    try MemoryBudget.current.check(
      bytes: rowsHeld * (Double(k) * 16 + 64),
      what: "the k-NN metrics with k = \(k) on \(counts.real) and \(counts.synthetic) \(rows)",
      suggestion: "use a smaller --k or fewer \(rows)")
  }
}
