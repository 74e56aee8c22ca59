import CDistanceKernels

/// One tile of lower bounds on the squared Euclidean distances between a block of query points q
/// and a block of reference points r, with the matching upper bounds and the exact values on
/// demand.
///
/// For every pair, `lowerBounds(q)[r − references.lowerBound] ≤ D(q, r) ≤ upperBound(q, r)`, where
/// D is the exact squared distance that ``exact(_:_:)`` returns. A consumer decides every
/// comparison
/// it can from the interval (almost always from the lower bound alone) and asks for the exact value
/// only when the interval straddles its threshold, so its results are those of exact float64
/// arithmetic.
///
/// The storage is scratch memory owned by the worker that produced the tile: it is valid only
/// during
/// the call to ``TileConsumer/consume(_:)``.
package struct BoundedSquaredDistanceTile {
  /// The indices of the query points of this tile.
  package let queries: Range<Int>
  /// The indices of the reference points of this tile.
  package let references: Range<Int>
  @usableFromInline let base: UnsafePointer<Double>
  @usableFromInline let stride: Int
  @usableFromInline let pass: BoundedPassData

  /// Lower bounds on the squared distances from query `query` (a global index in `queries`) to
  /// every reference of the tile, in reference order.
  @inlinable
  package func lowerBounds(_ query: Int) -> UnsafeBufferPointer<Double> {
    UnsafeBufferPointer(
      start: base + (query - queries.lowerBound) * stride, count: references.count)
  }

  /// An upper bound on the squared distance of the pair (query, reference), both global indices.
  @inlinable
  package func upperBound(_ query: Int, _ reference: Int) -> Double {
    let lower = base[(query - queries.lowerBound) * stride + reference - references.lowerBound]
    let error = pass.queryErrors[query] + pass.referenceErrors[reference]
    return error.isFinite ? lower + 2 * error : .infinity
  }

  /// Walks `query`'s row eight references at a time: `mayMatter(lowerBounds, offset)` sees the
  /// lower bounds of each full chunk (offsets offset ..< offset + 8) and says whether any of them
  /// may
  /// matter; if so — and for the last, partial chunk — `visit(offset)` runs for each offset of the
  /// chunk. Skipping whole chunks with one vector comparison keeps the common case (nothing near
  /// any threshold) at a few instructions per pair — provided `mayMatter` compares against vectors
  /// held in variables: a splat or zero vector built inside the comparison compiles to a per-lane
  /// loop through memory, about ten times slower.
  @inlinable @inline(__always)
  package func forEachCandidate(
    of query: Int, mayMatter: (SIMD8<Double>, Int) -> Bool, visit: (Int) -> Void
  ) {
    let row = base + (query - queries.lowerBound) * stride
    let count = references.count
    var offset = 0
    while offset < count {
      let end = offset + 8
      if end > count || mayMatter(loadSIMD8(row + offset), offset) {
        for candidate in offset..<min(end, count) { visit(candidate) }
      }
      offset = end
    }
  }

  /// The exact squared distance of the pair (query, reference), both global indices:
  /// ``squaredEuclidean(_:_:dimension:)`` on the original float64 coordinates.
  @inlinable
  package func exact(_ query: Int, _ reference: Int) -> Double {
    let d = pass.dimension
    return squaredEuclidean(
      pass.queryCoordinates + query * d, pass.referenceCoordinates + reference * d, dimension: d)
  }
}

/// The eight doubles starting at `pointer` (no alignment needed).
@inlinable @inline(__always)
package func loadSIMD8(_ pointer: UnsafePointer<Double>) -> SIMD8<Double> {
  UnsafeRawPointer(pointer).loadUnaligned(as: SIMD8<Double>.self)
}

/// All-pairs squared Euclidean distances between two clouds as ``BoundedSquaredDistanceTile``s:
/// a fast float32 first pass whose every entry carries a proven error bound, for searches that only
/// need a few exact values (k-th neighbours, nearest points, ball membership).
///
/// Both clouds are translated by a robust common centre (the per-coordinate median of a sample) and
/// scaled by a power of two so that every coordinate lies in (−1, 1), then rounded to float32. A
/// tile is filled with the Gram expansion |x|² + |y|² − 2 x·y (a multiply and an add per coordinate
/// and pair, several float32 lanes per instruction — about four times the pairs per second of the
/// float64 difference kernel of ``SquaredDistanceTiles``), and the error bound is subtracted before
/// the tile is handed over. On x86-64 CPUs with AVX2 and FMA a C kernel fills it (eight lanes,
/// fused
/// multiply-adds, 4 queries × 16 references per step), chosen at run time; elsewhere the portable
/// Swift kernel does (4 queries × 8 references). Both satisfy the same bound, and consumers
/// recheck exactly, so results do not depend on the kernel.
///
/// Error bound, against the float64 value that ``squaredEuclidean(_:_:dimension:)`` returns, with
/// u = 2⁻²⁴ and ν = |x̂|² the squared norm of the rounded, scaled point (using D ≤ 2(ν_q + ν_r)):
/// rounding the coordinates moves D by at most ≈ 4u (ν_q + ν_r); the float32 dot product, norms and
/// the final combination add at most ≈ (d + 4) u (ν_q + ν_r); the float64 centring and the float64
/// sum itself add ≈ (d/2 + 6) 2⁻⁵³ ν. The bound used is (2d + 8) u (1 + 2⁻¹⁰)(ν_q + ν_r) plus 2⁻¹⁰⁰
/// for float32 underflow, in scaled units, split between the two points. Clouds whose scale cannot
/// be represented this way get an infinite bound (every decision then uses exact values).
///
/// Complexity: O(n m d) time, O((n + m) d + workers · tile) memory.
package enum BoundedSquaredDistanceTiles {
  /// Streams the tiles of `queries × references` to consumers made by `makeConsumer(worker)`, one
  /// per worker, and returns the consumers (in worker order) once every tile has been consumed.
  ///
  /// With `lowerTriangle` (queries and references the same cloud) only the tiles that hold pairs
  /// (q, r) with r < q are produced — about half; a tile may still hold entries with r ≥ q, which
  /// the consumer must skip.
  ///
  /// - Precondition: both clouds have the same dimension and finite coordinates.
  /// - Parameter progress: told after each query block (phase "distances").
  package static func run<Consumer: TileConsumer>(
    queries: PointCloud, references: PointCloud, lowerTriangle: Bool = false,
    progress: ProgressHandler? = nil, makeConsumer: (Int) -> Consumer
  ) -> [Consumer] where Consumer.Tile == BoundedSquaredDistanceTile {
    run(
      queries: queries, references: references, lowerTriangle: lowerTriangle, kernel: .fastest,
      progress: progress, makeConsumer: makeConsumer)
  }

  /// The code that fills a tile.
  enum Kernel {
    /// Portable Swift: four float32 lanes per instruction (SSE2 on x86-64).
    case portable
    /// C with AVX2 and FMA intrinsics; only on CPUs that have them.
    case avx2

    /// The fastest kernel this CPU runs.
    static let fastest: Kernel = tda_has_avx2_fma() != 0 ? .avx2 : .portable
  }

  /// ``run(queries:references:lowerTriangle:progress:makeConsumer:)`` with a chosen kernel.
  static func run<Consumer: TileConsumer>(
    queries: PointCloud, references: PointCloud, lowerTriangle: Bool, kernel: Kernel,
    progress: ProgressHandler?, makeConsumer: (Int) -> Consumer
  ) -> [Consumer] where Consumer.Tile == BoundedSquaredDistanceTile {
    precondition(queries.dimension == references.dimension, "clouds of different dimension")
    precondition(
      !lowerTriangle || queries.count == references.count, "lowerTriangle needs one cloud")
    return queries.withUnsafeCoordinates { queryCoordinates in
      references.withUnsafeCoordinates { referenceCoordinates in
        let data = BoundedPassData(
          queries: queryCoordinates, queryCount: queries.count, references: referenceCoordinates,
          referenceCount: references.count, dimension: queries.dimension)
        defer { data.deallocate() }
        return TiledPass.run(
          BoundedTiles(data: data, kernel: kernel), lowerTriangle: lowerTriangle,
          progress: progress,
          makeConsumer: makeConsumer)
      }
    }
  }
}

/// The rounded, scaled copies of both clouds and the per-point error terms of one bounded pass
/// (allocated by `init`, freed by ``deallocate()``).
@usableFromInline
struct BoundedPassData: @unchecked Sendable {
  @usableFromInline let dimension: Int
  @usableFromInline let queryCoordinates: UnsafePointer<Double>
  @usableFromInline let referenceCoordinates: UnsafePointer<Double>
  /// Per-point shares of the error bound, in data units.
  @usableFromInline let queryErrors: UnsafeMutablePointer<Double>
  @usableFromInline let referenceErrors: UnsafeMutablePointer<Double>
  /// The largest of `referenceErrors` (so a row's upper bounds are at most its largest lower bound
  /// plus twice this and the query's share).
  let largestReferenceError: Double
  let queryCount: Int
  let referenceCount: Int
  /// Queries rounded to float32, row-major.
  let queryFloats: UnsafeMutablePointer<Float>
  let queryNorms: UnsafeMutablePointer<Float>
  /// References rounded to float32 in panels of eight, coordinate-major inside a panel (zeros past
  /// the end), and their squared norms per panel.
  let referencePanels: UnsafeMutablePointer<SIMD8<Float>>
  let referenceNorms: UnsafeMutablePointer<SIMD8<Float>>
  /// 1 / scale², turning scaled squared distances back into data units (0 if unbounded).
  let unscale: Double

  init(
    queries: UnsafeBufferPointer<Double>, queryCount: Int, references: UnsafeBufferPointer<Double>,
    referenceCount: Int, dimension d: Int
  ) {
    dimension = d
    self.queryCount = queryCount
    self.referenceCount = referenceCount
    queryCoordinates = queries.baseAddress ?? UnsafePointer(bitPattern: 8)!
    referenceCoordinates = references.baseAddress ?? UnsafePointer(bitPattern: 8)!
    let centre = BoundedPassData.robustCentre(
      queries, queryCount: queryCount, references, referenceCount: referenceCount, dimension: d)
    var largest = 0.0
    for (cloud, count) in [(queries, queryCount), (references, referenceCount)] {
      for p in 0..<count {
        for c in 0..<d {
          precondition(cloud[p * d + c].isFinite, "coordinates must be finite")
          largest = max(largest, abs(cloud[p * d + c] - centre[c]))
        }
      }
    }
    let exponent = largest > 0 ? Int(largest.exponent) + 1 : 0
    let bounded = largest.isFinite && abs(exponent) <= 400
    let scale = bounded ? Double(sign: .plus, exponent: -exponent, significand: 1) : 0
    let unscale = bounded ? Double(sign: .plus, exponent: 2 * exponent, significand: 1) : 0
    self.unscale = unscale
    let relative = Double(2 * d + 8) * 0x1p-24 * (1 + 0x1p-10)
    func errorShare(_ norm: Double) -> Double {
      bounded ? unscale * (relative * norm + 0x1p-101) : .infinity
    }
    func rounded(_ cloud: UnsafeBufferPointer<Double>, _ p: Int, _ c: Int) -> Float {
      bounded ? Float((cloud[p * d + c] - centre[c]) * scale) : 0
    }

    let queryFloats = UnsafeMutablePointer<Float>.allocate(capacity: max(1, queryCount * d))
    let queryNorms = UnsafeMutablePointer<Float>.allocate(capacity: max(1, queryCount))
    let queryErrors = UnsafeMutablePointer<Double>.allocate(capacity: max(1, queryCount))
    for p in 0..<queryCount {
      var norm = 0.0
      for c in 0..<d {
        let x = rounded(queries, p, c)
        queryFloats[p * d + c] = x
        norm += Double(x) * Double(x)
      }
      queryNorms[p] = Float(norm)
      queryErrors[p] = errorShare(norm)
    }
    let panels = (referenceCount + 7) / 8
    let referencePanels = UnsafeMutablePointer<SIMD8<Float>>.allocate(capacity: max(1, panels * d))
    let referenceNorms = UnsafeMutablePointer<SIMD8<Float>>.allocate(capacity: max(1, panels))
    let referenceErrors = UnsafeMutablePointer<Double>.allocate(capacity: max(1, panels * 8))
    referenceErrors.initialize(repeating: 0, count: max(1, panels * 8))
    for panel in 0..<panels {
      var norms = SIMD8<Float>()
      for c in 0..<d { referencePanels[panel * d + c] = SIMD8() }
      for lane in 0..<8 where panel * 8 + lane < referenceCount {
        let p = panel * 8 + lane
        var norm = 0.0
        for c in 0..<d {
          let y = rounded(references, p, c)
          referencePanels[panel * d + c][lane] = y
          norm += Double(y) * Double(y)
        }
        norms[lane] = Float(norm)
        referenceErrors[p] = errorShare(norm)
      }
      referenceNorms[panel] = norms
    }
    largestReferenceError = (0..<max(1, panels * 8)).reduce(0) {
      Swift.max($0, referenceErrors[$1])
    }
    (self.queryFloats, self.queryNorms, self.queryErrors) = (queryFloats, queryNorms, queryErrors)
    (self.referencePanels, self.referenceNorms, self.referenceErrors) =
      (referencePanels, referenceNorms, referenceErrors)
  }

  /// The per-coordinate median of an evenly strided sample of at most 4 097 points of both clouds
  /// (deterministic). The bound grows with the points' distances to the centre, so a centre that
  /// one far outlier cannot drag away keeps every other pair's interval tight.
  static func robustCentre(
    _ queries: UnsafeBufferPointer<Double>, queryCount: Int,
    _ references: UnsafeBufferPointer<Double>,
    referenceCount: Int, dimension d: Int
  ) -> [Double] {
    let total = queryCount + referenceCount
    guard total > 0 else { return [Double](repeating: 0, count: d) }
    let step = max(1, total / 4096)
    let sample = Swift.stride(from: 0, to: total, by: step).map { point in
      point < queryCount
        ? queries.baseAddress! + point * d : references.baseAddress! + (point - queryCount) * d
    }
    return (0..<d).map { c in
      let column = sample.map { $0[c] }.sorted()
      return column[column.count / 2]
    }
  }

  func deallocate() {
    queryFloats.deallocate()
    queryNorms.deallocate()
    queryErrors.deallocate()
    referencePanels.deallocate()
    referenceNorms.deallocate()
    referenceErrors.deallocate()
  }
}

/// The tile source of ``BoundedSquaredDistanceTiles``.
struct BoundedTiles: TileSource {
  let data: BoundedPassData
  let kernel: BoundedSquaredDistanceTiles.Kernel
  var queryCount: Int { data.queryCount }
  var referenceCount: Int { data.referenceCount }

  func tile(
    _ scratch: UnsafeMutablePointer<Double>, stride: Int, rows: Range<Int>, columns: Range<Int>
  )
    -> BoundedSquaredDistanceTile
  {
    let firstPanel = columns.lowerBound / 8
    let panelCount = (columns.count + 7) / 8
    switch kernel {
    case .avx2:
      UnsafeRawPointer(data.referencePanels).withMemoryRebound(
        to: Float.self, capacity: 8 * data.dimension * (firstPanel + panelCount)
      ) { panels in
        UnsafeRawPointer(data.referenceNorms).withMemoryRebound(
          to: Float.self, capacity: 8 * (firstPanel + panelCount)
        ) { norms in
          tda_bounded_tile_avx2(
            data.queryFloats, data.queryNorms, data.queryErrors, data.dimension, rows.lowerBound,
            rows.count, panels, norms, data.referenceErrors, firstPanel, panelCount, data.unscale,
            scratch, stride)
        }
      }
    case .portable:
      fillPortably(
        scratch, stride: stride, rows: rows, firstPanel: firstPanel, panelCount: panelCount)
    }
    return BoundedSquaredDistanceTile(
      queries: rows, references: columns, base: UnsafePointer(scratch), stride: stride, pass: data)
  }

  /// The Swift kernel: four queries × eight references per step.
  func fillPortably(
    _ scratch: UnsafeMutablePointer<Double>, stride: Int, rows: Range<Int>, firstPanel: Int,
    panelCount: Int
  ) {
    let d = data.dimension
    let unscale = data.unscale
    let out = UnsafeMutableRawPointer(scratch)
    let rowBytes = stride * MemoryLayout<Double>.stride
    var q = rows.lowerBound
    while q < rows.upperBound {
      let take = min(4, rows.upperBound - q)
      // Rows beyond the block repeat the last row; their results are not stored.
      let q1 = q + min(1, take - 1), q2 = q + min(2, take - 1), q3 = q + min(3, take - 1)
      let x0 = data.queryFloats + q * d, x1 = data.queryFloats + q1 * d
      let x2 = data.queryFloats + q2 * d, x3 = data.queryFloats + q3 * d
      let n0 = SIMD8(repeating: data.queryNorms[q]), n1 = SIMD8(repeating: data.queryNorms[q1])
      let n2 = SIMD8(repeating: data.queryNorms[q2]), n3 = SIMD8(repeating: data.queryNorms[q3])
      let e0 = SIMD8(repeating: data.queryErrors[q]), e1 = SIMD8(repeating: data.queryErrors[q1])
      let e2 = SIMD8(repeating: data.queryErrors[q2]), e3 = SIMD8(repeating: data.queryErrors[q3])
      let rowOffset = (q - rows.lowerBound) * rowBytes
      for panel in 0..<panelCount {
        let y = data.referencePanels + (firstPanel + panel) * d
        var a0 = SIMD8<Float>(), a1 = SIMD8<Float>(), a2 = SIMD8<Float>(), a3 = SIMD8<Float>()
        for c in 0..<d {
          let v = y[c]
          a0 += SIMD8(repeating: x0[c]) * v
          a1 += SIMD8(repeating: x1[c]) * v
          a2 += SIMD8(repeating: x2[c]) * v
          a3 += SIMD8(repeating: x3[c]) * v
        }
        let norms = data.referenceNorms[firstPanel + panel]
        let errors = loadSIMD8(data.referenceErrors + (firstPanel + panel) * 8)
        let offset = rowOffset + panel * 8 * MemoryLayout<Double>.stride
        func store(
          _ dot: SIMD8<Float>, _ queryNorm: SIMD8<Float>, _ queryError: SIMD8<Double>, row: Int
        ) {
          let approximate = (queryNorm + norms) - (dot + dot)
          out.storeBytes(
            of: SIMD8<Double>(approximate) * unscale - (queryError + errors),
            toByteOffset: offset + row * rowBytes, as: SIMD8<Double>.self)
        }
        store(a0, n0, e0, row: 0)
        if take > 1 { store(a1, n1, e1, row: 1) }
        if take > 2 { store(a2, n2, e2, row: 2) }
        if take > 3 { store(a3, n3, e3, row: 3) }
      }
      q += take
    }
  }
}
