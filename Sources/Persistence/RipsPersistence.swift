import PointClouds

/// The options of a Vietoris–Rips persistence computation.
public struct RipsOptions: Sendable {
  /// The largest homology dimension computed (≥ 0); diagrams 0…maxDimension are returned.
  public var maxDimension: Int
  /// The prime p of the coefficient field Z/p (2…65521), or 0 for the rationals Q.
  public var modulus: Int
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
    maxDimension: Int = 1, modulus: Int = 2, threshold: Double? = nil,
    threads: Int = defaultThreadCount, progress: ProgressHandler? = nil
  ) {
    self.maxDimension = maxDimension
    self.modulus = modulus
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
    if modulus != 0 { _ = try field() }
  }

  /// Z/2 or Z/p.
  func field() throws(PersistenceError) -> PrimeField { try PrimeField(modulus: modulus) }
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
    if let threshold = options.threshold {
      let sparse = SparseDistanceMatrix(cloud, metric: metric, threshold: threshold, threads: options.threads)
      return try compute(sparse, reportedThreshold: threshold, options: options)
    }
    return try compute(DistanceMatrix(cloud, metric: metric), options: options)
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

  static func compute(
    sparse matrix: SparseDistanceMatrix, reportedThreshold: Double, options: RipsOptions
  ) throws(PersistenceError) -> RipsResult {
    guard matrix.count >= 1 else {
      throw .invalidParameter(name: "points", value: "0", allowed: "at least 1")
    }
    let top = effectiveDimension(options.maxDimension, points: matrix.count)
    let width = indexWidth(points: matrix.count, maxDimension: top, forced: options.indexWidth)
    let diagrams = try width.run(SparseComputation(matrix: matrix, maxDimension: top, options: options))
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
    if options.modulus == 0 {
      return PersistentCohomology.diagrams(
        of: filtration, field: RationalField(), maxDimension: options.maxDimension,
        threads: options.threads, progress: options.progress)
    }
    if options.modulus == 2 {
      return PersistentCohomology.diagrams(
        of: filtration, field: BinaryField(), maxDimension: options.maxDimension,
        threads: options.threads, progress: options.progress)
    }
    return PersistentCohomology.diagrams(
      of: filtration, field: try options.field(), maxDimension: options.maxDimension,
      threads: options.threads, progress: options.progress)
  }
}
