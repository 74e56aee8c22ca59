/// The configuration of an evaluation of a synthetic sample against a real one: which parts to
/// compute and the parameters of each. ``evaluate(real:synthetic:progress:)`` returns an
/// ``EvaluationReport`` holding every metric with these parameters.
///
/// Defaults follow the reference implementations (see `docs/metrics.md`): Ripser's
/// dimension 1 over Z/2 cut at the enclosing radius; k = 5 as in `prdc`; Scott's bandwidth; the
/// geometry score's 64 landmarks and i_max = 100, with γ = 1/8 and 100 trials (the reference
/// code's defaults are N/(128 · 5000) and 1000).
public struct Evaluation: Sendable, Equatable, Codable {
  /// The parts of an evaluation, each of which can be switched off.
  public enum Part: String, Sendable, CaseIterable, Codable, Comparable {
    /// Vietoris–Rips diagrams of both samples and the bottleneck and Wasserstein distances.
    case persistence
    /// k-NN precision, recall, density, coverage, realism and the distance to the closest record.
    case sampleMetrics = "metrics"
    /// Gaussian kernel-density log-likelihoods in both directions.
    case kde
    /// The geometry score (relative living times of H1 in witness complexes).
    case geometryScore = "gscore"
    /// DCR, NNDR, identifiability and, with a holdout, the membership attack.
    case privacy
    /// Column shapes, column pair trends and the quality score (SDMetrics' QualityReport).
    case fidelity
    /// Logistic and 1-NN detection: can a classifier tell synthetic rows from real ones?
    case detect
    /// Train on synthetic, test on real (the holdout) against train on real; needs ``target``.
    case utility

    public static func < (a: Part, b: Part) -> Bool {
      allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
  }

  /// The parts to compute: every part but ``Part/utility``, which needs a ``target``.
  public var parts: Set<Part> = Set(Part.allCases).subtracting([.utility])

  // MARK: Persistence

  /// The largest homology dimension of the diagrams (0…3 here: higher is rarely affordable).
  public var maxDimension = 1
  /// The coefficient field of the diagrams: Z/p or Q.
  public var coefficients = Coefficients.prime(2)
  /// The Rips threshold, or `nil` for each cloud's enclosing radius.
  public var threshold: Double? = nil
  /// At most this many points of each sample enter the Rips computation of H1 and up (a seeded
  /// uniform subset without replacement when a sample is larger): Rips cost grows like n^(k+2) in
  /// dimension k. H0 is computed on the whole sample (its minimum spanning tree, in linear
  /// memory), but under Gower's distance, where it is the subset's too.
  public var persistencePoints = 1000
  /// The certified relative error of the Wasserstein distances (0: exact; above 600 finite points
  /// the auction is used otherwise). Bottleneck distances are exact.
  public var wassersteinRelativeError = 0.01

  // MARK: k-NN metrics

  /// The neighbourhood size k of the k-NN balls.
  public var k = 5
  /// Open k-NN balls (`d < r`, prdc, the default) or closed ones (`d ≤ r`, Kynkäänniemi et al.).
  public var balls = BallBoundary.open
  /// Whether every sample is z-scored with the real sample's column means and standard
  /// deviations before every part (persistence, k-NN metrics, NDB/K, KDE, geometry score,
  /// privacy); on mixed tables under Euclidean distance, their Euclidean embedding is. Gower's
  /// distance already divides by each column's range, so it changes nothing there.
  public var standardize = false

  /// The number of k-means bins of the NDB/K vector-quantisation test (clamped to the real
  /// sample's size); 0 skips it.
  public var vqBins = 20

  // MARK: Kernel density

  /// The KDE bandwidth: Scott's or Silverman's rule (scipy's data-scaled kernels), or a fixed
  /// isotropic bandwidth h.
  public var bandwidth = KernelBandwidth.scott

  // MARK: Geometry score

  /// Landmarks per trial.
  public var landmarks = 64
  /// The witness-complex scale γ (α_max = γ · largest witness–landmark distance), or `nil` for
  /// the reference code's default N/(128 · 5000). The default here is 1/8, the value of the
  /// reference README and toy notebook: N/(128 · 5000) is so small below ~10⁴ points that the
  /// filtration barely starts (see `docs/metrics.md`, "Geometry score").
  public var gamma: Double? = 0.125
  /// The number of MRLT bins (Betti numbers 0 ..< imax).
  public var imax = 100
  /// The number of random landmark draws averaged.
  public var trials = 100

  // MARK: Detection and utility

  /// The stratified folds of the logistic detection.
  public var detectionFolds = Detection.Options().folds
  /// The label permutations of the 1-NN detection test's p-value.
  public var detectionPermutations = Detection.Options().permutations
  /// The column the utility part predicts (with the holdout as the test table).
  public var target: String? = nil
  /// The utility task, or `nil` for the one the target's kind implies.
  public var task: UtilityReport.Task? = nil

  // MARK: Randomness

  /// The seed of every random choice (Rips subsets, landmarks, k-means, the baseline's halves,
  /// the bootstrap's resamples).
  public var seed: UInt64 = 1

  // MARK: Readings

  /// Whether the same metrics are also computed between two seeded halves of the real sample
  /// (or the real sample and the holdout), the baseline every reading compares with.
  public var baseline = true
  /// The number of bootstrap replicates behind each metric's percentile interval (0: none).
  public var bootstrap = 0

  /// The default configuration.
  public init() {}

  /// The defaults, the one place every command, the C ABI and the documentation take them from.
  public static let defaults = Evaluation()

  enum CodingKeys: String, CodingKey {
    case parts
    case maxDimension = "maxdim"
    case coefficients = "coeff"
    case threshold
    case persistencePoints = "persistence_points"
    case wassersteinRelativeError = "relative_error"
    case k, balls
    case vqBins = "vq_bins"
    case standardize
    case bandwidth, landmarks, gamma, imax, trials, seed, baseline, bootstrap
    case detectionFolds = "folds"
    case detectionPermutations = "permutations"
    case target, task
  }

  /// Encodes every parameter; `threshold` and `gamma` as `null` when they take their defaults, the
  /// parts in their fixed order.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(parts.sorted(), forKey: .parts)
    try container.encode(maxDimension, forKey: .maxDimension)
    try container.encode(coefficients, forKey: .coefficients)
    try container.encode(threshold, forKey: .threshold)
    try container.encode(persistencePoints, forKey: .persistencePoints)
    try container.encode(wassersteinRelativeError, forKey: .wassersteinRelativeError)
    try container.encode(k, forKey: .k)
    try container.encode(balls, forKey: .balls)
    try container.encode(vqBins, forKey: .vqBins)
    try container.encode(standardize, forKey: .standardize)
    try container.encode(bandwidthDescription, forKey: .bandwidth)
    try container.encode(landmarks, forKey: .landmarks)
    try container.encode(gamma, forKey: .gamma)
    try container.encode(imax, forKey: .imax)
    try container.encode(trials, forKey: .trials)
    try container.encode(seed, forKey: .seed)
    try container.encode(baseline, forKey: .baseline)
    try container.encode(bootstrap, forKey: .bootstrap)
    if parts.contains(.detect) {
      try container.encode(detectionFolds, forKey: .detectionFolds)
      try container.encode(detectionPermutations, forKey: .detectionPermutations)
    }
    try container.encodeIfPresent(target, forKey: .target)
    try container.encodeIfPresent(task, forKey: .task)
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    parts = Set(try container.decode([Part].self, forKey: .parts))
    maxDimension = try container.decode(Int.self, forKey: .maxDimension)
    coefficients = try container.decode(Coefficients.self, forKey: .coefficients)
    threshold = try container.decodeIfPresent(Double.self, forKey: .threshold)
    persistencePoints = try container.decode(Int.self, forKey: .persistencePoints)
    wassersteinRelativeError = try container.decode(Double.self, forKey: .wassersteinRelativeError)
    k = try container.decode(Int.self, forKey: .k)
    balls = try container.decode(BallBoundary.self, forKey: .balls)
    vqBins = try container.decode(Int.self, forKey: .vqBins)
    standardize = try container.decode(Bool.self, forKey: .standardize)
    let bandwidthText = try container.decode(String.self, forKey: .bandwidth)
    guard let bandwidth = Self.bandwidth(named: bandwidthText) else {
      throw DecodingError.dataCorruptedError(
        forKey: .bandwidth, in: container,
        debugDescription: "bandwidth must be scott, silverman or a positive number")
    }
    self.bandwidth = bandwidth
    landmarks = try container.decode(Int.self, forKey: .landmarks)
    gamma = try container.decodeIfPresent(Double.self, forKey: .gamma)
    imax = try container.decode(Int.self, forKey: .imax)
    trials = try container.decode(Int.self, forKey: .trials)
    seed = try container.decode(UInt64.self, forKey: .seed)
    baseline = try container.decodeIfPresent(Bool.self, forKey: .baseline) ?? baseline
    bootstrap = try container.decodeIfPresent(Int.self, forKey: .bootstrap) ?? bootstrap
    detectionFolds =
      try container.decodeIfPresent(Int.self, forKey: .detectionFolds) ?? detectionFolds
    detectionPermutations =
      try container.decodeIfPresent(Int.self, forKey: .detectionPermutations)
      ?? detectionPermutations
    target = try container.decodeIfPresent(String.self, forKey: .target)
    task = try container.decodeIfPresent(UtilityReport.Task.self, forKey: .task)
  }

  /// The parameters as (name, value) lines, for tables and the HTML report.
  public var parameterEntries: [HTMLReport.Entry] {
    var entries: [HTMLReport.Entry] = [
      .init("parts", parts.sorted().map(\.rawValue).joined(separator: ", ")),
      .init("seed", "\(seed)"), .init("standardize", "\(standardize)"),
      .init("baseline", "\(baseline)"), .init("bootstrap", "\(bootstrap)"),
    ]
    if parts.contains(.persistence) {
      entries += [
        .init("maxdim", "\(maxDimension)"), .init("coeff", "\(coefficients)"),
        .init("threshold", threshold.map { "\($0)" } ?? "enclosing radius"),
        .init("persistence_points", "\(persistencePoints)"),
        .init("relative_error", "\(wassersteinRelativeError)"),
      ]
    }
    if parts.contains(.sampleMetrics) {
      entries += [
        .init("k", "\(k)"), .init("balls", balls.rawValue), .init("vq_bins", "\(vqBins)"),
      ]
    }
    if parts.contains(.kde) { entries.append(.init("bandwidth", bandwidthDescription)) }
    if parts.contains(.geometryScore) {
      entries += [
        .init("landmarks", "\(landmarks)"), .init("gamma", gamma.map { "\($0)" } ?? "N/(128·5000)"),
        .init("imax", "\(imax)"), .init("trials", "\(trials)"),
      ]
    }
    if parts.contains(.detect) {
      entries += [
        .init("folds", "\(detectionFolds)"), .init("permutations", "\(detectionPermutations)"),
      ]
    }
    if parts.contains(.utility), let target {
      entries.append(.init("target", target))
      if let task { entries.append(.init("task", task.rawValue)) }
    }
    return entries
  }

  /// The bandwidth as written in JSON and on the command line: "scott", "silverman" or h.
  public var bandwidthDescription: String {
    if case .fixed(let h) = bandwidth { return "\(h)" }
    return bandwidth.name
  }

  /// The bandwidth named `text` ("scott", "silverman" or a positive number), or `nil`.
  public static func bandwidth(named text: String) -> KernelBandwidth? {
    switch text {
    case "scott": return .scott
    case "silverman": return .silverman
    default:
      guard let h = Double(text), h > 0, h.isFinite else { return nil }
      return .fixed(h)
    }
  }
}
