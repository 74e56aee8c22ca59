import PointClouds

/// The options of a Vietoris–Rips persistence computation.
public struct RipsOptions: Sendable {
  /// The largest homology dimension computed (≥ 0); diagrams 0…maxDimension are returned.
  public var maxDimension: Int
  /// The coefficient field: Z/p (p a prime in 2…65521) or Q.
  public var coefficients: Coefficients
  /// The largest diameter admitted (> 0), or `nil` for the enclosing radius. Classes still alive
  /// at the threshold are essential (infinite death).
  public var threshold: Double?
  /// Worker threads (default: the processors online).
  public var threads: Int
  /// Receives progress updates (phase and columns done), from any thread.
  public var progress: ProgressHandler?
  /// The simplex index type, or `nil` for the narrowest that fits (a narrower one than needed
  /// throws `PersistenceError.indexOverflow`).
  public var indexWidth: SimplexIndexWidth? = nil

  /// Options with Ripser's defaults: dimension 1, Z/2, the enclosing radius.
  public init(
    maxDimension: Int = 1, coefficients: Coefficients = .prime(2), threshold: Double? = nil,
    threads: Int = defaultThreadCount, progress: ProgressHandler? = nil
  ) {
    self.maxDimension = maxDimension
    self.coefficients = coefficients
    self.threshold = threshold
    self.threads = threads
    self.progress = progress
  }

  /// Checks the ranges of every option.
  func validate() throws(PersistenceError) {
    guard maxDimension >= 0, maxDimension <= 32 else {
      throw .invalidParameter(
        name: "maxdim", value: String(maxDimension), allowed: "an integer between 0 and 32")
    }
    if let threshold, threshold.isNaN || threshold <= 0 {
      throw .invalidParameter(
        name: "threshold", value: String(threshold), allowed: "a positive number")
    }
    guard threads >= 1 else {
      throw .invalidParameter(name: "threads", value: String(threads), allowed: "at least 1")
    }
    try coefficients.validate()
  }
}

/// The outcome of a Vietoris–Rips computation.
public struct RipsResult: Sendable {
  /// The diagram of each dimension 0…maxDimension.
  public var diagrams: [PersistenceDiagram]
  /// The threshold of the filtration: the one asked for, or the enclosing radius.
  public var threshold: Double
  /// The number of points.
  public var points: Int
  /// The simplex index type the engine used (the narrowest that fits, unless forced).
  public var indexWidth: SimplexIndexWidth = .bits64
  /// The approximation the diagrams come from (nil: the exact filtration).
  public var approximation: RipsApproximation? = nil
}

extension RipsResult {
  /// The result of a computation in units scaled by `scale`, in the original units.
  /// - Throws: ``PersistenceError/unrepresentable(reason:)`` when a finite value of the scaled
  ///   result is beyond float64 in the original units (it would read as an essential class).
  func unscaled(by scale: PowerOfTwoScale) throws(PersistenceError) -> RipsResult {
    var result = self
    result.threshold = scale.unscale(threshold)
    for (k, diagram) in diagrams.enumerated() {
      for (i, pair) in diagram.pairs.enumerated() {
        let original = PersistencePair(
          birth: scale.unscale(pair.birth), death: scale.unscale(pair.death))
        guard original.death.isFinite || !pair.death.isFinite else {
          throw .unrepresentable(
            reason: "an H\(diagram.dimension) class dies at \(pair.death) × 2^\(-scale.exponent), "
              + "beyond float64: the diagram cannot be written; rescale the data")
        }
        result.diagrams[k].pairs[i] = original
      }
    }
    return result
  }
}

/// Vietoris–Rips persistent homology (Ripser's conventions, see `PersistenceDiagram`): the
/// library entry point of the engine, for point clouds, dense and sparse distance matrices.
///
/// A simplex enters at its diameter. Without a threshold, the filtration is cut at the enclosing
/// radius r = minᵢ maxⱼ d(i, j): there the complex is a cone, so the barcode is the full one and
/// only H0 has an essential bar. A threshold t ≥ r gives the same barcode, so the engine cuts at
/// min(t, r) whenever r is known. Below r (and for sparse input) the sparse representation is used
/// when fewer than a quarter of the pairs are edges.
public enum RipsPersistence {
  /// The diagrams of `cloud` under `metric`.
  public static func compute(
    _ cloud: PointCloud, metric: Metric = .euclidean, options: RipsOptions = RipsOptions()
  ) throws(PersistenceError) -> RipsResult {
    try options.validate()
    guard cloud.count >= 1 else {
      throw .invalidParameter(name: "points", value: "0", allowed: "at least 1")
    }
    if let result = try inPowerOfTwoUnits(
      cloud, options: options,
      { (cloud, options) throws(PersistenceError) in
        try compute(cloud, metric: metric, options: options)
      })
    {
      return result
    }
    if takesSpanningTreePath(cloud, metric: metric, options: options) {
      var result = try h0(of: cloud, threshold: options.threshold, progress: options.progress)
      result.indexWidth = indexWidth(
        points: cloud.count, maxDimension: 0, forced: options.indexWidth)
      return result
    }
    if let threshold = options.threshold {
      let sparse = SparseDistanceMatrix(
        cloud, metric: metric, threshold: threshold, threads: options.threads)
      return try compute(sparse, reportedThreshold: threshold, options: options)
    }
    return try compute(DistanceMatrix(cloud, metric: metric), options: options)
  }

  /// Coordinates near the float64 limits are computed in units of a power of two (exactly): when
  /// `cloud` needs it, `compute` of the rescaled cloud and options, in the original units (the
  /// given threshold reported as given); nil when the cloud can be computed as it is.
  static func inPowerOfTwoUnits(
    _ cloud: PointCloud, options: RipsOptions,
    _ compute: (PointCloud, RipsOptions) throws(PersistenceError) -> RipsResult
  ) throws(PersistenceError) -> RipsResult? {
    let scale: PowerOfTwoScale
    do {
      scale = try PowerOfTwoScale.fitting([("points", cloud)])
    } catch {
      throw .unrepresentable(reason: error.reason)
    }
    guard scale != .identity else { return nil }
    var scaled = options
    scaled.threshold = options.threshold.map(scale.scale)
    var result = try compute(scale.scale(cloud), scaled).unscaled(by: scale)
    if let threshold = options.threshold { result.threshold = threshold }
    return result
  }

  /// The diagrams of a dense distance matrix (entries ≥ 0; +∞ means "never an edge").
  public static func compute(_ matrix: DistanceMatrix, options: RipsOptions = RipsOptions())
    throws(PersistenceError) -> RipsResult
  {
    try options.validate()
    guard matrix.count >= 1 else {
      throw .invalidParameter(name: "points", value: "0", allowed: "at least 1")
    }
    var largestFinite = 0.0
    for (k, d) in matrix.entries.enumerated() {
      guard d >= 0 else {  // also rejects NaN
        let i = Int(((1 + (1 + 8 * Double(k)).squareRoot()) / 2).rounded(.down))
        throw .invalidParameter(
          name: "distance (\(i), \(k - i * (i - 1) / 2))", value: String(d),
          allowed: "a non-negative number")
      }
      if d.isFinite && d > largestFinite { largestFinite = d }
    }
    let radius = matrix.enclosingRadius
    var cut = min(options.threshold ?? .infinity, radius)
    if !cut.isFinite { cut = largestFinite }
    let reported = options.threshold ?? (radius.isFinite ? radius : cut)
    let edges = matrix.entries.reduce(0) { $0 + ($1 <= cut ? 1 : 0) }
    if edges * 4 < matrix.entries.count {
      let sparse = SparseDistanceMatrix(matrix, threshold: cut, threads: options.threads)
      return try compute(sparse: sparse, reportedThreshold: reported, options: options)
    }
    let top = effectiveDimension(options.maxDimension, points: matrix.count)
    if top >= 2 {
      var degrees = [Int](repeating: 0, count: matrix.count)
      var k = 0
      for i in 1..<matrix.count {
        for j in 0..<i {
          if matrix.entries[k] <= cut {
            degrees[i] += 1
            degrees[j] += 1
          }
          k += 1
        }
      }
      try checkSimplices(degrees: degrees, top: top, options: options)
    }
    let width = indexWidth(points: matrix.count, maxDimension: top, forced: options.indexWidth)
    let diagrams = try width.run(
      DenseComputation(matrix: matrix, threshold: cut, maxDimension: top, options: options))
    return RipsResult(
      diagrams: diagrams, threshold: reported, points: matrix.count, indexWidth: width)
  }

  /// The diagrams of a sparse distance matrix (absent pairs never become edges). Without a
  /// threshold, the cut is the enclosing radius when some vertex is adjacent to all others.
  public static func compute(_ matrix: SparseDistanceMatrix, options: RipsOptions = RipsOptions())
    throws(PersistenceError) -> RipsResult
  {
    try options.validate()
    return try compute(matrix, reportedThreshold: nil, options: options)
  }

  /// Cuts `matrix` at min(threshold, enclosing radius) and runs the sparse engine.
  static func compute(
    _ matrix: SparseDistanceMatrix, reportedThreshold: Double?, options: RipsOptions
  ) throws(PersistenceError) -> RipsResult {
    let radius = matrix.enclosingRadius
    let cut = min(options.threshold ?? .infinity, radius)
    let reported =
      reportedThreshold ?? options.threshold ?? (radius.isFinite ? radius : matrix.largestDistance)
    return try compute(
      sparse: cut < matrix.largestDistance ? matrix.restricted(to: cut) : matrix,
      reportedThreshold: reported, options: options)
  }

  /// The diagrams only, for callers that need nothing else.
  public static func diagrams(
    _ cloud: PointCloud, metric: Metric = .euclidean, options: RipsOptions = RipsOptions()
  ) throws(PersistenceError) -> [PersistenceDiagram] {
    try compute(cloud, metric: metric, options: options).diagrams
  }

  /// The diagrams of the flag complex of `matrix` — less the simplices `blocker` leaves out, if
  /// given (the sparse Rips approximation).
  static func compute(
    sparse matrix: SparseDistanceMatrix, reportedThreshold: Double, options: RipsOptions,
    blocker: SparseRipsBlocker? = nil
  ) throws(PersistenceError) -> RipsResult {
    guard matrix.count >= 1 else {
      throw .invalidParameter(name: "points", value: "0", allowed: "at least 1")
    }
    let top = effectiveDimension(options.maxDimension, points: matrix.count)
    if top >= 2 {
      try checkSimplices(
        degrees: (0..<matrix.count).map { matrix.offsets[$0 + 1] - matrix.offsets[$0] }, top: top,
        options: options)
    }
    let width = indexWidth(points: matrix.count, maxDimension: top, forced: options.indexWidth)
    let diagrams = try width.run(
      SparseComputation(matrix: matrix, maxDimension: top, options: options, blocker: blocker))
    return RipsResult(
      diagrams: diagrams, threshold: reportedThreshold, points: matrix.count, indexWidth: width)
  }

  /// Dimensions above n − 2 have no simplices to pair.
  static func effectiveDimension(_ maxDimension: Int, points: Int) -> Int {
    max(0, min(maxDimension, points - 2))
  }

  static func run<F: Filtration>(_ filtration: F, options: RipsOptions) throws(PersistenceError)
    -> [PersistenceDiagram]
  {
    switch options.coefficients {
    case .rationals:
      return PersistentCohomology.diagrams(
        of: filtration, field: RationalField(), maxDimension: options.maxDimension,
        threads: options.threads, progress: options.progress)
    case .prime(2):
      return PersistentCohomology.diagrams(
        of: filtration, field: BinaryField(), maxDimension: options.maxDimension,
        threads: options.threads, progress: options.progress)
    case .prime(let p):
      return PersistentCohomology.diagrams(
        of: filtration, field: try PrimeField(modulus: p), maxDimension: options.maxDimension,
        threads: options.threads, progress: options.progress)
    }
  }
}

// MARK: - Memory estimate

/// An upper bound of the memory of a Vietoris–Rips computation, by part, in bytes (`Double`s:
/// the bounds may exceed any integer type). See
/// ``RipsPersistence/estimateMemory(points:maxDimension:edges:denseMatrix:sparseMatrix:threads:)``.
public struct RipsMemoryEstimate: Sendable, Equatable {
  /// The number of points.
  public var points: Int
  /// The dimension the engine computes up to: min(maxdim, points − 2).
  public var topDimension: Int
  /// The edges admitted (at most C(n, 2)).
  public var edges: Double
  /// The simplices bounded: the admitted edges (higher dimensions are not estimated).
  public var simplices: [Double]
  /// The dense distance matrix the computation builds: n(n − 1)/2 doubles (0 when it is given).
  public var denseMatrixBytes: Double
  /// The sparse distance matrix it builds (both directions, and the rows it is built from).
  public var sparseMatrixBytes: Double
  /// The simplex records of the largest dimension held at once (the H0 edge list, the columns).
  public var simplexBytes: Double
  /// The per-thread buffers: work parts, arenas and workspaces.
  public var threadBytes: Double

  /// The sum of the parts.
  public var total: Double { denseMatrixBytes + sparseMatrixBytes + simplexBytes + threadBytes }

  /// The largest part, named as a suggestion would name its remedy.
  var dominantPart: String {
    let parts = [
      ("matrix", denseMatrixBytes), ("sparse", sparseMatrixBytes), ("simplices", simplexBytes),
      ("threads", threadBytes),
    ]
    return parts.max { $0.1 < $1.1 }!.0
  }
}

extension RipsPersistence {
  /// Bytes per stored simplex: its index and value (16 with 64-bit indices, 32 wider) and the
  /// death slot of the column it becomes (8).
  static func bytesPerSimplex(points: Int, top: Int) -> Double {
    MemoryBudget.binomial(Double(points), top + 2) < 0x1p62 ? 24 : 40
  }

  /// Bytes per worker thread: 64 result slots of work parts, an arena slot and a workspace.
  static let bytesPerThread = 4096.0

  /// Bytes per admitted pair of a sparse distance matrix: both directions (neighbour and
  /// distance, 12 bytes each) and the row built before (16).
  static let bytesPerSparsePair = 40.0

  /// An upper bound of the memory of a computation on `points` points up to `maxDimension`, with
  /// `edges` admitted pairs (nil: all C(n, 2)), building a dense and/or sparse distance matrix,
  /// on `threads` threads. Simplices are bounded by the admitted edges only (see the body).
  public static func estimateMemory(
    points n: Int, maxDimension: Int, edges: Double? = nil, denseMatrix: Bool, sparseMatrix: Bool,
    threads: Int
  ) -> RipsMemoryEstimate {
    let pairs = MemoryBudget.binomial(Double(n), 2)
    let admitted = min(edges ?? pairs, pairs)
    let top = effectiveDimension(maxDimension, points: n)
    // Dimension 0 stores the admitted edges. Higher dimensions are not bounded here: the only
    // cheap bound, C(x, k + 1) with C(x, 2) = edges (Kruskal–Katona), assumes the edges form one
    // clique and overestimates geometric complexes by orders of magnitude (it would refuse
    // o3_4096 at maxdim 3, which needs about 100 MB), and clearing and apparent pairs keep most
    // columns out of memory anyway. Once the edges are known, `checkSimplices` bounds them from
    // the degrees.
    let simplices = [admitted]
    return RipsMemoryEstimate(
      points: n, topDimension: top, edges: admitted, simplices: simplices,
      denseMatrixBytes: denseMatrix ? pairs * 8 : 0,
      sparseMatrixBytes: sparseMatrix ? admitted * bytesPerSparsePair : 0,
      simplexBytes: (simplices.max() ?? 0) * bytesPerSimplex(points: n, top: top),
      threadBytes: Double(max(1, threads)) * bytesPerThread)
  }

  /// The number of pairs of `cloud` at distance ≤ `threshold`: counted when there are at most
  /// 2²² pairs, otherwise estimated from 2¹⁶ seeded random pairs (no allocation either way).
  public static func estimatedEdges(_ cloud: PointCloud, metric: Metric, threshold: Double)
    -> Double
  {
    let n = cloud.count
    let pairs = MemoryBudget.binomial(Double(n), 2)
    guard n >= 2 else { return 0 }
    let d = cloud.dimension
    return cloud.withUnsafeCoordinates { coordinates -> Double in
      guard let base = coordinates.baseAddress else { return pairs }
      if pairs <= 0x1p22 {
        var count = 0
        for i in 1..<n {
          for j in 0..<i
          where metric.distance(base + i * d, base + j * d, dimension: d) <= threshold {
            count += 1
          }
        }
        return Double(count)
      }
      var random = SeededGenerator(seed: 0x5EED_0F_ED6E5)
      let samples = 1 << 16
      var hits = 0
      for _ in 0..<samples {
        let i = Int.random(in: 0..<n, using: &random)
        var j = Int.random(in: 0..<(n - 1), using: &random)
        if j >= i { j += 1 }
        if metric.distance(base + i * d, base + j * d, dimension: d) <= threshold { hits += 1 }
      }
      return pairs * Double(hits) / Double(samples)
    }
  }

  /// Refuses, before anything is allocated, a computation on `cloud` whose estimated memory
  /// (``estimateMemory(points:maxDimension:edges:denseMatrix:sparseMatrix:threads:)``) is above
  /// `budget`. `fewerPoints` names the remedy of a smaller sample in the caller's terms.
  /// - Throws: ``ResourceError`` with one line: the estimate and what would make it fit.
  public static func checkMemory(
    _ cloud: PointCloud, metric: Metric = .euclidean, options: RipsOptions,
    budget: MemoryBudget = .current, fewerPoints: String = "fewer points"
  ) throws(ResourceError) {
    let n = cloud.count
    let cloudBytes = Double(n) * Double(cloud.dimension) * 8
    if takesSpanningTreePath(cloud, metric: metric, options: options) {
      let bytes = Double(n) * spanningTreeBytesPerPoint(dimension: cloud.dimension) + cloudBytes
      let threshold = options.threshold.map { ", threshold \($0)" } ?? ""
      try budget.check(
        bytes: bytes, what: "rips on \(n) points (maxdim 0\(threshold))",
        suggestion: "use \(fewerPoints)")
      return
    }
    // A cheap bound first (all pairs admitted); the edges under a threshold only when it fails.
    var estimate = estimateMemory(
      points: n, maxDimension: options.maxDimension, denseMatrix: options.threshold == nil,
      sparseMatrix: options.threshold != nil, threads: options.threads)
    if let threshold = options.threshold, estimate.total + cloudBytes > budget.bytes {
      estimate = estimateMemory(
        points: n, maxDimension: options.maxDimension,
        edges: estimatedEdges(cloud, metric: metric, threshold: threshold), denseMatrix: false,
        sparseMatrix: true, threads: options.threads)
    }
    try check(estimate, budget: budget, options: options, fewerPoints: fewerPoints)
  }

  /// Refuses a computation on a dense distance matrix (already in memory) whose simplices and
  /// buffers are above `budget`; the edges are those under min(threshold, enclosing radius).
  public static func checkMemory(
    _ matrix: DistanceMatrix, options: RipsOptions, budget: MemoryBudget = .current,
    fewerPoints: String = "fewer points"
  ) throws(ResourceError) {
    var cut = min(options.threshold ?? .infinity, matrix.enclosingRadius)
    if cut.isNaN { cut = .infinity }
    let edges = matrix.entries.reduce(0) { $0 + ($1 <= cut ? 1 : 0) }
    let estimate = estimateMemory(
      points: matrix.count, maxDimension: options.maxDimension, edges: Double(edges),
      denseMatrix: false, sparseMatrix: edges * 4 < matrix.entries.count, threads: options.threads)
    try check(estimate, budget: budget, options: options, fewerPoints: fewerPoints)
  }

  /// Refuses a computation on a sparse distance matrix (already in memory) whose simplices and
  /// buffers are above `budget`.
  public static func checkMemory(
    _ matrix: SparseDistanceMatrix, options: RipsOptions, budget: MemoryBudget = .current,
    fewerPoints: String = "fewer points"
  ) throws(ResourceError) {
    let estimate = estimateMemory(
      points: matrix.count, maxDimension: options.maxDimension, edges: Double(matrix.pairCount),
      denseMatrix: false, sparseMatrix: false, threads: options.threads)
    try check(estimate, budget: budget, options: options, fewerPoints: fewerPoints)
  }

  /// Refuses, once the edges are known and before any simplex of dimension `top` ≥ 2 is
  /// enumerated, a computation whose `top`-simplices would exceed the memory budget. They are
  /// bounded by the degrees: a simplex on k + 1 vertices holds, at each of its vertices, k of that
  /// vertex's neighbours, so there are at most Σᵥ C(deg v, k) / (k + 1) of them (for o3_4096 at
  /// threshold 1.4: 8.9 million triangles bounded, 4.3 million present).
  /// - Throws: ``PersistenceError/tooLarge(_:)`` with the ``ResourceError``'s one line.
  static func checkSimplices(
    degrees: [Int], top: Int, options: RipsOptions, budget: MemoryBudget = .current
  ) throws(PersistenceError) {
    let bound =
      degrees.reduce(0.0) { $0 + MemoryBudget.binomial(Double($1), top) } / Double(top + 1)
    let bytes = bound * bytesPerSimplex(points: degrees.count, top: top)
    do {
      try budget.check(
        bytes: bytes, what: "rips on \(degrees.count) points (maxdim \(options.maxDimension))",
        suggestion: "up to \(String(format: "%.3g", bound)) \(top)-simplices (bounded from the "
          + "degrees of the edges): use a lower --maxdim, a smaller --threshold, or fewer points")
    } catch {
      throw .tooLarge(error)
    }
  }

  /// Throws a ``ResourceError`` naming the dominant part and its remedy when `estimate` is above
  /// `budget`.
  static func check(
    _ estimate: RipsMemoryEstimate, budget: MemoryBudget, options: RipsOptions, fewerPoints: String
  ) throws(ResourceError) {
    let suggestion: String
    switch estimate.dominantPart {
    case "matrix":
      suggestion =
        "its dense distance matrix alone is \(MemoryBudget.format(estimate.denseMatrixBytes)): give a --threshold (the sparse path) or \(fewerPoints)"
    case "threads":
      let fitting = max(
        1, Int(min(1e9, (budget.bytes - estimate.total + estimate.threadBytes) / bytesPerThread)))
      suggestion =
        "its per-thread buffers alone are \(MemoryBudget.format(estimate.threadBytes)): use at most \(min(fitting, 4096)) --threads"
    default:
      let k =
        (estimate.simplices.indices.max { estimate.simplices[$0] < estimate.simplices[$1] } ?? 0)
        + 1
      let held = k == 1 ? "edges" : "\(k)-simplices"
      let lower =
        estimate.topDimension > 1 ? "a lower --maxdim (\(estimate.topDimension) asked), " : ""
      suggestion =
        "up to \(String(format: "%.3g", estimate.simplices[k - 1])) \(held): use \(lower)a smaller --threshold, or \(fewerPoints)"
    }
    let threshold = options.threshold.map { ", threshold \($0)" } ?? ""
    try budget.check(
      bytes: estimate.total,
      what: "rips on \(estimate.points) points (maxdim \(options.maxDimension)\(threshold))",
      suggestion: suggestion)
  }
}
