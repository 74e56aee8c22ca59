import ArgumentParser
import Foundation
import TDAEval

/// `tda-eval gscore REAL SYNTH`: the Geometry Score of Khrulkov & Oseledets between two clouds.
struct GScoreCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "gscore",
    abstract: "Geometry score: relative living times of H1 in witness complexes.",
    discussion: """
      For each cloud and each trial: draw L landmarks uniformly with replacement, build GUDHI's \
      weak relaxed witness complex (every point a witness) up to α_max = γ · the largest \
      witness–landmark distance, and take the relative living times (RLT) of its H1 bars over \
      Z/2: the fraction of [0, α_max] spent with i holes, i < imax. The mean over trials is the \
      MRLT; gscore = Σ (MRLT_real − MRLT_synth)². The defaults are those of every command \
      (tda-eval evaluate included): 64 landmarks, γ = 1/8, imax 100, 100 trials, seed 1. The \
      reference code's are --gamma reference (N/(128·5000) for each cloud of N points) and \
      --trials 1000. --standardize z-scores both clouds with the real cloud's column means \
      and standard deviations first (on mixed tables, their Euclidean embedding).

      To replay a run of the reference implementation trial by trial, give both landmark files \
      (one trial per line, comma-separated 0-based row indices into that cloud); their number \
      of lines sets the number of trials.

      Example: tda-eval gscore real.csv synth.csv --landmarks 32 --gamma 0.125 --trials 100 --json
      With --plot mrlt.svg the two MRLT histograms are drawn side by side, as in the paper's figures.
      """)

  @Argument(help: "The real point cloud (CSV).")
  var real: String

  @Argument(help: "The synthetic point cloud (CSV).")
  var synth: String

  @OptionGroup var input: SampleInputOptions
  @OptionGroup var output: OutputOptions
  @OptionGroup var memory: MemoryOptions

  @OptionGroup var options: GeometryScoreOptions

  @Flag(help: "Z-score both clouds with the real cloud's column means and standard deviations.")
  var standardize = false

  @Option(help: "Seed of the landmark draws.")
  var seed = Evaluation.defaults.seed

  @Option(help: "Landmark file for REAL: one trial per line, comma-separated 0-based row indices.")
  var realLandmarks: String?

  @Option(help: "Landmark file for SYNTH, with as many trials and landmarks as --real-landmarks.")
  var synthLandmarks: String?

  @Option(help: "Also draw both MRLT histograms side by side into this SVG file.")
  var plot: String?

  @Option(help: "Worker threads (default: all processors); results do not depend on it.")
  var threads: Int?

  func validate() throws {
    guard (realLandmarks == nil) == (synthLandmarks == nil) else {
      throw ValidationError("--real-landmarks and --synth-landmarks go together")
    }
  }

  func run() throws {
    memory.install()
    let loaded = try input.load(real: real, synthetic: synth)
    let samples = standardize ? try loaded.standardized() : loaded
    let counts = samples.counts
    var score = GeometryScore(
      landmarks: options.landmarkCount, gamma: try options.gammaValue(), imax: options.imaxValue,
      trials: options.trialCount, seed: seed)
    if let threads { score.threads = threads }
    try score.validate()
    var sets: (real: LandmarkSets, synthetic: LandmarkSets)?
    if let realLandmarks, let synthLandmarks {
      sets = try score.useLandmarkFiles(
        real: realLandmarks, synthetic: synthLandmarks, realCount: counts.real,
        syntheticCount: counts.synthetic, landmarks: options.landmarks, trials: options.trials)
    }
    if case .tables(let tables) = samples, tables.distance == .gower {
      // Both square Gower matrices are built, and held, before the trials.
      try MemoryOptions.checkGowerMatrices(
        rows: [counts.real, counts.synthetic], square: true, for: "the geometry score",
        fewerRows: "fewer rows")
    }
    try score.fitMemory(drawsLandmarks: sets == nil)
    let bar = ProgressBar()
    let (realSample, syntheticSample) = try samples.witnessSamples()
    let result = try score.evaluate(
      real: realSample, synthetic: syntheticSample, realLandmarks: sets?.real,
      syntheticLandmarks: sets?.synthetic, progress: bar.handler)
    bar.finish()
    if let plot {
      try writeText(
        SVGPlot.mrltHistograms(real: result.mrltReal, synthetic: result.mrltSynthetic), toPath: plot
      )
    }
    if output.json {
      try printJSON(result)
      return
    }
    printTable(
      header: ["quantity", "value"],
      rows: [
        ["gscore", formatted(result.gscore)],
        ["landmarks", String(result.landmarks)],
        ["trials", String(result.trials)],
        ["gamma (real)", formatted(result.gammaReal)],
        ["gamma (synth)", formatted(result.gammaSynthetic)],
      ])
    writeStandardOutput("\n")
    // The MRLTs up to the last number of holes either cloud ever shows.
    let last =
      result.mrltReal.indices.last { result.mrltReal[$0] > 0 || result.mrltSynthetic[$0] > 0 } ?? 0
    printTable(
      header: ["holes", "mrlt_real", "mrlt_synth"],
      rows: (0...last).map {
        [String($0), formatted(result.mrltReal[$0]), formatted(result.mrltSynthetic[$0])]
      })
  }
}
