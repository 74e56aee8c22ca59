import Foundation
import Testing

@testable import SampleMetrics

@Suite("Geometry score options: γ's text form and the landmark files")
struct GeometryScoreOptionsTests {
  @Test("γ: a number, or 'reference' for the reference code's rule (nil)")
  func gamma() throws {
    #expect(try GeometryScore.gamma(parsing: "0.125") == 0.125)
    #expect(try GeometryScore.gamma(parsing: "reference") == nil)
    #expect {
      try GeometryScore.gamma(parsing: "wide")
    } throws: { error in
      (error as? SampleMetricsError)?.description
        == "--gamma must be a positive number or 'reference', got 'wide'"
    }
  }

  private func files(_ real: String, _ synthetic: String) throws -> (String, String) {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("gscore-landmarks-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let a = directory.appendingPathComponent("real.txt")
    let b = directory.appendingPathComponent("synth.txt")
    try real.write(to: a, atomically: true, encoding: .utf8)
    try synthetic.write(to: b, atomically: true, encoding: .utf8)
    return (a.path, b.path)
  }

  @Test("the files set landmarks and trials; each row is the file's indices")
  func landmarkFiles() throws {
    let (real, synthetic) = try files("0,1,2\n3,4,5\n", "5,4,3\n2,1,0\n")
    var score = GeometryScore(landmarks: 64, trials: 100)
    let sets = try score.useLandmarkFiles(
      real: real, synthetic: synthetic, realCount: 6, syntheticCount: 6, landmarks: 3)
    #expect(score.landmarks == 3 && score.trials == 2)
    #expect(Array(sets.real[trial: 1]) == [3, 4, 5])
    #expect(Array(sets.synthetic[trial: 0]) == [5, 4, 3])
  }

  @Test(
    "files of different shapes, or options that disagree with them, are one-line errors",
    arguments: [
      ("0,1\n", "0,1\n0,1\n", nil, nil, "has 1 trials of 2 landmarks but"),
      ("0,1\n", "0,1\n", 5, nil, "--landmarks 5 disagrees with the landmark files (2 per trial)"),
      ("0,1\n", "0,1\n", nil, 3, "--trials 3 disagrees with the landmark files (1 trials)"),
      ("0,9\n", "0,1\n", nil, nil, ":1:2: row index 9 is outside 0..<6"),
    ] as [(String, String, Int?, Int?, String)])
  func refused(real: String, synthetic: String, landmarks: Int?, trials: Int?, message: String)
    throws
  {
    let (a, b) = try files(real, synthetic)
    var score = GeometryScore()
    #expect {
      try score.useLandmarkFiles(
        real: a, synthetic: b, realCount: 6, syntheticCount: 6, landmarks: landmarks,
        trials: trials)
    } throws: { error in
      let text = (error as? LandmarkFileError)?.description ?? ""
      return text.contains(message) && !text.contains("\n")
    }
  }
}
