import ArgumentParser
import Foundation
import TDAEval

/// `tda-eval kde`: Kernel-density baseline: mean log-likelihood of each sample under the other's
/// KDE.
struct KDECommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "kde",
    abstract: "Kernel-density baseline: mean log-likelihood of each sample under the other's KDE.",
    discussion: """
      Gaussian KDE, evaluated exactly (log-sum-exp over all pairs, float64). --bandwidth H is an \
      isotropic kernel of standard deviation H in data units (scikit-learn's KernelDensity); \
      scott (default) and silverman scale the kernel covariance from each set's sample covariance \
      as scipy.stats.gaussian_kde does (its factor is printed as the bandwidth). \
      Values are mean natural-log likelihoods per sample.
      Mixed tables (categorical or ordinal columns) get the product kernel of statsmodels' \
      KDEMultivariate (Gaussian, Aitchison–Aitken, Wang–van Ryzin): --bandwidth \
      normal_reference (its rule; the default) or one bandwidth per used column, comma separated. \
      Missing cells need --missing drop-rows.
      Example: tda-eval kde real.csv synth.csv --bandwidth 0.5 --json
      """)

  @Argument(help: "The real sample (CSV).")
  var real: String

  @Argument(help: "The synthetic sample (CSV).")
  var synthetic: String

  @Option(
    help: ArgumentHelp(
      "scott, silverman, or a positive kernel standard deviation H in data units.",
      discussion:
        "Mixed tables: normal_reference, or one bandwidth per used column, comma separated."))
  var bandwidth = "scott"

  @OptionGroup var input: SampleInputOptions
  @OptionGroup var output: OutputOptions
  @OptionGroup var memory: MemoryOptions

  func validate() throws {
    guard ComparedSamples.isBandwidth(bandwidth) else {
      throw ValidationError(
        "--bandwidth must be scott, silverman or a positive finite number, got '\(bandwidth)'")
    }
  }

  func run() throws {
    memory.install()
    let samples = try input.load(real: real, synthetic: synthetic)
    let bar = ProgressBar()
    let report = try samples.kde(bandwidth: bandwidth, progress: bar.handler)
    bar.finish()
    if output.json {
      try printJSON(report)
      return
    }
    switch report {
    case .gaussian(let result):
      printTable(
        header: ["quantity", "value"],
        rows: [
          ["rule", result.rule], ["bandwidth (real KDE)", formatted(result.bandwidth)],
          ["bandwidth (synthetic KDE)", formatted(result.syntheticBandwidth)],
          ["synth | real (mean log-lik)", formatted(result.synthGivenReal)],
          ["real | synth (mean log-lik)", formatted(result.realGivenSynth)],
        ])
    case .productKernel(let result):
      guard case .tables(let tables) = samples else { return }
      printTable(
        header: ["column", "bandwidth (real KDE)", "bandwidth (synthetic KDE)"],
        rows: tables.real.columns.indices.map {
          [
            tables.real.columns[$0].name, formatted(result.bandwidths[$0]),
            formatted(result.syntheticBandwidths[$0]),
          ]
        })
      writeStandardOutput("\n")
      printTable(
        header: ["quantity", "value"],
        rows: [
          ["rule", result.rule],
          ["synth | real (mean log-lik)", formatted(result.synthGivenReal)],
          ["real | synth (mean log-lik)", formatted(result.realGivenSynth)],
        ])
    }
  }
}
