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
      largest finite persistence; then, per dimension, the distances between the real and the \
      synthetic diagram: exact bottleneck, and Wasserstein of orders 1 and 2 (L∞ ground metric, \
      relative error 0.01). --out DIR writes every diagram as CSV (birth,death; inf for an \
      essential class) to DIR/real_H<k>.csv and DIR/synthetic_H<k>.csv; --plot FILE.svg draws \
      both diagrams, one panel per dimension. --standardize z-scores both samples with the \
      real sample's column means and standard deviations first (on mixed tables, their \
      Euclidean embedding; Gower's distance is unchanged by it).

      Example: tda-eval diagrams real.csv synthetic.csv --maxdim 1 --out diagrams/ --plot dgm.svg
      """)

  @Argument(help: "The real sample (CSV, one point per row).")
  var real: String

  @Argument(help: "The synthetic sample (CSV, one point per row).")
  var synthetic: String

  @OptionGroup var rips: RipsParameters

  @Flag(help: "Z-score both samples with the real sample's column means and standard deviations.")
  var standardize = false

  @Option(help: "Write each diagram as CSV into this directory (created if needed).")
  var out: String?

  @Option(help: "Draw both samples' diagrams, one panel per dimension, into this SVG file.")
  var plot: String?

  @OptionGroup var input: SampleInputOptions
  @OptionGroup var output: OutputOptions
  @OptionGroup var memory: MemoryOptions

  /// The JSON of `tda-eval diagrams`.
  struct Report: Encodable {
    var distance: RowDistanceKind
    var real: RipsSummary
    var synthetic: RipsSummary
    var distances: [DiagramDistanceSummary]
  }

  func run() throws {
    memory.install()
    let loaded = try input.load(real: real, synthetic: synthetic)
    let samples = standardize ? try loaded.standardized() : loaded
    if case .tables(let tables) = samples, tables.distance == .gower {
      // Both Gower matrices are built, and held, before either diagram.
      try MemoryOptions.checkGowerMatrices(
        rows: [tables.real.rowCount, tables.synthetic.rowCount], square: false,
        for: "the diagrams", fewerRows: "fewer rows")
    }
    let (realInput, syntheticInput) = try samples.ripsInputs()
    // Mixed scales are refused naming the file (the library rescales extreme magnitudes).
    for (path, data) in [(real, realInput), (synthetic, syntheticInput)] {
      if case .cloud(let cloud) = data {
        _ = try PowerOfTwoScale.fitting([(inputName(path), cloud)])
      }
    }
    // One sample after the other: their buffers are not held together.
    try rips.checkMemory(realInput)
    try rips.checkMemory(syntheticInput)
    let progress = ProgressBar()
    let realResult = try rips.compute(realInput, progress: progress.handler)
    let syntheticResult = try rips.compute(syntheticInput, progress: progress.handler)
    progress.finish()
    if let out {
      try write(realResult.diagrams, prefix: "real", into: out)
      try write(syntheticResult.diagrams, prefix: "synthetic", into: out)
    }
    if let plot {
      try writeText(
        SVGPlot.diagramComparison(real: realResult.diagrams, synthetic: syntheticResult.diagrams),
        toPath: plot)
    }
    let distances = try DiagramDistanceSummary.between(
      real: realResult.diagrams, synthetic: syntheticResult.diagrams)
    if output.json {
      try printJSON(
        Report(
          distance: samples.distance, real: RipsSummary(realResult, parameters: rips),
          synthetic: RipsSummary(syntheticResult, parameters: rips), distances: distances))
    } else {
      printSummary([("real", realResult), ("synthetic", syntheticResult)])
      writeStandardOutput("\n")
      printTable(
        header: ["dim", "bottleneck", "wasserstein1", "wasserstein2"],
        rows: distances.map {
          [
            String($0.dimension), formatted($0.bottleneck), formatted($0.wasserstein1),
            formatted($0.wasserstein2),
          ]
        })
    }
  }

  /// Writes `DIR/<prefix>_H<k>.csv` for every diagram, in the diagram CSV format.
  func write(_ diagrams: [PersistenceDiagram], prefix: String, into directory: String) throws {
    let folder = URL(fileURLWithPath: directory)
    do {
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    } catch {
      throw ValidationError("cannot create \(directory): \(error.localizedDescription)")
    }
    for diagram in diagrams {
      try writeText(
        diagram.csv(),
        toPath: folder.appendingPathComponent("\(prefix)_H\(diagram.dimension).csv").path)
    }
  }
}
