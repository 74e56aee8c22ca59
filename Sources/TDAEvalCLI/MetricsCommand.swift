import ArgumentParser
import Foundation
import TDAEval

/// `tda-eval metrics`: Precision, recall, density, coverage, realism and memorisation of a
/// synthetic sample.
struct MetricsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "metrics",
    abstract:
      "Precision, recall, density, coverage, realism and memorisation of a synthetic sample.",
    discussion: """
      k-NN manifold precision/recall (Kynkäänniemi et al. 2019), density/coverage (Naeem et al. \
      2020) and the realism score, all exact; the distance from each synthetic row to its closest \
      real row (DCR), also for held-out real rows with --holdout; the NDB/K vector-quantisation test \
      on --bins k-means bins of the real set.
      --balls open (default) reproduces prdc (distance < radius); --balls closed reproduces the \
      authors' code of Kynkäänniemi et al. (distance <= radius).
      Example: tda-eval metrics real.csv synth.csv --k 5 --standardize --holdout test.csv --json
      """)

  @Argument(help: "The real sample (CSV).")
  var real: String

  @Argument(help: "The synthetic sample (CSV).")
  var synthetic: String

  @OptionGroup var options: SampleMetricOptions

  @Option(help: "Seed of the k-means++ initialisation of NDB/K.")
  var seed = Evaluation.defaults.seed

  @OptionGroup var input: SampleInputOptions
  @OptionGroup var output: OutputOptions
  @OptionGroup var memory: MemoryOptions

  func run() throws {
    memory.install()
    let samples = try input.load(real: real, synthetic: synthetic, holdout: options.holdout)
    let bar = ProgressBar()
    let report = try options.report(samples, seed: seed, progress: bar.handler)
    bar.finish()
    if let constant = report.constantColumns, !constant.isEmpty {
      FileHandle.standardError.write(
        Data(
          "tda-eval: note: constant column(s) \(constant.map(String.init).joined(separator: ", ")) of the real set were centred, not scaled\n"
            .utf8))
    }
    if output.json {
      try printJSON(report)
      return
    }
    var rows: [[String]] = [
      ["distance", report.distance.rawValue], ["k", "\(report.k)"],
      ["balls", report.balls.rawValue],
      ["precision", formatted(report.precision)], ["recall", formatted(report.recall)],
      ["density", formatted(report.density)], ["coverage", formatted(report.coverage)],
      ["realism mean", formatted(report.realism.mean)],
      ["realism median", formatted(report.realism.median)],
      ["realism share ≥ 1", formatted(report.realism.atLeastOne)],
      ["DCR median", formatted(report.dcr.synthetic.median)],
      ["DCR 5th percentile", formatted(report.dcr.synthetic.p5)],
      ["DCR exact copies", formatted(report.dcr.synthetic.exactCopies)],
    ]
    if let held = report.dcr.holdout {
      rows += [
        ["holdout DCR median", formatted(held.median)],
        ["holdout DCR 5th percentile", formatted(held.p5)],
        ["holdout DCR exact copies", formatted(held.exactCopies)],
      ]
    }
    if let vq = report.vq {
      rows += [
        ["NDB/K (\(vq.bins) bins)", formatted(vq.ndbOverK)],
        ["bin histogram JSD", formatted(vq.jsd)],
      ]
    }
    if let reason = report.vqOmitted { rows.append(["NDB/K", "not computed: \(reason)"]) }
    printTable(header: ["metric", "value"], rows: rows)
  }
}
