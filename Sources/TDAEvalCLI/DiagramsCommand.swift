import ArgumentParser
import Foundation
import TDAEval

/// `tda-eval diagrams REAL SYNTH`: persistence diagrams of both clouds and the distances between
/// them.
struct DiagramsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "diagrams",
    abstract: "Persistence diagrams of a real and a synthetic cloud, and their distances.",
    discussion: """
      Computes the Vietoris–Rips diagrams of both clouds (options as for 'tda-eval rips') and \
      prints, per cloud and dimension, the number of bars, the essential bars and the total and \
      largest finite persistence. --out DIR writes every diagram as CSV (birth,death; inf for an \
      essential class) to DIR/real_H<k>.csv and DIR/synthetic_H<k>.csv.

      Example: tda-eval diagrams real.csv synthetic.csv --maxdim 1 --out diagrams/
      """)

  @Argument(help: "The real sample (CSV, one point per row).")
  var real: String

  @Argument(help: "The synthetic sample (CSV, one point per row).")
  var synthetic: String

  @OptionGroup var rips: RipsParameters

  @Option(help: "Write each diagram as CSV into this directory (created if needed).")
  var out: String?

  @OptionGroup var input: CloudInputOptions
  @OptionGroup var output: OutputOptions

  /// The JSON of `tda-eval diagrams`.
  struct Report: Encodable {
    var real: RipsReport
    var synthetic: RipsReport
  }

  func run() throws {
    let (realCloud, syntheticCloud) = try input.loadPair(real: real, synthetic: synthetic)
    let progress = ProgressBar()
    let realResult = try rips.compute(.cloud(realCloud), progress: progress.handler)
    let syntheticResult = try rips.compute(.cloud(syntheticCloud), progress: progress.handler)
    progress.finish()
    if let out {
      try write(realResult.diagrams, prefix: "real", into: out)
      try write(syntheticResult.diagrams, prefix: "synthetic", into: out)
    }
    if output.json {
      try printJSON(
        Report(
          real: RipsReport(realResult, parameters: rips),
          synthetic: RipsReport(syntheticResult, parameters: rips)))
    } else {
      printSummary([("real", realResult), ("synthetic", syntheticResult)])
    }
  }

  /// Writes `DIR/<prefix>_H<k>.csv` for every diagram: a `birth,death` header, then one bar per
  /// line in shortest round-trip form, `inf` for an infinite death.
  func write(_ diagrams: [PersistenceDiagram], prefix: String, into directory: String) throws {
    let folder = URL(fileURLWithPath: directory)
    do {
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      for diagram in diagrams {
        var text = "birth,death\n"
        for pair in diagram.pairs {
          text += "\(pair.birth),\(pair.isEssential ? "inf" : String(pair.death))\n"
        }
        try Data(text.utf8).write(
          to: folder.appendingPathComponent("\(prefix)_H\(diagram.dimension).csv"))
      }
    } catch {
      throw ValidationError("cannot write the diagrams to \(directory): \(error.localizedDescription)")
    }
  }
}
