import Dispatch
import PointClouds

/// A symmetric distance matrix that stores only some pairs (the others are "no edge"): for each
/// vertex, its neighbours in increasing order with their distances, in one compressed-row layout.
/// Ripser's `sparse` input and the form used below the enclosing radius.
public struct SparseDistanceMatrix: Sendable {
  /// The number of vertices n.
  public let count: Int
  /// The neighbours of vertex i are at positions `offsets[i] ..< offsets[i + 1]`.
  public let offsets: [Int]
  /// The neighbour vertices, each row sorted increasingly.
  public let neighbours: [Int32]
  /// The distance to each neighbour.
  public let distances: [Double]

  /// Bytes per vertex of the matrix and of the computation on it: the rows built first, the
  /// offsets and degrees, the union-find and the H0 pairs.
  static let bytesPerVertex = 128.0

  /// The matrix of `count` vertices with the given pairs (each unordered pair at most once; a pair
  /// listed twice must repeat its distance). Pairs (i, i) are ignored.
  /// - Throws: `PersistenceError.invalidParameter` for a vertex outside 0..<count, a negative or
  ///   NaN distance, or a pair listed twice with different distances;
  ///   `PersistenceError.tooLarge` when `count` vertices (a file "0 2000000000 1" declares two
  ///   billion) need more memory than the budget, before anything is allocated.
  public init(count: Int, pairs: [(i: Int, j: Int, distance: Double)]) throws(PersistenceError) {
    guard count >= 0, count <= Int(Int32.max) else {
      throw .invalidParameter(name: "vertices", value: "\(count)", allowed: "in 0...\(Int32.max)")
    }
    do {
      try MemoryBudget.current.check(
        bytes: Double(count) * Self.bytesPerVertex + Double(pairs.count) * 40,
        what: "a sparse distance matrix of \(count) vertices",
        suggestion: "number the vertices from 0 without gaps")
    } catch {
      throw .tooLarge(error)
    }
    var lower: [[(Int32, Double)]] = Array(repeating: [], count: count)
    for pair in pairs where pair.i != pair.j {
      guard pair.i >= 0, pair.j >= 0, pair.i < count, pair.j < count else {
        throw .invalidParameter(
          name: "vertex", value: "(\(pair.i), \(pair.j))", allowed: "in 0..<\(count)")
      }
      guard pair.distance >= 0 else {
        throw .invalidParameter(
          name: "distance (\(pair.i), \(pair.j))", value: String(pair.distance),
          allowed: "a non-negative number")
      }
      let (a, b) = pair.i > pair.j ? (pair.i, pair.j) : (pair.j, pair.i)
      lower[a].append((Int32(b), pair.distance))
    }
    for i in 0..<count {
      lower[i].sort { $0.0 < $1.0 }
      var kept: [(Int32, Double)] = []
      for entry in lower[i] {
        if let last = kept.last, last.0 == entry.0 {
          guard last.1 == entry.1 else {
            throw .invalidParameter(
              name: "distance (\(i), \(entry.0))", value: "\(last.1) and \(entry.1)",
              allowed: "listed once")
          }
          continue
        }
        kept.append(entry)
      }
      lower[i] = kept
    }
    self.init(triangleRows: lower)
  }

  /// The pairs of `cloud` at distance ≤ `threshold` under `metric`, computed on `threads` threads
  /// without materialising the dense matrix.
  public init(
    _ cloud: PointCloud, metric: Metric, threshold: Double, threads: Int = defaultThreadCount
  ) {
    let n = cloud.count
    let dimension = cloud.dimension
    let squaredBound = threshold * threshold * (1 + 1e-9)
    var rows: [[(Int32, Double)]] = Array(repeating: [], count: n)
    rows.withUnsafeMutableBufferPointer { out in
      nonisolated(unsafe) let out = out
      cloud.withUnsafeCoordinates { coordinates in
        nonisolated(unsafe) let points = coordinates.baseAddress
        let parts = max(1, min(n, 64 * threads))
        forEachPart(parts, threads: threads) { part in
          guard let points else { return }
          var i = part
          while i < n {
            let x = points + i * dimension
            var row: [(Int32, Double)] = []
            for j in 0..<i {
              let y = points + j * dimension
              if metric == .euclidean && squaredEuclidean(x, y, dimension: dimension) > squaredBound
              {
                continue
              }
              let d = metric.distance(x, y, dimension: dimension)
              if d <= threshold { row.append((Int32(j), d)) }
            }
            out[i] = row
            i += parts
          }
        }
      }
    }
    self.init(triangleRows: rows)
  }

  /// The pairs of `matrix` at distance ≤ `threshold`.
  public init(_ matrix: DistanceMatrix, threshold: Double, threads: Int = defaultThreadCount) {
    let n = matrix.count
    var rows: [[(Int32, Double)]] = Array(repeating: [], count: n)
    matrix.entries.withUnsafeBufferPointer { entries in
      for i in 0..<n {
        let start = i * (i - 1) / 2
        for j in 0..<i where entries[start + j] <= threshold {
          rows[i].append((Int32(j), entries[start + j]))
        }
      }
    }
    self.init(triangleRows: rows)
  }

  /// Builds both halves from the rows of one strict triangle: row i lists either the neighbours
  /// j < i of i (the lower triangle) or its neighbours j > i (the upper triangle), increasing.
  init(triangleRows rows: [[(Int32, Double)]]) {
    let n = rows.count
    var offsets = [Int](repeating: 0, count: n + 1)
    for i in 0..<n {
      offsets[i + 1] += rows[i].count
      for (j, _) in rows[i] { offsets[Int(j) + 1] += 1 }
    }
    for i in 0..<n { offsets[i + 1] += offsets[i] }
    var next = offsets
    var neighbours = [Int32](repeating: 0, count: offsets[n])
    var distances = [Double](repeating: 0, count: offsets[n])
    // The rows are visited in increasing i: row i receives its own entries then, and each other
    // row j receives i then. With lower rows, row i's own (smaller) neighbours come first and its
    // larger ones arrive later, in increasing order; with upper rows, its smaller ones arrived
    // earlier, in increasing order, and its own (larger) ones follow. Every row comes out sorted.
    neighbours.withUnsafeMutableBufferPointer { neighbours in
      distances.withUnsafeMutableBufferPointer { distances in
        for i in 0..<n {
          for (j, d) in rows[i] {
            neighbours[next[i]] = j
            distances[next[i]] = d
            next[i] += 1
            let j = Int(j)
            neighbours[next[j]] = Int32(i)
            distances[next[j]] = d
            next[j] += 1
          }
        }
      }
    }
    self.count = n
    self.offsets = offsets
    self.neighbours = neighbours
    self.distances = distances
  }

  /// Only the pairs at distance ≤ `threshold`.
  public func restricted(to threshold: Double) -> SparseDistanceMatrix {
    var rows: [[(Int32, Double)]] = Array(repeating: [], count: count)
    for i in 0..<count {
      for k in offsets[i]..<offsets[i + 1] where Int(neighbours[k]) < i && distances[k] <= threshold
      {
        rows[i].append((neighbours[k], distances[k]))
      }
    }
    return SparseDistanceMatrix(triangleRows: rows)
  }

  /// The number of stored (unordered) pairs.
  public var pairCount: Int { neighbours.count / 2 }

  /// The largest stored distance (0 if none).
  public var largestDistance: Double { distances.max() ?? 0 }

  /// minᵢ maxⱼ d(i, j) over the vertices i adjacent to all others (+∞ if none is; 0 for n = 1).
  public var enclosingRadius: Double {
    if count <= 1 { return 0 }
    var best = Double.infinity
    for i in 0..<count where offsets[i + 1] - offsets[i] == count - 1 {
      best = min(best, distances[offsets[i]..<offsets[i + 1]].max() ?? 0)
    }
    return best
  }

  /// d(i, j), or nil if the pair is absent (binary search in row i).
  public func distance(_ i: Int, _ j: Int) -> Double? {
    var low = offsets[i]
    var high = offsets[i + 1]
    while low < high {
      let mid = (low + high) >> 1
      let v = Int(neighbours[mid])
      if v == j { return distances[mid] }
      if v < j { low = mid + 1 } else { high = mid }
    }
    return nil
  }
}
