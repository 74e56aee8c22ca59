import Dispatch
import Foundation
import Persistence
import PointClouds

/// The Geometry Score of Khrulkov & Oseledets (ICML 2018), as their reference code computes it.
///
/// For each cloud and each of `trials` trials: draw L₀ landmarks uniformly with replacement,
/// build the weak relaxed witness filtration (every point a witness, GUDHI's rule over plain
/// distances, up to triangles) with α_max = γ · (largest witness–landmark distance), take its H1
/// barcode over Z/2 and the relative living times of that barcode (``RelativeLivingTimes``).
/// The mean over trials is the MRLT of the cloud, and
///
///     gscore = Σᵢ (MRLT_real(i) − MRLT_synthetic(i))²   (squared L2, no square root).
///
/// Defaults are the reference code's: L₀ = 64, γ = N / (128 · 5000) for a cloud of N points
/// (so each cloud gets its own γ), i_max = 100, 1000 trials. A cloud whose points all coincide
/// has α_max = 0 and no holes; its trials count as (1, 0, …, 0).
///
/// Cost per trial: O(N · L₀ · d) for the witness–landmark distances — or O(N · L₀) reads once
/// the cloud's pairwise distances are cached (O(N² d) time and N² doubles, once; see
/// ``distanceCacheLimit``) — plus the witness scan and one H1 reduction (the engine's cohomology
/// reducer) of at most C(L₀, 3) triangles. The clouds are scored one after the other (one N²
/// cache alive at a time); the trials of a cloud run in parallel
/// (`DispatchQueue.concurrentPerform`), each writing its own row, summed in trial order afterwards,
/// so results do not depend on the number of threads.
public struct GeometryScore: Sendable {
  /// L₀, the landmarks per trial.
  public var landmarks: Int
  /// γ, α_max as a fraction of the largest witness–landmark distance; `nil` for the reference
  /// default N / (128 · 5000), per cloud.
  public var gamma: Double?
  /// i_max, the length of the RLT vectors (Betti numbers 0 … i_max − 1).
  public var imax: Int
  /// The number of landmark draws per cloud (ignored when landmark sets are given).
  public var trials: Int
  /// The seed of the landmark draws (see
  /// ``LandmarkSets/random(trials:perTrial:pointCount:seed:cloud:)``).
  public var seed: UInt64
  /// The largest cloud whose pairwise distances are computed once and shared by all trials
  /// (N² doubles: 12 000 points take 1.1 GB) when the trials would otherwise compute more
  /// distances than that; larger clouds compute N × L₀ distances per trial. 0 never caches.
  /// Both ways give the same distances (coordinate-order sums), hence the same result.
  public var distanceCacheLimit = 12_000
  /// Worker threads: trials are dealt to `32 × threads` interleaved chunks, run concurrently
  /// (serially for 1). Results do not depend on it.
  public var threads = ProcessInfo.processInfo.activeProcessorCount

  /// A configuration; the defaults are the reference code's.
  public init(
    landmarks: Int = 64, gamma: Double? = nil, imax: Int = 100, trials: Int = 1000,
    seed: UInt64 = 0
  ) {
    self.landmarks = landmarks
    self.gamma = gamma
    self.imax = imax
    self.trials = trials
    self.seed = seed
  }

  /// The reference code's γ for a cloud of `pointCount` points: N / (128 · 5000).
  public static func defaultGamma(pointCount: Int) -> Double {
    Double(pointCount) / (128 * 5000)
  }

  /// Checks every parameter against its allowed range.
  /// - Throws: `PointCloudError.invalidParameter` naming the first bad one.
  public func validate() throws {
    func check(_ ok: Bool, _ name: String, _ value: String, _ allowed: String) throws {
      if !ok { throw PointCloudError.invalidParameter(name: name, value: value, allowed: allowed) }
    }
    try check(landmarks >= 1 && landmarks <= 500, "landmarks", "\(landmarks)", "in 1...500")
    if let gamma {
      try check(gamma > 0 && gamma.isFinite, "gamma", "\(gamma)", "a finite number > 0")
    }
    try check(imax >= 1 && imax <= 1_000_000, "imax", "\(imax)", "in 1...1000000")
    try check(trials >= 1 && trials <= 100_000_000, "trials", "\(trials)", "in 1...100000000")
    try check(threads >= 1 && threads <= 4096, "threads", "\(threads)", "in 1...4096")
  }

  /// The MRLT of `cloud` over the given landmark draws (one trial per set), with γ = `gamma`.
  /// - Precondition: every index is a row of `cloud`; `gamma` > 0.
  public func meanRelativeLivingTimes(
    of cloud: PointCloud, landmarkSets: LandmarkSets, gamma: Double,
    progress: ProgressHandler? = nil
  ) -> [Double] {
    meanRelativeLivingTimes(of: [(.cloud(cloud), landmarkSets, gamma)], progress: progress)[0]
  }

  /// Scores `synthetic` against `real`. Landmarks are drawn at random from ``seed`` unless both
  /// `realLandmarks` and `syntheticLandmarks` are given (their trial counts must match, and so
  /// must their landmarks per trial, which then override ``landmarks`` and ``trials``).
  /// - Throws: `PointCloudError.invalidParameter` for a bad parameter, an empty cloud or
  ///   mismatched dimensions; `LandmarkFileError.mismatchedFiles` for landmark sets that differ
  ///   in shape; `SampleMetricsError.tooLarge` (as `metrics` does) for a coordinate so large
  ///   that squared distances would overflow — the witness filtration's α_max is then +∞, which
  ///   it used to stop on with a precondition failure.
  public func evaluate(
    real: PointCloud, synthetic: PointCloud, realLandmarks: LandmarkSets? = nil,
    syntheticLandmarks: LandmarkSets? = nil, progress: ProgressHandler? = nil
  ) throws -> GeometryScoreResult {
    guard real.dimension == synthetic.dimension else {
      throw PointCloudError.invalidParameter(
        name: "synthetic dimension", value: "\(synthetic.dimension)",
        allowed: "the real cloud's dimension \(real.dimension)")
    }
    return try evaluate(
      real: .cloud(real), synthetic: .cloud(synthetic), realLandmarks: realLandmarks,
      syntheticLandmarks: syntheticLandmarks, progress: progress)
  }

  /// Scores `synthetic` against `real`, each given as a cloud or as its pairwise distances (any
  /// metric: e.g. Gower's between table rows), as
  /// ``evaluate(real:synthetic:realLandmarks:syntheticLandmarks:progress:)``. `realMRLT`, if
  /// given, is the real sample's MRLT as an earlier call computed it with the same parameters,
  /// sample and landmark draws: it is taken over instead of computed again.
  package func evaluate(
    real: WitnessSample, synthetic: WitnessSample, realLandmarks: LandmarkSets? = nil,
    syntheticLandmarks: LandmarkSets? = nil, realMRLT: [Double]? = nil,
    progress: ProgressHandler? = nil
  ) throws -> GeometryScoreResult {
    try validate()
    for (name, sample) in [("real", real), ("synthetic", synthetic)] where sample.count == 0 {
      throw PointCloudError.invalidParameter(
        name: "\(name) cloud", value: "0 points", allowed: "at least 1 point")
    }
    // γ is relative, so the score is scale-invariant: coordinates near the float64 limits are
    // computed in units of a power of two (exact), never refused (PowerOfTwoScale).
    // Each sample has its own witness complex: each gets its own scale.
    if case .cloud(let realCloud) = real, case .cloud(let syntheticCloud) = synthetic {
      let realScale = try PowerOfTwoScale.fitting([("real", realCloud)])
      let syntheticScale = try PowerOfTwoScale.fitting([("synthetic", syntheticCloud)])
      if realScale != .identity || syntheticScale != .identity {
        return try evaluate(
          real: .cloud(realScale.scale(realCloud)),
          synthetic: .cloud(syntheticScale.scale(syntheticCloud)),
          realLandmarks: realLandmarks, syntheticLandmarks: syntheticLandmarks,
          realMRLT: realMRLT, progress: progress)
      }
    }
    guard (realLandmarks == nil) == (syntheticLandmarks == nil) else {
      throw PointCloudError.invalidParameter(
        name: "landmark sets", value: "one given", allowed: "both or neither")
    }
    let realSets =
      realLandmarks
      ?? .random(trials: trials, perTrial: landmarks, pointCount: real.count, seed: seed, cloud: 0)
    let syntheticSets =
      syntheticLandmarks
      ?? .random(
        trials: trials, perTrial: landmarks, pointCount: synthetic.count, seed: seed, cloud: 1)
    guard realSets.trials == syntheticSets.trials && realSets.perTrial == syntheticSets.perTrial
    else {
      throw LandmarkFileError.mismatchedFiles(
        file: "real landmarks", trials: realSets.trials, landmarks: realSets.perTrial,
        otherFile: "synthetic landmarks", otherTrials: syntheticSets.trials,
        otherLandmarks: syntheticSets.perTrial)
    }
    for (name, sets, sample) in [
      ("real", realSets, real), ("synthetic", syntheticSets, synthetic),
    ] {
      if let bad = sets.indices.first(where: { $0 < 0 || $0 >= sample.count }) {
        throw PointCloudError.invalidParameter(
          name: "\(name) landmark index", value: "\(bad)", allowed: "in 0..<\(sample.count)")
      }
    }
    let gammaReal = gamma ?? Self.defaultGamma(pointCount: real.count)
    let gammaSynthetic = gamma ?? Self.defaultGamma(pointCount: synthetic.count)
    var means = meanRelativeLivingTimes(
      of: (realMRLT == nil ? [(real, realSets, gammaReal)] : [])
        + [(synthetic, syntheticSets, gammaSynthetic)],
      progress: progress)
    if let realMRLT { means.insert(realMRLT, at: 0) }
    let score = zip(means[0], means[1]).reduce(0.0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
    return GeometryScoreResult(
      gscore: score, mrltReal: means[0], mrltSynthetic: means[1], landmarks: realSets.perTrial,
      gammaReal: gammaReal, gammaSynthetic: gammaSynthetic, imax: imax,
      trials: realSets.trials, seed: realLandmarks == nil ? seed : nil)
  }

  /// The MRLT of each (cloud, landmark sets, γ), one cloud after the other (so one cloud's
  /// distances are held at a time, and clouds of one size share their storage), the trials of
  /// each in a parallel pool.
  func meanRelativeLivingTimes(
    of jobs: [(sample: WitnessSample, sets: LandmarkSets, gamma: Double)],
    progress: ProgressHandler?
  ) -> [[Double]] {
    precondition(threads >= 1 && imax >= 1, "threads and i_max must be ≥ 1")
    let done = ProgressCounter(
      phase: "trials", total: jobs.reduce(0) { $0 + $1.sets.trials }, progress: progress)
    var spare: WitnessDistanceCache?
    return jobs.map { job in
      let cloud: PointCloud
      switch job.sample {
      case .distances(let cache):
        return mean(job.sets, source: .matrix(cache), gamma: job.gamma, done: done)
      case .cloud(let points):
        cloud = points
      }
      let n = cloud.count
      guard n <= distanceCacheLimit && job.sets.indices.count >= n / 2 else {
        return mean(job.sets, source: .cloud(cloud), gamma: job.gamma, done: done)
      }
      let cache = WitnessDistanceCache(cloud, reusing: spare.take())
      let result = mean(job.sets, source: .matrix(cache), gamma: job.gamma, done: done)
      spare = cache
      return result
    }
  }

  /// The mean RLT vector over the trials of `sets`, run in parallel: each trial writes its own
  /// row, summed in trial order afterwards, so the result does not depend on `threads`.
  private func mean(
    _ sets: LandmarkSets, source: WitnessSource, gamma: Double, done: ProgressCounter
  ) -> [Double] {
    let imax = self.imax
    let total = sets.trials
    var rows = [Double](repeating: 0, count: total * imax)
    rows.withUnsafeMutableBufferPointer { buffer in
      nonisolated(unsafe) let output = buffer.baseAddress!
      let chunks = min(total, 32 * threads)
      let run: @Sendable (Int) -> Void = { chunk in
        var filtration: WitnessFiltration?  // storage reused from trial to trial
        for trial in stride(from: chunk, to: total, by: chunks) {
          source.build(
            &filtration, landmarks: sets[trial: trial], maxAlpha: .fractionOfMaxDistance(gamma))
          let current = filtration!
          let rlt =
            current.maxAlpha > 0
            ? RelativeLivingTimes.vector(
              bars: current.h1Barcode().pairs, maxAlpha: current.maxAlpha, imax: imax)
            : RelativeLivingTimes.vector(bars: [], maxAlpha: 1, imax: imax)
          (output + trial * imax).update(from: rlt, count: imax)
          done.increment()
        }
      }
      if threads <= 1 {
        for chunk in 0..<chunks { run(chunk) }
      } else {
        DispatchQueue.concurrentPerform(iterations: chunks, execute: run)
      }
    }
    var mean = [Double](repeating: 0, count: imax)
    for trial in 0..<total {
      for i in 0..<imax { mean[i] += rows[trial * imax + i] }
    }
    return mean.map { $0 / Double(total) }
  }
}

/// A sample scored by the geometry score: a Euclidean cloud, or the pairwise distances of its
/// rows under any metric.
package enum WitnessSample: Sendable {
  case cloud(PointCloud)
  case distances(WitnessDistanceCache)

  /// The number of points (rows).
  package var count: Int {
    switch self {
    case .cloud(let cloud): cloud.count
    case .distances(let cache): cache.count
    }
  }
}

/// Where a trial's witness–landmark distances come from: a cloud (computed per trial) or its
/// pairwise distances (computed once, read per trial).
private enum WitnessSource: Sendable {
  case cloud(PointCloud)
  case matrix(WitnessDistanceCache)

  /// Sets `filtration` to the witness filtration of this draw, in place when it can.
  func build(
    _ filtration: inout WitnessFiltration?, landmarks: ArraySlice<Int>,
    maxAlpha: WitnessFiltration.MaxAlpha
  ) {
    switch self {
    case .cloud(let cloud):
      filtration = WitnessFiltration(
        witnesses: cloud, landmarks: cloud.selecting(points: landmarks), maxAlpha: maxAlpha)
    case .matrix(let cache):
      if filtration == nil {
        filtration = WitnessFiltration(distances: cache, landmarks: landmarks, maxAlpha: maxAlpha)
      } else {
        filtration!.rebuild(distances: cache, landmarks: landmarks, maxAlpha: maxAlpha)
      }
    }
  }
}

/// A Geometry Score with the MRLT vectors it compares and the parameters used.
///
/// JSON (the CLI's `--json`): `gscore`, `mrlt_real`, `mrlt_synth`, `landmarks`, `gamma_real`,
/// `gamma_synth`, `imax`, `trials`, and `seed` (absent when the landmarks came from files).
public struct GeometryScoreResult: Codable, Sendable, Equatable {
  /// Σᵢ (MRLT_real(i) − MRLT_synthetic(i))².
  public var gscore: Double
  /// The mean relative living times of the real cloud, indices 0 … i_max − 1 (plottable).
  public var mrltReal: [Double]
  /// The mean relative living times of the synthetic cloud.
  public var mrltSynthetic: [Double]
  /// L₀, the landmarks per trial.
  public var landmarks: Int
  /// γ used for the real cloud.
  public var gammaReal: Double
  /// γ used for the synthetic cloud.
  public var gammaSynthetic: Double
  /// i_max.
  public var imax: Int
  /// The number of trials per cloud.
  public var trials: Int
  /// The seed of the random landmark draws; `nil` when landmark sets were given.
  public var seed: UInt64?

  enum CodingKeys: String, CodingKey {
    case gscore
    case mrltReal = "mrlt_real"
    case mrltSynthetic = "mrlt_synth"
    case landmarks
    case gammaReal = "gamma_real"
    case gammaSynthetic = "gamma_synth"
    case imax
    case trials
    case seed
  }
}
