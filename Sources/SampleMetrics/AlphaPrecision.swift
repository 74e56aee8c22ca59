import PointClouds
import Tables

/// α-precision, β-recall and authenticity (Alaa, van Breugel, Saveliev and van der Schaar, "How
/// Faithful is your Synthetic Data? Sample-level Metrics for Evaluating and Auditing Generative
/// Models", ICML 2022), computed as synthcity's `AlphaPrecision` computes its `*_naive` scores,
/// with two departures: real and synthetic samples may have different sizes, and authenticity is
/// taken per synthetic row with the real row it is nearest to (synthcity indexes its real-to-real
/// distances by a synthetic row's index; its value is kept as ``authenticitySynthcity``).
///
/// On an embedded cloud (``naiveEmbedding(real:synthetic:)`` for tables), with α_k = k/29,
/// k = 0…29 (`numpy.linspace(0, 1, 30)`):
///
/// - **α-precision curve**: c = mean of the real rows; R_k = the α_k-quantile (linear
///   interpolation) of the real rows' distances to c; P_k = share of synthetic rows y with
///   ‖y − c‖ ≤ R_k.
/// - **β-recall curve**: for real row x_i, ŷ_i = its nearest synthetic row, ρ_i = its distance to
///   its nearest *other* real row, c̃ = mean of the synthetic rows, e_i = ‖ŷ_i − c̃‖, and
///   S_k = the α_k-quantile of the e_i; B_k = share of real rows with ‖x_i − ŷ_i‖ ≤ ρ_i and
///   e_i ≤ S_k.
/// - **Scores**: ``alphaPrecision`` = 1 − Σ_k |α_k − P_k| / Σ_k α_k, ``betaRecall`` the same
///   with B_k (`delta_precision_alpha_naive`, `delta_coverage_beta_naive`).
/// - **Authenticity**: share of synthetic rows y_j whose distance to their nearest real row x_i
///   exceeds ρ_i (strictly).
///
/// Means, sums and quantiles are numpy's float64 operations in numpy's order (pairwise summation
/// along a row, `numpy.quantile`'s linear interpolation), so they equal numpy's bit for bit. The
/// nearest-neighbour distances are ``NearestNeighbors``' (exact search, lowest index on ties);
/// scikit-learn's, which synthcity uses, may differ in the last bits, which matters only when two
/// distances tie exactly.
public struct AlphaPrecision: Codable, Sendable, Equatable {
  /// 1 − Σ|α − P(α)| / Σα over the α grid (synthcity's `delta_precision_alpha_naive`), in [0, 1].
  public var alphaPrecision: Double
  /// 1 − Σ|α − B(α)| / Σα over the α grid (synthcity's `delta_coverage_beta_naive`), in [0, 1].
  public var betaRecall: Double
  /// Share of synthetic rows farther from their nearest real row than that row is from its
  /// nearest other real row.
  public var authenticity: Double
  /// The value synthcity's `authenticity_naive` has on the same cloud: the share of real rows x_i
  /// whose distance to their nearest synthetic row y_j exceeds ρ_j, the real-to-real distance of
  /// the real row whose *index* is j. Only defined (and only computed by synthcity) when both
  /// samples have the same size; nil otherwise.
  public var authenticitySynthcity: Double?
  /// The α grid: `numpy.linspace(0, 1, 30)`.
  public var alphas: [Double]
  /// P(α_k): share of synthetic rows inside the real α_k-quantile ball around the real mean.
  public var precisionCurve: [Double]
  /// B(α_k): share of real rows whose nearest synthetic row is within their nearest-real distance
  /// and inside the α_k-quantile ball around the synthetic mean.
  public var recallCurve: [Double]

  enum CodingKeys: String, CodingKey {
    case alphaPrecision = "alpha_precision"
    case betaRecall = "beta_recall"
    case authenticity
    case authenticitySynthcity = "authenticity_synthcity"
    case alphas
    case precisionCurve = "precision_curve"
    case recallCurve = "recall_curve"
  }

  public init(
    alphaPrecision: Double, betaRecall: Double, authenticity: Double,
    authenticitySynthcity: Double?, alphas: [Double], precisionCurve: [Double],
    recallCurve: [Double]
  ) {
    self.alphaPrecision = alphaPrecision
    self.betaRecall = betaRecall
    self.authenticity = authenticity
    self.authenticitySynthcity = authenticitySynthcity
    self.alphas = alphas
    self.precisionCurve = precisionCurve
    self.recallCurve = recallCurve
  }

  /// The number of points of the α grid (synthcity's `n_steps`).
  public static let steps = 30

  /// The α grid exactly as `numpy.linspace(0, 1, 30)` computes it: k · (1/29), the last one 1.
  public static var alphaGrid: [Double] {
    let step = 1.0 / Double(steps - 1)
    return (0..<steps).map { $0 == steps - 1 ? 1.0 : Double($0) * step }
  }

  /// The three metrics of an already embedded pair of samples.
  /// - Throws: ``SampleMetricsError`` when the real set has fewer than 2 points or the synthetic
  ///   set none, the dimensions differ, or a coordinate is not finite (or too large).
  /// - Complexity: O((n² + n m) d) time for the nearest-neighbour searches (k-d tree in low
  ///   dimension), O(n + m) memory beyond the clouds (no n × m matrix); n and m may differ.
  public static func compute(
    real: PointCloud, synthetic: PointCloud, progress: ProgressHandler? = nil
  ) throws -> AlphaPrecision {
    try validate(real, named: "real", minimum: 2)
    try validate(synthetic, named: "synthetic", minimum: 1)
    try validateSameDimension(real, named: "real", synthetic, named: "synthetic")
    let n = real.count
    let m = synthetic.count
    let alphas = alphaGrid

    // α-precision: balls around the real mean.
    let realCentre = columnMeans(real)
    let radii = quantiles(distances(real, to: realCentre), alphas)
    let synthToCentre = distances(synthetic, to: realCentre)
    let precisionCurve = radii.map { radius in
      share(synthToCentre.lazy.map { $0 <= radius }, count: m)
    }

    // β-recall: each real row's nearest synthetic row, within the real row's nearest-real distance,
    // and inside a quantile ball around the synthetic mean.
    let realToReal = NearestNeighbors.kthNeighborSquaredDistances(
      in: real, k: 1, progress: progress
    )
    .map { $0.squareRoot() }
    let (nearestSynthetic, realToSynthSquared) = NearestNeighbors.nearest(
      from: real, to: synthetic, progress: progress)
    let realToSynth = realToSynthSquared.map { $0.squareRoot() }
    let synthToOwnCentre = distances(synthetic, to: columnMeans(synthetic))
    let closest = nearestSynthetic.map { synthToOwnCentre[$0] }
    let closestRadii = quantiles(closest, alphas)
    let within = (0..<n).map { realToSynth[$0] <= realToReal[$0] }
    let recallCurve = closestRadii.map { radius in
      share((0..<n).lazy.map { within[$0] && closest[$0] <= radius }, count: n)
    }

    // Authenticity, per synthetic row and its nearest real row.
    let (nearestReal, synthToRealSquared) = NearestNeighbors.nearest(
      from: synthetic, to: real, progress: progress)
    let authenticity = share(
      (0..<m).lazy.map { synthToRealSquared[$0].squareRoot() > realToReal[nearestReal[$0]] },
      count: m)
    // synthcity: `real_to_real[real_to_synth_args] < real_to_synth`, over the real rows.
    let authenticitySynthcity =
      n == m
      ? share((0..<n).lazy.map { realToReal[nearestSynthetic[$0]] < realToSynth[$0] }, count: n)
      : nil

    return AlphaPrecision(
      alphaPrecision: summary(precisionCurve, alphas), betaRecall: summary(recallCurve, alphas),
      authenticity: authenticity, authenticitySynthcity: authenticitySynthcity, alphas: alphas,
      precisionCurve: precisionCurve, recallCurve: recallCurve)
  }

  /// 1 − Σ|α − curve| / Σα, both sums as `numpy.sum` forms them.
  static func summary(_ curve: [Double], _ alphas: [Double]) -> Double {
    let deviations = zip(alphas, curve).map { abs($0 - $1) }
    return 1 - numpySum(deviations) / numpySum(alphas)
  }

  /// The share of true values among `count` (count / total, as `numpy.mean` of booleans).
  static func share(_ flags: some Sequence<Bool>, count: Int) -> Double {
    var hits = 0
    for flag in flags where flag { hits += 1 }
    return Double(hits) / Double(count)
  }

  /// The mean of each coordinate, as `numpy.mean(X, axis=0)` forms it: rows added in order (numpy
  /// sums a single column, which is contiguous, pairwise), then divided by the count.
  static func columnMeans(_ cloud: PointCloud) -> [Double] {
    let d = cloud.dimension
    let n = Double(cloud.count)
    if d == 1 { return [numpySum(cloud.coordinates) / n] }
    var sums = [Double](repeating: 0, count: d)
    cloud.withUnsafeCoordinates { x in
      for row in 0..<cloud.count {
        for c in 0..<d { sums[c] += x[row * d + c] }
      }
    }
    return sums.map { $0 / n }
  }

  /// The Euclidean distance of every row to `centre`, as
  /// `numpy.sqrt(numpy.sum((X - centre) ** 2, axis=1))`.
  static func distances(_ cloud: PointCloud, to centre: [Double]) -> [Double] {
    let d = cloud.dimension
    var squares = [Double](repeating: 0, count: d)
    return cloud.withUnsafeCoordinates { x in
      (0..<cloud.count).map { row in
        for c in 0..<d {
          let difference = x[row * d + c] - centre[c]
          squares[c] = difference * difference
        }
        return numpySum(squares).squareRoot()
      }
    }
  }

  /// `numpy.quantile(values, qs)` (method "linear"): position (n − 1)·q between order statistics,
  /// interpolated as numpy's `_lerp`.
  static func quantiles(_ values: [Double], _ qs: [Double]) -> [Double] {
    let sorted = values.sorted()
    let last = sorted.count - 1
    return qs.map { q in
      let position = Double(last) * q
      let lower = min(Int(position.rounded(.down)), last)
      let upper = min(lower + 1, last)
      let t = position - Double(lower)
      let a = sorted[lower]
      let b = sorted[upper]
      let difference = b - a
      return t < 0.5 ? a + difference * t : b - difference * (1 - t)
    }
  }
}

/// The sum of `values` as numpy's `add.reduce` forms it along a contiguous axis: plain
/// left-to-right
/// below 8 values, eight interleaved partial sums up to 128, halves (at a multiple of 8) beyond.
func numpySum(_ values: [Double]) -> Double {
  values.withUnsafeBufferPointer { numpyPairwiseSum($0.baseAddress!, values.count) }
}

private func numpyPairwiseSum(_ x: UnsafePointer<Double>, _ count: Int) -> Double {
  if count < 8 {
    var sum = 0.0
    for i in 0..<count { sum += x[i] }
    return sum
  }
  if count <= 128 {
    var r = (x[0], x[1], x[2], x[3], x[4], x[5], x[6], x[7])
    var i = 8
    while i < count - count % 8 {
      r.0 += x[i]
      r.1 += x[i + 1]
      r.2 += x[i + 2]
      r.3 += x[i + 3]
      r.4 += x[i + 4]
      r.5 += x[i + 5]
      r.6 += x[i + 6]
      r.7 += x[i + 7]
      i += 8
    }
    var sum = ((r.0 + r.1) + (r.2 + r.3)) + ((r.4 + r.5) + (r.6 + r.7))
    while i < count {
      sum += x[i]
      i += 1
    }
    return sum
  }
  var half = count / 2
  half -= half % 8
  return numpyPairwiseSum(x, half) + numpyPairwiseSum(x + half, count - half)
}

extension AlphaPrecision {
  /// The naive embedding of two tables encoded together
  /// (``Table/encode(real:others:schema:missingValues:)``):
  /// each categorical column one-hot over its categories (indicator 1), then every coordinate —
  /// numeric values, ordinal ranks, indicators — min–max scaled with the real sample's minimum and
  /// maximum exactly as scikit-learn's `MinMaxScaler` fitted on the real rows transforms
  /// (s = 1/(max − min), or 1 when max − min < 10 ε; x ↦ x·s + (0 − min·s)). Synthetic values
  /// outside the real range fall outside [0, 1].
  /// - Throws: ``TableError/missingCell(file:line:column:name:handledBy:)`` for the first missing
  ///   cell of either table (these metrics need complete rows); ``TableError`` or
  ///   ``SampleMetricsError`` when the tables do not share their columns, or the real one has no
  ///   rows or no columns.
  public static func naiveEmbedding(real: Table, synthetic: Table) throws -> (
    PointCloud, PointCloud
  ) {
    guard !real.columns.isEmpty else { throw SampleMetricsError.noColumns(set: "real") }
    guard real.rowCount > 0 else {
      throw SampleMetricsError.tooFewPoints(set: "real", count: 0, required: 1)
    }
    for (c, column) in real.columns.enumerated() {
      guard c < synthetic.columns.count, synthetic.columns[c].name == column.name else {
        throw TableError.missingColumn(
          file: synthetic.file, column: column.name, realFile: real.file)
      }
      let other = synthetic.columns[c]
      guard other.kind == column.kind,
        other.kind != .categorical || other.categories == column.categories
      else {
        throw SampleMetricsError.invalidParameter(
          name: "synthetic column '\(column.name)'", value: "coded differently from the real one",
          allowed: "encoded together with the real table (same kind and categories)")
      }
    }
    if synthetic.columns.count > real.columns.count {
      throw TableError.extraColumn(
        file: synthetic.file, column: synthetic.columns[real.columns.count].name,
        realFile: real.file)
    }
    let handledBy =
      "α-precision, β-recall and authenticity need complete rows: use --missing drop-rows (which drops such rows)"
    if let error = real.missingCellError(handledBy: handledBy) { throw error }
    if let error = synthetic.missingCellError(handledBy: handledBy) { throw error }
    let width = real.columns.reduce(0.0) {
      $0 + Double($1.kind == .categorical ? $1.categories.count : 1)
    }
    try MemoryBudget.current.check(
      bytes: (Double(real.rowCount) + Double(synthetic.rowCount)) * width * 16,
      what: "the one-hot embedding of \(real.rowCount) and \(synthetic.rowCount) rows in "
        + "\(Int(width)) coordinates",
      suggestion: "--ignore the categorical columns with the most categories")
    let (realRaw, names) = oneHot(real)
    let (synthRaw, _) = oneHot(synthetic)
    let d = names.count
    var scales = [Double](repeating: 1, count: d)
    var offsets = [Double](repeating: 0, count: d)
    for c in 0..<d {
      var low = Double.infinity
      var high = -Double.infinity
      for row in 0..<real.rowCount {
        low = min(low, realRaw[row * d + c])
        high = max(high, realRaw[row * d + c])
      }
      let range = high - low
      scales[c] = 1 / (range < 10 * Double.ulpOfOne ? 1 : range)
      offsets[c] = 0 - low * scales[c]
    }
    func scaled(_ raw: [Double], _ count: Int) -> PointCloud {
      var coordinates = raw
      for row in 0..<count {
        for c in 0..<d { coordinates[row * d + c] = raw[row * d + c] * scales[c] + offsets[c] }
      }
      return PointCloud(count: count, dimension: d, coordinates: coordinates, columnNames: names)
    }
    return (scaled(realRaw, real.rowCount), scaled(synthRaw, synthetic.rowCount))
  }

  /// The rows of a complete table, categorical columns as 0/1 indicators (row-major), and the
  /// coordinate names (`name`, or `name=label` for an indicator).
  private static func oneHot(_ table: Table) -> ([Double], [String]) {
    var names: [String] = []
    for column in table.columns {
      if column.kind == .categorical {
        names += column.categories.map { "\(column.name)=\($0)" }
      } else {
        names.append(column.name)
      }
    }
    let d = names.count
    var coordinates = [Double](repeating: 0, count: table.rowCount * d)
    var offset = 0
    for column in table.columns {
      if column.kind == .categorical {
        for row in 0..<table.rowCount {
          coordinates[row * d + offset + Int(column.values[row])] = 1
        }
        offset += column.categories.count
      } else {
        for row in 0..<table.rowCount { coordinates[row * d + offset] = column.values[row] }
        offset += 1
      }
    }
    return (coordinates, names)
  }
}

extension AlphaPrecision {
  /// α-precision, β-recall and authenticity of two tables in the naive embedding, or nil and the
  /// reason when they are undefined (a missing cell, too few rows).
  public static func naive(real: Table, synthetic: Table) -> (AlphaPrecision?, String?) {
    do {
      let (embeddedReal, embeddedSynthetic) = try naiveEmbedding(real: real, synthetic: synthetic)
      return (try compute(real: embeddedReal, synthetic: embeddedSynthetic), nil)
    } catch {
      return (nil, "\(error)")
    }
  }
}
