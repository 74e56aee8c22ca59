import PointClouds

/// How the kernel of a Gaussian KDE is chosen.
public enum KernelBandwidth: Sendable, Equatable {
  /// An isotropic kernel N(0, h² I) with h in data units (scikit-learn's `KernelDensity(bandwidth:
  /// h)`).
  case fixed(Double)
  /// Scott's rule as `scipy.stats.gaussian_kde` applies it: kernel covariance f² Σ̂ with
  /// f = n^(−1/(d+4)) and Σ̂ the sample covariance (divisor n − 1) of the fitted set.
  case scott
  /// Silverman's rule as `scipy.stats.gaussian_kde`: f = (n (d + 2) / 4)^(−1/(d+4)), covariance f²
  /// Σ̂.
  case silverman

  /// The rule's name: "fixed", "scott" or "silverman".
  public var name: String {
    switch self {
    case .fixed: return "fixed"
    case .scott: return "scott"
    case .silverman: return "silverman"
    }
  }

  /// The bandwidth factor for a fitted set of `count` points in `dimension` dimensions: h for a
  /// fixed bandwidth, scipy's `gaussian_kde.factor` for the rules.
  public func factor(count: Int, dimension: Int) -> Double {
    let n = Double(count)
    let exponent = -1 / Double(dimension + 4)
    switch self {
    case .fixed(let h): return h
    case .scott: return _pow(n, exponent)
    case .silverman: return _pow(n * Double(dimension + 2) / 4, exponent)
    }
  }
}

/// Gaussian kernel-density baselines: the mean log-likelihood (natural log, per sample) of the
/// synthetic set under the KDE of the real set, and of the real set under the KDE of the synthetic
/// set.
///
/// The KDE of a set {x_1..x_n} is p̂(y) = (1/n) Σ_i N(y; x_i, H). With H = L Lᵀ (Cholesky) and
/// z = L⁻¹ y,
///   log p̂(y) = logsumexp_i(−|z − z_i|²/2) − log n − (d/2) log 2π − log det L,
/// evaluated exactly over all pairs in float64 with a streaming, max-shifted log-sum-exp (no tree
/// approximation, unlike scikit-learn's `KernelDensity`, whose "exact" mode can be off by many
/// nats). `.fixed(h)` matches `KernelDensity(bandwidth=h).score_samples`; `.scott`/`.silverman`
/// match `scipy.stats.gaussian_kde(..., bw_method=rule).logpdf`.
public struct KernelDensityBaseline: Codable, Sendable, Equatable {
  /// The rule: "fixed", "scott" or "silverman".
  public var rule: String
  /// The bandwidth of the real set's KDE: h in data units for "fixed", scipy's factor otherwise.
  public var bandwidth: Double
  /// The bandwidth (or factor) of the synthetic set's KDE.
  public var syntheticBandwidth: Double
  /// Mean log-likelihood of the synthetic points under the real KDE (nats per sample).
  public var synthGivenReal: Double
  /// Mean log-likelihood of the real points under the synthetic KDE (nats per sample).
  public var realGivenSynth: Double

  enum CodingKeys: String, CodingKey {
    case rule, bandwidth
    case syntheticBandwidth = "synthetic_bandwidth"
    case synthGivenReal = "synth_given_real"
    case realGivenSynth = "real_given_synth"
  }

  /// Both mean log-likelihoods.
  /// - Throws: ``SampleMetricsError`` for a non-positive or non-finite h, sets too small
  ///   (2 points for the rules), non-finite values, different dimensions, or a singular covariance
  ///   under a rule.
  /// - Complexity: O(N M d) time, O((N + M) d) memory, and d² more under a rule (refused with a
  ///   `ResourceError` above `MemoryBudget.current`).
  public static func compute(
    real: PointCloud, synthetic: PointCloud, bandwidth: KernelBandwidth = .scott,
    progress: ProgressHandler? = nil
  ) throws -> KernelDensityBaseline {
    try validateSameDimension(real, named: "real", synthetic, named: "synthetic")
    let realKernel = try GaussianKernel(fittedTo: real, named: "real", bandwidth: bandwidth)
    let syntheticKernel = try GaussianKernel(
      fittedTo: synthetic, named: "synthetic", bandwidth: bandwidth)
    return KernelDensityBaseline(
      rule: bandwidth.name, bandwidth: realKernel.factor,
      syntheticBandwidth: syntheticKernel.factor,
      synthGivenReal: mean(realKernel.logDensities(of: synthetic, progress: progress)),
      realGivenSynth: mean(syntheticKernel.logDensities(of: real, progress: progress)))
  }

  /// The log density of every point of `points` under the KDE fitted to `fitted`.
  /// - Throws: as ``compute(real:synthetic:bandwidth:progress:)``.
  public static func logDensities(
    of points: PointCloud, under fitted: PointCloud, bandwidth: KernelBandwidth = .scott,
    progress: ProgressHandler? = nil
  ) throws -> [Double] {
    try validateSameDimension(fitted, named: "real", points, named: "synthetic")
    try validate(points, named: "synthetic", minimum: 1)
    return try GaussianKernel(fittedTo: fitted, named: "real", bandwidth: bandwidth)
      .logDensities(of: points, progress: progress)
  }
}

/// A fitted Gaussian KDE in whitened coordinates z = L⁻¹ x (H = L Lᵀ the kernel covariance).
struct GaussianKernel {
  /// h, or scipy's factor.
  let factor: Double
  /// L, row-major d × d lower triangular, under a rule; nil for a fixed bandwidth, whose L = h I
  /// is never stored (a d × d matrix of a wide sample can be far larger than the sample).
  let cholesky: [Double]?
  /// The fitted points, whitened.
  let centres: PointCloud
  /// −log n − (d/2) log 2π − log det L.
  let logNormaliser: Double

  /// The smallest fixed bandwidth: h² must be a normal float64 (√(2⁻¹⁰²²) ≈ 1.49e-154).
  static let smallestBandwidth = Double.leastNormalMagnitude.squareRoot()

  init(fittedTo cloud: PointCloud, named set: String, bandwidth: KernelBandwidth) throws {
    let d = cloud.dimension
    let n = cloud.count
    if case .fixed(let h) = bandwidth {
      guard h.isFinite && h > 0 else {
        throw SampleMetricsError.invalidParameter(
          name: "bandwidth", value: "\(h)", allowed: "a positive finite number, scott or silverman")
      }
      guard h >= Self.smallestBandwidth else {
        throw SampleMetricsError.invalidParameter(
          name: "bandwidth", value: "\(h)",
          allowed:
            "at least \(Self.smallestBandwidth) (a smaller h² underflows float64; rescale the data instead)"
        )
      }
      try validate(cloud, named: set, minimum: 1)
      factor = h
      cholesky = nil
      centres = PointCloud(count: n, dimension: d, coordinates: cloud.coordinates.map { $0 / h })
      logNormaliser = -_log(Double(n)) - Double(d) / 2 * _log(2 * Double.pi) - Double(d) * _log(h)
      return
    }
    try validate(cloud, named: set, minimum: 2)
    // n points span at most n − 1 directions: a covariance of rank < d is singular, known
    // before its d × d entries are computed.
    guard n > d else { throw SampleMetricsError.singularCovariance(set: set) }
    // The covariance and its Cholesky factor: 2 d² doubles.
    try MemoryBudget.current.check(
      bytes: 2 * Double(d) * Double(d) * 8,
      what: "the \(bandwidth.name) KDE of the \(set) sample (two \(d) × \(d) covariance matrices)",
      suggestion: "use a fixed --bandwidth H (no covariance matrix) or fewer columns")
    let factor = bandwidth.factor(count: n, dimension: d)
    self.factor = factor
    let covariance = sampleCovariance(cloud).map { $0 * factor * factor }
    guard let lower = choleskyFactor(covariance, dimension: d) else {
      throw SampleMetricsError.singularCovariance(set: set)
    }
    cholesky = lower
    centres = whiten(cloud, lower)
    var logDeterminant = 0.0
    for c in 0..<d { logDeterminant += _log(lower[c * d + c]) }
    logNormaliser = -_log(Double(n)) - Double(d) / 2 * _log(2 * Double.pi) - logDeterminant
  }

  /// log p̂ at every point of `points`, exactly.
  func logDensities(of points: PointCloud, progress: ProgressHandler?) -> [Double] {
    let queries =
      cholesky.map { whiten(points, $0) }
      ?? PointCloud(
        count: points.count, dimension: points.dimension,
        coordinates: points.coordinates.map { $0 / factor })
    var shift = [Double](repeating: -.infinity, count: queries.count)
    var sum = [Double](repeating: 0, count: queries.count)
    shift.withUnsafeMutableBufferPointer { shift in
      sum.withUnsafeMutableBufferPointer { sum in
        let accumulator = LogSumExp(shift: shift.baseAddress!, sum: sum.baseAddress!)
        _ = SquaredDistanceTiles.run(queries: queries, references: centres, progress: progress) {
          _ in accumulator
        }
      }
    }
    return (0..<queries.count).map { shift[$0] + _log(sum[$0]) + logNormaliser }
  }
}

/// Streams logsumexp_r(−tile[q, r]/2) per query q: the running value is shift + log(sum), the
/// shift being the largest exponent seen so far.
struct LogSumExp: TileConsumer, @unchecked Sendable {
  let shift: UnsafeMutablePointer<Double>
  let sum: UnsafeMutablePointer<Double>

  func consume(_ tile: SquaredDistanceTile) {
    for q in tile.queries {
      let row = tile.row(q)
      var smallest = Double.infinity
      for value in row { smallest = min(smallest, value) }
      let newShift = max(shift[q], -0.5 * smallest)
      // Every kernel so far underflows (whitened distances beyond float64): nothing to add.
      if newShift == -.infinity { continue }
      var total = sum[q] * _exp(shift[q] - newShift)
      for value in row { total += _exp(-0.5 * value - newShift) }
      shift[q] = newShift
      sum[q] = total
    }
  }
}

/// The sample covariance (divisor n − 1) of `cloud`'s columns, row-major d × d.
func sampleCovariance(_ cloud: PointCloud) -> [Double] {
  let n = cloud.count
  let d = cloud.dimension
  var means = [Double](repeating: 0, count: d)
  for i in 0..<n { for c in 0..<d { means[c] += cloud[i, c] } }
  for c in 0..<d { means[c] /= Double(n) }
  var covariance = [Double](repeating: 0, count: d * d)
  var centred = [Double](repeating: 0, count: d)
  for i in 0..<n {
    for c in 0..<d { centred[c] = cloud[i, c] - means[c] }
    for a in 0..<d { for b in 0...a { covariance[a * d + b] += centred[a] * centred[b] } }
  }
  for a in 0..<d {
    for b in 0...a {
      covariance[a * d + b] /= Double(n - 1)
      covariance[b * d + a] = covariance[a * d + b]
    }
  }
  return covariance
}

/// The lower Cholesky factor of a symmetric d × d matrix, or nil when it is not numerically
/// positive definite (a pivot at most 1e-12 of its diagonal entry).
func choleskyFactor(_ matrix: [Double], dimension d: Int) -> [Double]? {
  var lower = [Double](repeating: 0, count: d * d)
  for j in 0..<d {
    var pivot = matrix[j * d + j]
    for p in 0..<j { pivot -= lower[j * d + p] * lower[j * d + p] }
    guard pivot > 1e-12 * matrix[j * d + j], pivot.isFinite else { return nil }
    let root = pivot.squareRoot()
    lower[j * d + j] = root
    for i in (j + 1)..<d {
      var value = matrix[i * d + j]
      for p in 0..<j { value -= lower[i * d + p] * lower[j * d + p] }
      lower[i * d + j] = value / root
    }
  }
  return lower
}

/// Every point x of `cloud` replaced by L⁻¹ x (forward substitution).
func whiten(_ cloud: PointCloud, _ lower: [Double]) -> PointCloud {
  let d = cloud.dimension
  var coordinates = cloud.coordinates
  for i in 0..<cloud.count {
    for a in 0..<d {
      var value = coordinates[i * d + a]
      for b in 0..<a { value -= lower[a * d + b] * coordinates[i * d + b] }
      coordinates[i * d + a] = value / lower[a * d + a]
    }
  }
  return PointCloud(count: cloud.count, dimension: d, coordinates: coordinates)
}
