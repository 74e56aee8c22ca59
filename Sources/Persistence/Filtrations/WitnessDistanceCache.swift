import PointClouds

#if canImport(Glibc)
  import Glibc
#endif

/// All pairwise Euclidean distances of one cloud, kept for many witness filtrations on it (the
/// Geometry Score builds one per landmark draw, every point a witness).
///
/// Stored square and row-major (n² doubles: 5 000 points take 200 MB), so that the distances from
/// every witness to landmark l are one contiguous row, read as a stream; each point's largest
/// distance is kept too, so the largest witness–landmark distance of a draw costs O(L).
///
/// Each distance is √(Σₖ (xₖ − yₖ)²) summed in coordinate order — SciPy's `cdist` rounding, the
/// same as ``WitnessFiltration/init(witnesses:landmarks:maxAlpha:)`` — from the register-blocked
/// tiles of `SquaredDistanceTiles` over the lower triangle (parallel), each written to both
/// halves: O(n² d) time, once.
public struct WitnessDistanceCache: Sendable {
  /// The number of points.
  public let count: Int
  /// d(i, j) at `i * count + j`.
  let values: [Double]
  /// max_j d(i, j) for each point i.
  let eccentricities: [Double]

  /// Wraps the square, row-major matrix of some metric's distances between `count` points
  /// (symmetric, zero diagonal).
  /// - Precondition: `distances.count == count * count`.
  public init(squareDistances distances: [Double], count: Int) {
    precondition(distances.count == count * count, "expected \(count) × \(count) distances")
    self.count = count
    values = distances
    eccentricities = (0..<count).map { i in
      var largest = 0.0
      for j in 0..<count { largest = max(largest, distances[i * count + j]) }
      return largest
    }
  }

  /// The distances of `cloud`, written into the storage of `previous` when it holds as many
  /// points and nothing else shares it (a run over clouds of one size allocates the n² doubles
  /// once); otherwise `previous` is released before the new storage is allocated.
  public init(_ cloud: PointCloud, reusing previous: consuming WitnessDistanceCache? = nil) {
    let n = cloud.count
    var storage = previous.take()?.values ?? []
    if storage.count != n * n {
      storage = []
      // Every entry is written below (the diagonal explicitly).
      storage = [Double](unsafeUninitializedCapacity: n * n) { buffer, initialized in
        adviseHugePages(UnsafeMutableRawBufferPointer(buffer))
        initialized = n * n
      }
    }
    var largest = [Double](repeating: 0, count: n)
    storage.withUnsafeMutableBufferPointer { matrix in
      let base = matrix.baseAddress!
      for i in 0..<n { base[i * n + i] = 0 }
      let fillers = SquaredDistanceTiles.run(
        queries: cloud, references: cloud, lowerTriangle: true
      ) { _ in SquareFiller(matrix: base, count: n) }
      for filler in fillers {
        for i in 0..<n { largest[i] = max(largest[i], filler.eccentricities[i]) }
      }
    }
    count = n
    values = storage
    eccentricities = largest
  }
}

/// Writes the distances of lower-triangle tiles into both halves of a square matrix and keeps
/// this worker's row maxima (merged by the caller: a worker sees each query row, not each column).
private struct SquareFiller: TileConsumer {
  nonisolated(unsafe) let matrix: UnsafeMutablePointer<Double>
  let count: Int
  var eccentricities: [Double]

  init(matrix: UnsafeMutablePointer<Double>, count: Int) {
    self.matrix = matrix
    self.count = count
    eccentricities = Array(repeating: 0, count: count)
  }

  mutating func consume(_ tile: SquaredDistanceTile) {
    let n = count
    let first = tile.references.lowerBound
    eccentricities.withUnsafeMutableBufferPointer { largest in
      for i in tile.queries {
        let squared = tile.row(i)
        let end = min(i, tile.references.upperBound)
        guard first < end else { continue }
        var rowMax = largest[i]
        for j in first..<end {
          let distance = squared[j - first].squareRoot()
          matrix[i * n + j] = distance
          matrix[j * n + i] = distance
          rowMax = max(rowMax, distance)
          largest[j] = max(largest[j], distance)
        }
        largest[i] = rowMax
      }
    }
  }
}

/// Asks Linux to back `region` with transparent huge pages (2 MiB) before it is first touched:
/// a landmark draw reads 64 rows spread over the whole matrix, so 4 KiB pages cost a TLB miss
/// and a stop of the hardware prefetcher every 4 KiB, and building the matrix one page fault per
/// 4 KiB. Only the whole huge pages inside the region are advised; elsewhere this does nothing.
private func adviseHugePages(_ region: UnsafeMutableRawBufferPointer) {
  #if os(Linux)
    let huge = 2 << 20
    guard let base = region.baseAddress, region.count >= 2 * huge else { return }
    let start = (Int(bitPattern: base) + huge - 1) / huge * huge
    let end = (Int(bitPattern: base) + region.count) / huge * huge
    guard end > start, let aligned = UnsafeMutableRawPointer(bitPattern: start) else { return }
    _ = madvise(aligned, end - start, MADV_HUGEPAGE)
  #endif
}
