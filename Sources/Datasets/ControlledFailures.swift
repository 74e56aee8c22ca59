import PointClouds

/// A real sample and the synthetic sample a controlled failure produces from the same distribution.
public struct ControlledPair: Sendable, Equatable {
  /// The real distribution.
  public var base: BaseDistribution
  /// The failure that produced `synthetic`.
  public var failure: Failure
  /// A sample of `base`.
  public var real: LabelledSample
  /// The synthetic sample. Its modes are those of the clean point each row was made from (of the
  /// counterpart shape under `.wrongTopology`; of the copied row under `.memorisation`).
  public var synthetic: LabelledSample
  /// For each synthetic row, the real row it copies (`.memorisation` only), else `nil`.
  public var copiedRows: [Int?]
}

/// Seeded real/synthetic pairs with a known failure: the test bed of the benchmark tables.
///
/// Random streams (``SeededGenerator/stream(_:of:)`` of `seed`): 0 draws the real sample, 1 the
/// clean synthetic sample, 2 the noise or jitter, 3 the memorised rows. So for one seed, the
/// synthetic sample of `.noise(sigma: σ)` is the `.faithful` one plus noise, and `.noise(sigma:
/// 0)`, `.translation(offset: 0)` and `.memorisation(fraction: 0, …)` equal `.faithful` exactly.
public enum ControlledFailures {
  /// Draws `count` real points of `base` in `dimension` (default `base.dimension`) and the
  /// synthetic sample of `failure` (also `count` points, except under `.tooFewSamples`).
  /// - Throws: `PointCloudError.invalidParameter` for a parameter out of range, a `count` below 1,
  ///   a dimension `base` cannot be sampled in, or a failure that is not applicable to `base`.
  public static func pair(
    base: BaseDistribution, failure: Failure, count: Int, dimension: Int? = nil, seed: UInt64
  ) throws -> ControlledPair {
    guard count >= 1 else {
      throw PointCloudError.invalidParameter(name: "count", value: "\(count)", allowed: "≥ 1")
    }
    let d = dimension ?? base.dimension
    guard base.dimensions.contains(d) else {
      throw PointCloudError.invalidParameter(
        name: "dimension", value: "\(d)", allowed: base.dimensionsDescription)
    }
    let scales = base.coordinateScales(dimension: d)
    try failure.validate()
    guard failure.isApplicable(to: base) else {
      throw PointCloudError.invalidParameter(
        name: "failure", value: failure.name,
        allowed: "a failure defined for \(base.rawValue) (wrong-topology needs one of "
          + BaseDistribution.allCases.filter(\.hasWrongTopologyCounterpart).map(\.rawValue)
          .joined(separator: ", ") + ")")
    }
    var realStream = SeededGenerator.stream(0, of: seed)
    var cleanStream = SeededGenerator.stream(1, of: seed)
    var noiseStream = SeededGenerator.stream(2, of: seed)
    let real = base.sample(count: count, dimension: d, using: &realStream)
    var copiedRows = [Int?](repeating: nil, count: count)
    let synthetic: LabelledSample
    switch failure {
    case .faithful:
      synthetic = base.sample(count: count, dimension: d, using: &cleanStream)
    case .modeCollapse:
      synthetic = base.sample(count: count, dimension: d, modes: [0], using: &cleanStream)
    case .droppedModes(let kept):
      let keptModes = max(1, Int((kept * Double(base.modeCount)).rounded()))
      synthetic = base.sample(
        count: count, dimension: d, modes: Array(0..<keptModes), using: &cleanStream)
    case .noise(let sigma):
      synthetic = perturbed(
        base.sample(count: count, dimension: d, using: &cleanStream), sigma: sigma,
        scales: scales, using: &noiseStream)
    case .memorisation(let fraction, let jitter):
      var sample = base.sample(count: count, dimension: d, using: &cleanStream)
      var rowStream = SeededGenerator.stream(3, of: seed)
      let copies = Int((fraction * Double(count)).rounded())
      let sources = distinctIndices(copies, below: count, using: &rowStream)
      var values = sample.cloud.coordinates
      for (row, source) in sources.enumerated() {
        values.replaceSubrange(row * d..<(row + 1) * d, with: real.cloud[point: source])
        sample.modes[row] = real.modes[source]
        copiedRows[row] = source
      }
      sample.cloud = PointCloud(count: count, dimension: d, coordinates: values)
      synthetic =
        jitter > 0
        ? perturbed(
          sample, sigma: jitter, scales: scales, using: &noiseStream,
          rows: 0..<copies)
        : sample
    case .translation(let offset):
      let sample = base.sample(count: count, dimension: d, using: &cleanStream)
      let step = offset / Double(d).squareRoot()
      let values = sample.cloud.coordinates.enumerated().map { index, value in
        value + step * scales[index % d]
      }
      synthetic = LabelledSample(
        cloud: PointCloud(count: count, dimension: d, coordinates: values), modes: sample.modes)
    case .scaling(let factor):
      let sample = base.sample(count: count, dimension: d, using: &cleanStream)
      var mean = [Double](repeating: 0, count: d)
      for (index, value) in sample.cloud.coordinates.enumerated() { mean[index % d] += value }
      mean = mean.map { $0 / Double(count) }
      let values = sample.cloud.coordinates.enumerated().map { index, value in
        mean[index % d] + factor * (value - mean[index % d])
      }
      synthetic = LabelledSample(
        cloud: PointCloud(count: count, dimension: d, coordinates: values), modes: sample.modes)
    case .wrongTopology:
      synthetic = base.sampleWrongTopology(count: count, dimension: d, using: &cleanStream)
    case .tooFewSamples(let fraction):
      let few = max(1, Int((fraction * Double(count)).rounded()))
      synthetic = base.sample(count: few, dimension: d, using: &cleanStream)
      copiedRows = [Int?](repeating: nil, count: few)
    }
    return ControlledPair(
      base: base, failure: failure, real: real, synthetic: synthetic, copiedRows: copiedRows)
  }

  /// `sample` with Gaussian noise of standard deviation `sigma × scales[j]` added to coordinate
  /// `j` of the rows in `rows` (all rows by default).
  static func perturbed(
    _ sample: LabelledSample, sigma: Double, scales: [Double],
    using random: inout SeededGenerator, rows: Range<Int>? = nil
  ) -> LabelledSample {
    let d = sample.cloud.dimension
    var values = sample.cloud.coordinates
    for row in rows ?? 0..<sample.cloud.count {
      for column in 0..<d {
        values[row * d + column] += sigma * scales[column] * random.nextGaussian()
      }
    }
    return LabelledSample(
      cloud: PointCloud(count: sample.cloud.count, dimension: d, coordinates: values),
      modes: sample.modes)
  }

  /// `count` distinct indices in `0 ..< bound`, uniformly at random, in the order drawn (a partial
  /// Fisher–Yates shuffle: O(bound) time and memory).
  /// - Precondition: `0 <= count <= bound`.
  public static func distinctIndices(
    _ count: Int, below bound: Int, using random: inout SeededGenerator
  )
    -> [Int]
  {
    var indices = Array(0..<bound)
    for i in 0..<count {
      indices.swapAt(i, i + random.nextInt(below: bound - i))
    }
    return Array(indices.prefix(count))
  }
}
