import ArgumentParser
import TDAEval

/// The k-NN, memorisation and vector-quantisation options shared by `metrics` and `evaluate`.
struct SampleMetricOptions: ParsableArguments {
  @Option(help: "Neighbourhood size k of the k-NN balls (1 ≤ k < the size of each set).")
  var k = Evaluation.defaults.k

  @Option(help: "Ball boundary: open (prdc, <) or closed (authors' code, ≤).")
  var balls = BallBoundary.open

  @Flag(
    help:
      "Z-score every set with the real set's column means and standard deviations (in evaluate: before every part)."
  )
  var standardize = false

  @Option(
    help:
      "Held-out real rows (CSV) to compare their distance to the closest record with the synthetic rows'."
  )
  var holdout: String?

  @Option(
    help:
      "k-means bins of the NDB/K test, 0…the real set's size (0 skips it; default \(Evaluation.defaults.vqBins), or the real set's size when it has fewer rows)."
  )
  var bins: Int?

  /// The bins for a real set of `realCount` rows: `--bins` (an error above `realCount`), or the
  /// default capped at `realCount`.
  func binCount(realCount: Int) throws -> Int {
    guard let bins else { return min(Evaluation.defaults.vqBins, realCount) }
    guard bins <= realCount else {
      throw ValidationError(
        "--bins must be between 0 and the real sample's \(realCount) rows (0 skips NDB/K), got \(bins)"
      )
    }
    return bins
  }

  func validate() throws {
    guard k >= 1 else { throw ValidationError("--k must be at least 1, got \(k)") }
    if let bins, bins < 0 { throw ValidationError("--bins must be at least 0, got \(bins)") }
  }
}

extension SampleMetricOptions {
  /// The k-NN, memorisation and NDB/K report of `samples` under these options.
  func report(_ samples: ComparedSamples, seed: UInt64, progress: ProgressHandler?)
    throws -> SampleMetricsReport
  {
    switch samples {
    case .clouds(let real, let synthetic, let holdout):
      let binCount = try binCount(realCount: real.count)
      return try SampleMetricsReport.compute(
        real: real, synthetic: synthetic, holdout: holdout, k: k, balls: balls,
        standardize: standardize, bins: binCount == 0 ? nil : binCount, seed: seed,
        progress: progress)
    case .tables(let tables):
      let binCount = try binCount(realCount: tables.real.rowCount)
      return try SampleMetricsReport.compute(
        tables, k: k, balls: balls, standardize: standardize,
        bins: binCount == 0 ? nil : binCount, seed: seed, progress: progress)
    }
  }
}

/// `--balls`: whether a k-NN ball holds the points on its boundary.
extension BallBoundary: ExpressibleByArgument {}
