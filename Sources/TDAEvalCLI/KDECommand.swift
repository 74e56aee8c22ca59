import ArgumentParser
import Foundation
import TDAEval

/// `tda-eval kde`: Kernel-density baseline: mean log-likelihood of each sample under the other's KDE.
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
      discussion: "Mixed tables: normal_reference, or one bandwidth per used column, comma separated."))
  var bandwidth = "scott"

  @OptionGroup var input: SampleInputOptions
  @OptionGroup var output: OutputOptions
  @OptionGroup var memory: MemoryOptions

  var kernel: KernelBandwidth? {
    switch bandwidth {
    case "scott": return .scott
    case "silverman": return .silverman
    default:
      guard let h = Double(bandwidth), h.isFinite, h > 0 else { return nil }
      return .fixed(h)
    }
  }

  /// The bandwidths of a mixed table's KDE: nil for statsmodels' normal_reference rule.
  var tableBandwidths: [Double]? {
    get throws {
      if ["scott", "normal_reference"].contains(bandwidth) { return nil }
      let values = bandwidth.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
      guard !values.isEmpty, values.allSatisfy({ $0 != nil && $0!.isFinite && $0! > 0 }) else {
        throw ValidationError(
          "--bandwidth for a mixed table must be normal_reference or positive numbers, one per used column, got '\(bandwidth)'")
      }
      return values.map { $0! }
    }
  }

  func validate() throws {
    guard kernel != nil || bandwidth == "normal_reference" || bandwidth.contains(",") else {
      throw ValidationError(
        "--bandwidth must be scott, silverman or a positive finite number, got '\(bandwidth)'")
    }
  }

  func run() throws {
    memory.install()
    let samples = try input.load(real: real, synthetic: synthetic)
    let pair: (real: PointCloud, synthetic: PointCloud)
    switch samples {
    case .clouds(let real, let synthetic, _): pair = (real, synthetic)
    case .tables(let tables):
      if tables.real.isAllNumeric, let real = tables.real.numericCloud,
        let synthetic = tables.synthetic.numericCloud
      {
        pair = (real, synthetic)
      } else {
        try runOnTable(tables)
        return
      }
    }
    guard let kernel else {
      throw ValidationError("--bandwidth must be scott, silverman or a positive finite number for numeric samples, got '\(bandwidth)'")
    }
    let bar = ProgressBar()
    let result = try KernelDensityBaseline.compute(
      real: pair.real, synthetic: pair.synthetic, bandwidth: kernel, progress: bar.handler)
    bar.finish()
    if output.json {
      try printJSON(result)
      return
    }
    printTable(
      header: ["quantity", "value"],
      rows: [
        ["rule", result.rule], ["bandwidth (real KDE)", formatted(result.bandwidth)],
        ["bandwidth (synthetic KDE)", formatted(result.syntheticBandwidth)],
        ["synth | real (mean log-lik)", formatted(result.synthGivenReal)],
        ["real | synth (mean log-lik)", formatted(result.realGivenSynth)],
      ])
  }

  /// The product-kernel KDE of mixed tables.
  func runOnTable(_ tables: TableSamples) throws {
    for table in [tables.real, tables.synthetic] {
      if let error = table.missingCellError(
        handledBy: "the KDE needs complete rows: use --missing drop-rows (which drops such rows)")
      {
        throw error
      }
    }
    let bar = ProgressBar()
    let result = try TableKernelDensity.compute(
      real: tables.real, synthetic: tables.synthetic, bandwidths: try tableBandwidths,
      progress: bar.handler)
    bar.finish()
    if output.json {
      try printJSON(result)
      return
    }
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
