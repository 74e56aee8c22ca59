import PointClouds
import Tables

extension ManifoldComparison {
  /// Runs the three passes on rows of mixed tables under Gower's distance (exact float64 values of
  /// ``GowerDistance``, ball membership decided on the distances themselves).
  ///
  /// The stored "squared" fields then hold the squares of Gower distances, so that realism keeps
  /// its definition (a ratio of squared distances plus 1e-5) and every reader of the comparison
  /// works unchanged.
  /// - Throws: ``SampleMetricsError`` when a table has at most k rows, or k < 1.
  public init(
    real: Table, synthetic: Table, gower: GowerDistance, k: Int = 5, balls: BallBoundary = .open,
    progress: ProgressHandler? = nil
  ) throws {
    guard k >= 1 else {
      throw SampleMetricsError.invalidParameter(name: "k", value: "\(k)", allowed: "at least 1")
    }
    for (name, table) in [("real", real), ("synthetic", synthetic)] where k >= table.rowCount {
      throw SampleMetricsError.invalidParameter(
        name: "k", value: "\(k)",
        allowed:
          "in 1...\(max(1, table.rowCount - 1)) (below the \(table.rowCount) rows of the \(name) set)"
      )
    }
    try Self.checkMemory(counts: (real.rowCount, synthetic.rowCount), k: k, rows: "rows")
    let realRadii = gower.kthNeighborDistances(in: real, k: k, progress: progress)
    let syntheticRadii = gower.kthNeighborDistances(in: synthetic, k: k, progress: progress)
    let prunedRadii = Realism.prunedSquaredRadii(realRadii.map { $0 * $0 })
    let n = real.rowCount
    let m = synthetic.rowCount
    var containing = [Int](repeating: 0, count: m)
    var nearestReal = [Double](repeating: .infinity, count: m)
    var bestRealism = [Double](repeating: 0, count: m)
    let workers = containing.withUnsafeMutableBufferPointer { containing in
      nearestReal.withUnsafeMutableBufferPointer { nearestReal in
        bestRealism.withUnsafeMutableBufferPointer { bestRealism in
          let shared = GowerCrossOutputs(
            containing: containing.baseAddress!, nearestReal: nearestReal.baseAddress!,
            bestRealism: bestRealism.baseAddress!)
          return gower.pass(queries: synthetic, references: real, progress: progress) { _ in
            GowerCrossPass(
              outputs: shared, realRadii: realRadii, syntheticRadii: syntheticRadii,
              prunedRadii: prunedRadii, closed: balls == .closed, realCount: n)
          }
        }
      }
    }
    var nearestSynthetic = [Double](repeating: .infinity, count: n)
    var inSynthetic = [Bool](repeating: false, count: n)
    for worker in workers {
      for i in 0..<n {
        nearestSynthetic[i] = Swift.min(nearestSynthetic[i], worker.nearestSynthetic[i])
        inSynthetic[i] = inSynthetic[i] || worker.inSyntheticBall[i]
      }
    }
    self.init(
      k: k, balls: balls, realSquaredRadii: realRadii.map { $0 * $0 },
      syntheticSquaredRadii: syntheticRadii.map { $0 * $0 }, realBallsContaining: containing,
      realInSyntheticManifold: inSynthetic,
      realToSyntheticSquared: nearestSynthetic.map { $0 * $0 },
      syntheticToRealSquared: nearestReal.map { $0 * $0 }, realism: bestRealism)
  }
}

/// Per-synthetic results of the Gower cross pass, shared by the workers (each owns its queries).
private struct GowerCrossOutputs: @unchecked Sendable {
  let containing: UnsafeMutablePointer<Int>
  let nearestReal: UnsafeMutablePointer<Double>
  let bestRealism: UnsafeMutablePointer<Double>
}

/// One worker's share of the pass over pairs (synthetic query j, real reference i) on exact
/// distances: ball counts, nearest distances and realism per synthetic row; nearest synthetic
/// distance and synthetic-ball membership per real row (merged by the caller).
private struct GowerCrossPass: TileConsumer {
  let outputs: GowerCrossOutputs
  let realRadii: [Double]
  let syntheticRadii: [Double]
  let prunedRadii: [Double]
  let closed: Bool
  var nearestSynthetic: [Double]
  var inSyntheticBall: [Bool]

  init(
    outputs: GowerCrossOutputs, realRadii: [Double], syntheticRadii: [Double],
    prunedRadii: [Double], closed: Bool, realCount: Int
  ) {
    self.outputs = outputs
    self.realRadii = realRadii
    self.syntheticRadii = syntheticRadii
    self.prunedRadii = prunedRadii
    self.closed = closed
    nearestSynthetic = [Double](repeating: .infinity, count: realCount)
    inSyntheticBall = [Bool](repeating: false, count: realCount)
  }

  @inline(__always)
  func inside(_ distance: Double, _ radius: Double) -> Bool {
    closed ? distance <= radius : distance < radius
  }

  mutating func consume(_ tile: DistanceTile) {
    let first = tile.references.lowerBound
    for j in tile.queries {
      let values = tile.row(j)
      let ownRadius = syntheticRadii[j]
      var count = 0
      var nearest = outputs.nearestReal[j]
      var realism = outputs.bestRealism[j]
      for (offset, distance) in values.enumerated() {
        let i = first + offset
        if inside(distance, realRadii[i]) { count += 1 }
        nearest = Swift.min(nearest, distance)
        if prunedRadii[i] > 0 {
          realism = Swift.max(realism, prunedRadii[i] / (distance * distance + Realism.epsilon))
        }
        nearestSynthetic[i] = Swift.min(nearestSynthetic[i], distance)
        if inside(distance, ownRadius) { inSyntheticBall[i] = true }
      }
      outputs.containing[j] += count
      outputs.nearestReal[j] = nearest
      outputs.bestRealism[j] = realism
    }
  }
}
