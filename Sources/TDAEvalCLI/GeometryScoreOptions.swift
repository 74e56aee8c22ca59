import ArgumentParser
import TDAEval

/// The geometry-score options shared by `gscore` and `evaluate`, with the library's defaults
/// (`Evaluation.defaults`). Unset options stay nil so that `gscore` can tell them from the
/// values its landmark files imply.
struct GeometryScoreOptions: ParsableArguments {
  @Option(help: "Geometry score: landmarks per trial (default \(Evaluation.defaults.landmarks)).")
  var landmarks: Int?

  @Option(
    help: """
      Geometry score: γ, α_max as a fraction of the largest witness–landmark distance, or \
      'reference' for the reference code's N/(128·5000) per cloud \
      (default \(GeometryScoreOptions.defaultGamma)).
      """)
  var gamma: String?

  @Option(
    help: """
      Geometry score: number of MRLT bins, Betti numbers 0 … imax − 1 \
      (default \(Evaluation.defaults.imax)).
      """)
  var imax: Int?

  @Option(help: "Geometry score: landmark draws per cloud (default \(Evaluation.defaults.trials)).")
  var trials: Int?

  /// The default γ as written on the command line.
  static var defaultGamma: String { Evaluation.defaults.gamma.map { "\($0)" } ?? "reference" }

  /// The landmarks per trial.
  var landmarkCount: Int { landmarks ?? Evaluation.defaults.landmarks }
  /// The number of MRLT bins.
  var imaxValue: Int { imax ?? Evaluation.defaults.imax }
  /// The number of trials.
  var trialCount: Int { trials ?? Evaluation.defaults.trials }

  /// γ, or nil for the reference code's rule.
  func gammaValue() throws(SampleMetricsError) -> Double? {
    try GeometryScore.gamma(parsing: gamma ?? Self.defaultGamma)
  }

  func validate() throws {
    do { _ = try gammaValue() } catch { throw ValidationError(error.description) }
  }
}
