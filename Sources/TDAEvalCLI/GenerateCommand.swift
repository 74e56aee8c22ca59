import ArgumentParser
import Foundation
import TDAEval

/// `tda-eval generate NAME`: writes a seeded sample of a known shape as CSV.
struct GenerateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "generate",
    abstract: "Write a seeded point cloud of a known shape as CSV.",
    discussion: """
      Shapes: \(Shape.allCases.map(\.rawValue).joined(separator: ", ")).
      Example: tda-eval generate torus --n 500 --seed 1 > torus.csv
      """)

  @Argument(help: "The shape to sample.")
  var name: String

  @Option(name: .customLong("n"), help: "Number of points.")
  var count = 500

  @Option(help: "Seed of the random generator (the same seed gives the same file everywhere).")
  var seed: UInt64 = 1

  @Option(help: "Standard deviation of Gaussian noise added to every coordinate.")
  var noise = 0.0

  @Option(help: "Ambient dimension, for cube and gaussian-mixture.")
  var dimension = 2

  @Option(help: "Number of Gaussian components, for gaussian-mixture.")
  var components = 5

  @Option(help: "Write to this file instead of stdout.")
  var out: String?

  func validate() throws {
    guard Shape(rawValue: name) != nil else {
      throw ValidationError(
        "unknown shape '\(name)'; choose one of \(Shape.allCases.map(\.rawValue).joined(separator: ", "))"
      )
    }
    guard (1...100_000_000).contains(count) else {
      throw ValidationError("--n must be between 1 and 100000000, got \(count)")
    }
    guard noise.isFinite && noise >= 0 else {
      throw ValidationError("--noise must be a finite number ≥ 0, got \(noise)")
    }
    guard (1...100_000).contains(dimension) else {
      throw ValidationError("--dimension must be between 1 and 100000, got \(dimension)")
    }
    guard (1...100_000).contains(components) else {
      throw ValidationError("--components must be between 1 and 100000, got \(components)")
    }
  }

  func run() throws {
    let cloud = Generator.sample(
      Shape(rawValue: name)!, count: count, dimension: dimension, components: components,
      noise: noise, seed: seed)
    if let out {
      try cloud.write(toPath: out)
    } else {
      FileHandle.standardOutput.write(Data(cloud.csv().utf8))
    }
  }
}
