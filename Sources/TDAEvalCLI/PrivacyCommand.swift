import ArgumentParser
import Foundation
import TDAEval

/// `tda-eval privacy REAL SYNTH`: is the synthetic data a copy, and what does it leak?
struct PrivacyCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "privacy",
    abstract: "Is the synthetic data a copy of the real rows, and what does it leak?",
    discussion: """
      Distance to the closest record (DCR) and exact copies; with --holdout (real rows the \\
      generator never saw) the share of synthetic rows closer to training than to holdout rows and \\
      a distance-based membership-inference attack (ROC AUC, TPR at FPR 0.01 and 0.1); the \\
      nearest-neighbour distance ratio (NNDR); identifiability (real rows with a synthetic row \\
      closer than any other real row); with --quasi-identifiers and --sensitive, an \\
      attribute-inference attack. Each value comes with what a fresh real sample would get (from \\
      the holdout, or the expectation) and a one-line reading. Exact, in the chosen row distance \\
      (Euclidean, or Gower on mixed tables); the real side is never subsampled.
      Example: tda-eval privacy train.csv synth.csv --holdout test.csv --quasi-identifiers age,sex --sensitive diagnosis
      """)

  @Argument(help: "The real (training) sample.")
  var real: String

  @Argument(help: "The synthetic sample.")
  var synthetic: String

  @Option(help: "Held-out real rows the generator never saw.")
  var holdout: String?

  @Option(help: "Columns an attacker knows, comma separated (with --sensitive).")
  var quasiIdentifiers: String?

  @Option(help: "The column an attacker tries to infer (with --quasi-identifiers).")
  var sensitive: String?

  @OptionGroup var input: SampleInputOptions
  @OptionGroup var output: OutputOptions
  @OptionGroup var memory: MemoryOptions

  func validate() throws {
    guard (quasiIdentifiers == nil) == (sensitive == nil) else {
      throw ValidationError("--quasi-identifiers and --sensitive go together")
    }
    if let quasiIdentifiers, names(quasiIdentifiers).isEmpty {
      throw ValidationError("--quasi-identifiers names no column")
    }
  }

  private func names(_ list: String) -> [String] {
    list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter {
      !$0.isEmpty
    }
  }

  func run() throws {
    memory.install()
    let samples = try input.load(
      real: real, synthetic: synthetic, holdout: holdout, asTables: sensitive != nil)
    let bar = ProgressBar()
    let report = try samples.privacy(
      quasiIdentifiers: quasiIdentifiers.map(names), sensitive: sensitive, progress: bar.handler)
    bar.finish()
    if output.json {
      try printJSON(report)
      return
    }
    var rows: [[String]] = [
      ["distance", report.distance.rawValue, ""],
      [
        "DCR median", formatted(report.dcr.synthetic.median),
        report.dcr.holdout.map { formatted($0.median) } ?? "",
      ],
      [
        "DCR 5th percentile", formatted(report.dcr.synthetic.p5),
        report.dcr.holdout.map { formatted($0.p5) } ?? "",
      ],
      [
        "exact copies", formatted(report.dcr.synthetic.exactCopies),
        report.dcr.holdout.map { formatted($0.exactCopies) } ?? "",
      ],
    ]
    if let closer = report.dcr.closerToTraining {
      rows.append([
        "closer to training", formatted(closer.value), closer.fresh.map(formatted) ?? "",
      ])
    }
    rows += [
      [
        "NNDR median", formatted(report.nndr.median),
        report.nndr.fresh.map { formatted($0.median) } ?? "",
      ],
      [
        "NNDR mean", formatted(report.nndr.mean),
        report.nndr.fresh.map { formatted($0.mean) } ?? "",
      ],
      [
        "identifiability", formatted(report.identifiability.value),
        report.identifiability.fresh.map(formatted) ?? "",
      ],
    ]
    if let membership = report.membership {
      rows += [
        ["membership AUC", formatted(membership.auc), formatted(membership.fresh.auc)],
        [
          "membership TPR at FPR 0.01", formatted(membership.tprAtFPR001),
          formatted(membership.fresh.tprAtFPR001),
        ],
        [
          "membership TPR at FPR 0.1", formatted(membership.tprAtFPR01),
          formatted(membership.fresh.tprAtFPR01),
        ],
      ]
    }
    if let attack = report.attributeInference {
      let name = attack.training.accuracy != nil ? "accuracy" : "RMSE"
      func value(_ result: AttributeInference.Result) -> String {
        formatted(result.accuracy ?? result.rmse ?? .nan)
      }
      rows.append([
        "attribute inference \(name)", value(attack.training), attack.holdout.map(value) ?? "",
      ])
    }
    printTable(header: ["measure", "synthetic", "fresh real sample"], rows: rows)
    writeStandardOutput("\n")
    for key in report.readings.keys.sorted() {
      writeStandardOutput("\(key): \(report.readings[key]!)\n")
    }
  }
}
