extension GeometryScore {
  /// Reads the landmark files of a replay of the reference implementation (one trial per line,
  /// 0-based row indices into a cloud of `realCount` or `syntheticCount` points) and takes
  /// ``landmarks`` and ``trials`` from them. `landmarks` and `trials`, when given, must agree
  /// with the files.
  /// - Throws: ``LandmarkFileError`` (a malformed file, files that differ in shape, an option
  ///   that disagrees with them).
  public mutating func useLandmarkFiles(
    real: String, synthetic: String, realCount: Int, syntheticCount: Int,
    landmarks: Int? = nil, trials: Int? = nil
  ) throws -> (real: LandmarkSets, synthetic: LandmarkSets) {
    let first = try LandmarkSets.read(contentsOf: real, pointCount: realCount)
    let second = try LandmarkSets.read(contentsOf: synthetic, pointCount: syntheticCount)
    guard first.trials == second.trials && first.perTrial == second.perTrial else {
      throw LandmarkFileError.mismatchedFiles(
        file: real, trials: first.trials, landmarks: first.perTrial, otherFile: synthetic,
        otherTrials: second.trials, otherLandmarks: second.perTrial)
    }
    if let landmarks, landmarks != first.perTrial {
      throw LandmarkFileError.disagreesWithFiles(
        option: "landmarks", value: landmarks, files: first.perTrial)
    }
    if let trials, trials != first.trials {
      throw LandmarkFileError.disagreesWithFiles(
        option: "trials", value: trials, files: first.trials)
    }
    self.landmarks = first.perTrial
    self.trials = first.trials
    return (first, second)
  }
}

extension GeometryScore {
  /// γ as `--gamma` writes it: a number, or `reference` for the reference code's N/(128 · 5000)
  /// per cloud (`nil`). Its range is checked by ``validate()``.
  /// - Throws: ``SampleMetricsError/invalidParameter(name:value:allowed:)`` naming `--gamma`.
  public static func gamma(parsing text: String) throws(SampleMetricsError) -> Double? {
    if text == "reference" { return nil }
    guard let value = Double(text) else {
      throw .invalidParameter(
        name: "--gamma", value: "'\(text)'", allowed: "a positive number or 'reference'")
    }
    return value
  }
}
