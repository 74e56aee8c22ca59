import Foundation
import PointClouds
import Tables

/// Kernel-density baselines on mixed tables: the mean log-likelihood (natural log, per row) of the
/// synthetic rows under the KDE of the real table, and of the real rows under the KDE of the
/// synthetic table, equal to statsmodels' `KDEMultivariate(train, var_type, bw).pdf(rows)` (0.15)
/// with `var_type` `c` for numeric, `u` for categorical and `o` for ordinal columns.
///
/// The KDE of a table {X_1..X_n} with q columns and bandwidths h_1..h_q is the product kernel
///   p̂(x) = (1/n) Σ_i Π_j k_j(X_ij, x_j) / Π_{j numeric} h_j,
/// with, per column kind (X a fitted value, x the evaluated one):
/// - numeric, Gaussian: k = e^(−(X − x)²/(2h²)) / √(2π);
/// - categorical, Aitchison–Aitken: k = 1 − h when X = x, otherwise h/(c − 1), where c is the
///   number of **distinct values of that column in the fitted table** (statsmodels calls the kernel
///   with the whole training column and no `num_levels`, so `np.unique` of it counts them): the
///   evaluated table's categories and the shared category list play no part;
/// - ordinal, Wang–van Ryzin: k = 1 − h when X = x, otherwise ½ (1 − h) h^|X − x|, on the 0-based
///   ranks that ``Table`` stores.
///
/// Categorical and ordinal columns enter as the codes ``Table`` stores (the index of the label in
/// the column's categories: the real file's labels sorted, numbers by value, then labels that only
/// another file has, in order of appearance). statsmodels sees codes only, so a reference must
/// pass the same codes.
///
/// Bandwidths. `"normal_reference"` (the default, statsmodels' `bw='normal_reference'`):
/// h_j = 1.06 σ_j n^(−1/(4+q)) for **every** column, categorical and ordinal ones included, σ_j
/// the population standard deviation (`np.std`, divisor n, not n − 1) of the fitted column's
/// values or codes, n the fitted rows and q all the used columns. So a categorical column's
/// bandwidth depends on the arbitrary order of its codes — statsmodels' rule, kept. No clipping:
/// statsmodels bounds bandwidths to (0, 1] only inside its cross-validation. `"fixed"`: the given
/// h_j, the same for both KDEs.
///
/// Conventions where statsmodels gives no usable answer (each is an error here, naming the column):
/// - h ≤ 0 or not finite: a constant fitted column (σ = 0) under the rule, or a bad given value
///   (statsmodels divides by zero);
/// - h ≥ 1 for a categorical or ordinal column: 1 − h ≤ 0, so the "density" has kernels of zero
///   or negative weight (statsmodels returns such values; their log is undefined); the rule gives
///   this for columns with widely spread codes, for which bandwidths must be given;
/// - a categorical column with a single distinct value in the fitted table: h/(c − 1) = h/0.
/// For a categorical h in ((c − 1)/c, 1) the kernel weighs another category above the row's own
/// (a category the fitted table lacks then scores above one it has): still a probability, and what
/// statsmodels computes, so kept. statsmodels refuses n ≤ q fitted rows; this type does not (the
/// estimator is defined for any n ≥ 1, n ≥ 2 under the rule).
///
/// Zero densities. With every h in range each kernel is positive, so p̂ > 0 at every point, even
/// at a category the fitted table never has (it gets h/(c − 1), not 0): log p̂ is finite. Only an
/// overflow of (X − x)² (|X − x| above ~1e154) could give a kernel of 0; all kernels 0 would give
/// log p̂ = −∞, and the mean −∞, reported as is.
///
/// Evaluation. statsmodels multiplies the q kernel values of each fitted row, sums over the rows
/// and divides, in float64; that underflows to 0 (log −∞) once the rows are far apart in many
/// numeric columns. Here every pair is computed in log space, exactly (no tree, no truncation):
///   log p̂(x) = logsumexp_i Σ_j log k_j(X_ij, x_j) − log n − Σ_{j numeric} log h_j,
/// with log k = −(X − x)²/(2h²) − ½ log 2π (numeric), log(1 − h) or log(h/(c − 1)) (categorical),
/// log(1 − h) or log(½(1 − h)) + |X − x| log h (ordinal), and the log-sum-exp shifted by each
/// point's largest exponent, so no term under- or overflows. Where statsmodels' pdf is a normal
/// float64 the two agree to a few ulps of each term (kernels exact to a few ulps in either form,
/// sums of positive terms well conditioned; below 1e-13 relative on the tested cases); where it
/// underflows this value is the finite, correct one.
public struct TableKernelDensity: Codable, Sendable, Equatable {
  /// The bandwidth rule: "normal_reference" or "fixed".
  public var rule: String
  /// The bandwidths of the real table's KDE, one per used column in table order.
  public var bandwidths: [Double]
  /// The bandwidths of the synthetic table's KDE (the given ones for "fixed").
  public var syntheticBandwidths: [Double]
  /// Mean log-likelihood of the synthetic rows under the real KDE (nats per row).
  public var synthGivenReal: Double
  /// Mean log-likelihood of the real rows under the synthetic KDE (nats per row).
  public var realGivenSynth: Double

  enum CodingKeys: String, CodingKey {
    case rule, bandwidths
    case syntheticBandwidths = "synthetic_bandwidths"
    case synthGivenReal = "synth_given_real"
    case realGivenSynth = "real_given_synth"
  }

  public init(
    rule: String, bandwidths: [Double], syntheticBandwidths: [Double], synthGivenReal: Double,
    realGivenSynth: Double
  ) {
    self.rule = rule
    self.bandwidths = bandwidths
    self.syntheticBandwidths = syntheticBandwidths
    self.synthGivenReal = synthGivenReal
    self.realGivenSynth = realGivenSynth
  }

  /// Both mean log-likelihoods, with `bandwidths` (one per used column, both KDEs) or, when nil,
  /// statsmodels' normal-reference rule applied to each table.
  /// - Throws: ``TableError/missingCell(file:line:column:name:handledBy:)`` for a missing cell
  ///   (drop such rows first); ``SampleMetricsError`` for tables whose columns differ, an empty
  ///   table, an infinite value, or a bandwidth out of range (see the type's notes).
  /// - Complexity: O(N M q) time, O((N + M) q) memory, the evaluated rows shared among the cores.
  public static func compute(
    real: Table, synthetic: Table, bandwidths: [Double]? = nil, progress: ProgressHandler? = nil
  ) throws -> TableKernelDensity {
    try validateColumns(real, synthetic, named: "synthetic")
    try validateRows(real, named: "real")
    try validateRows(synthetic, named: "synthetic")
    let realKernel = try ProductKernel(fittedTo: real, named: "real", bandwidths: bandwidths)
    let syntheticKernel = try ProductKernel(
      fittedTo: synthetic, named: "synthetic", bandwidths: bandwidths)
    return TableKernelDensity(
      rule: bandwidths == nil ? "normal_reference" : "fixed", bandwidths: realKernel.bandwidths,
      syntheticBandwidths: syntheticKernel.bandwidths,
      synthGivenReal: mean(realKernel.logDensities(of: synthetic, progress: progress)),
      realGivenSynth: mean(syntheticKernel.logDensities(of: real, progress: progress)))
  }

  /// The log density of every row of `rows` under the KDE fitted to `fitted` (named "real" in
  /// errors; `rows` "synthetic").
  /// - Throws: as ``compute(real:synthetic:bandwidths:progress:)``.
  public static func logDensities(
    of rows: Table, under fitted: Table, bandwidths: [Double]? = nil,
    progress: ProgressHandler? = nil
  ) throws -> [Double] {
    try validateColumns(fitted, rows, named: "synthetic")
    try validateRows(fitted, named: "real")
    try validateRows(rows, named: "synthetic")
    return try ProductKernel(fittedTo: fitted, named: "real", bandwidths: bandwidths)
      .logDensities(of: rows, progress: progress)
  }

  /// statsmodels' normal-reference bandwidths of `table`: 1.06 σ_j n^(−1/(4+q)) per column, σ_j the
  /// population standard deviation (divisor n). Not validated: 0 for a constant column, NaN for a
  /// missing cell or an empty table.
  public static func normalReferenceBandwidths(_ table: Table) -> [Double] {
    let n = Double(table.rowCount)
    let factor = _pow(n, -1 / Double(4 + table.columns.count))
    return table.columns.map { column in
      var total = 0.0
      for value in column.values { total += value }
      let centre = total / n
      var squares = 0.0
      for value in column.values { squares += (value - centre) * (value - centre) }
      return 1.06 * (squares / n).squareRoot() * factor
    }
  }
}

/// Checks that `other` has the used columns of `table`: same count, names and kinds.
private func validateColumns(_ table: Table, _ other: Table, named set: String) throws {
  guard !table.columns.isEmpty else { throw SampleMetricsError.noColumns(set: "real") }
  guard table.columns.count == other.columns.count else {
    throw SampleMetricsError.dimensionMismatch(
      set: "real", dimension: table.columns.count, otherSet: set,
      otherDimension: other.columns.count)
  }
  for (c, (mine, theirs)) in zip(table.columns, other.columns).enumerated()
  where mine.name != theirs.name || mine.kind != theirs.kind {
    throw SampleMetricsError.invalidParameter(
      name: "column \(c + 1) of the \(set) table", value: "'\(theirs.name)' (\(theirs.kind))",
      allowed: "'\(mine.name)' (\(mine.kind)), as in the real table")
  }
}

/// Checks that `table` has rows, no missing cell and only finite values.
private func validateRows(_ table: Table, named set: String) throws {
  if let error = table.missingCellError() { throw error }
  guard table.rowCount > 0 else {
    throw SampleMetricsError.tooFewPoints(set: set, count: 0, required: 1)
  }
  for (c, column) in table.columns.enumerated() {
    if let row = column.values.firstIndex(where: { !$0.isFinite }) {
      throw SampleMetricsError.notFinite(set: set, point: row, coordinate: c)
    }
  }
}

/// A fitted product-kernel KDE: the fitted rows split by column kind (row-major), and every
/// kernel's
/// logarithms precomputed.
struct ProductKernel: Sendable {
  /// h per used column.
  let bandwidths: [Double]
  /// The used columns of each kind, as indices into the table's columns.
  let numericColumns: [Int]
  let categoricalColumns: [Int]
  let ordinalColumns: [Int]
  /// The fitted rows' values of each kind, row-major (n × columns of that kind).
  let numeric: [Double]
  let categorical: [Double]
  let ordinal: [Double]
  /// 1/h per numeric column.
  let inverseBandwidth: [Double]
  /// log(1 − h) and log(h/(c − 1)) per categorical column.
  let categoricalMatch: [Double]
  let categoricalMismatch: [Double]
  /// log(1 − h), log(½(1 − h)) and log h per ordinal column.
  let ordinalMatch: [Double]
  let ordinalHalf: [Double]
  let ordinalLogH: [Double]
  /// −log n − Σ_numeric log h − (q_numeric/2) log 2π.
  let logNormaliser: Double
  /// Fitted rows.
  let count: Int

  /// - Precondition: `table` has columns, rows, and finite values only.
  init(fittedTo table: Table, named set: String, bandwidths given: [Double]?) throws {
    let q = table.columns.count
    let n = table.rowCount
    let h: [Double]
    if let given {
      guard given.count == q else {
        throw SampleMetricsError.invalidParameter(
          name: "bandwidths", value: "\(given.count) value\(given.count == 1 ? "" : "s")",
          allowed: "one per used column (\(q))")
      }
      h = given
    } else {
      h = TableKernelDensity.normalReferenceBandwidths(table)
    }
    for (c, column) in table.columns.enumerated() {
      let what =
        given == nil
        ? "the normal_reference bandwidth of \(column.kind) column '\(column.name)' in the \(set) table"
        : "the bandwidth of \(column.kind) column '\(column.name)'"
      let advice = given == nil ? "; give the bandwidths explicitly" : ""
      guard h[c].isFinite && h[c] > 0 else {
        throw SampleMetricsError.invalidParameter(
          name: what, value: "\(h[c])",
          allowed: "a positive finite number" + (given == nil ? " (the column is constant)" : "")
            + advice)
      }
      if column.kind != .numeric && h[c] >= 1 {
        throw SampleMetricsError.invalidParameter(
          name: what, value: "\(h[c])",
          allowed: "below 1 for \(column.kind) columns (the kernel weighs matches by 1 − h)"
            + advice)
      }
    }
    bandwidths = h
    count = n
    numericColumns = table.columns.indices.filter { table.columns[$0].kind == .numeric }
    categoricalColumns = table.columns.indices.filter { table.columns[$0].kind == .categorical }
    ordinalColumns = table.columns.indices.filter { table.columns[$0].kind == .ordinal }
    numeric = rowMajor(table, numericColumns)
    categorical = rowMajor(table, categoricalColumns)
    ordinal = rowMajor(table, ordinalColumns)
    inverseBandwidth = numericColumns.map { 1 / h[$0] }
    var match: [Double] = []
    var mismatch: [Double] = []
    for c in categoricalColumns {
      let column = table.columns[c]
      let levels = Set(column.values).count
      guard levels >= 2 else {
        throw SampleMetricsError.invalidParameter(
          name:
            "the number of distinct values of categorical column '\(column.name)' in the \(set) table",
          value: "\(levels)",
          allowed:
            "at least 2 (the Aitchison–Aitken kernel weighs a mismatch by h/(levels − 1)); ignore the column"
        )
      }
      match.append(_log(1 - h[c]))
      mismatch.append(_log(h[c] / Double(levels - 1)))
    }
    categoricalMatch = match
    categoricalMismatch = mismatch
    ordinalMatch = ordinalColumns.map { _log(1 - h[$0]) }
    ordinalHalf = ordinalColumns.map { _log(0.5 * (1 - h[$0])) }
    ordinalLogH = ordinalColumns.map { _log(h[$0]) }
    var logNormaliser = -_log(Double(n))
    for c in numericColumns { logNormaliser -= _log(h[c]) + 0.5 * _log(2 * Double.pi) }
    self.logNormaliser = logNormaliser
  }

  /// log p̂ at every row of `rows` (same columns as the fitted table), exactly.
  func logDensities(of rows: Table, progress: ProgressHandler?) -> [Double] {
    let m = rows.rowCount
    let queryNumeric = rowMajor(rows, numericColumns)
    let queryCategorical = rowMajor(rows, categoricalColumns)
    let queryOrdinal = rowMajor(rows, ordinalColumns)
    let chunkSize = 32
    let chunks = (m + chunkSize - 1) / chunkSize
    let done = ProgressCounter(phase: "kernel density", total: chunks, progress: progress)
    var result = [Double](repeating: 0, count: m)
    result.withUnsafeMutableBufferPointer { buffer in
      nonisolated(unsafe) let output = buffer.baseAddress!
      DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
        var exponents = [Double](repeating: 0, count: count)
        for row in chunk * chunkSize..<min((chunk + 1) * chunkSize, m) {
          output[row] = logDensity(
            numeric: queryNumeric, categorical: queryCategorical, ordinal: queryOrdinal, row: row,
            exponents: &exponents)
        }
        done.increment()
      }
    }
    return result
  }

  /// log p̂ at row `row` of the row-major query values; `exponents` is scratch of n entries.
  private func logDensity(
    numeric queryNumeric: [Double], categorical queryCategorical: [Double],
    ordinal queryOrdinal: [Double], row: Int, exponents: inout [Double]
  ) -> Double {
    let dn = numericColumns.count
    let du = categoricalColumns.count
    let dr = ordinalColumns.count
    // The query row's values, then the fitted rows' values, kind by kind.
    let x = Array(queryNumeric[row * dn..<(row + 1) * dn])
    let u = Array(queryCategorical[row * du..<(row + 1) * du])
    let r = Array(queryOrdinal[row * dr..<(row + 1) * dr])
    var largest = -Double.infinity
    withPointers(
      numeric, categorical, ordinal, x, u, r, inverseBandwidth, categoricalMatch,
      categoricalMismatch, ordinalMatch, ordinalHalf, ordinalLogH
    ) { p in
      let (fittedNumeric, fittedCategorical, fittedOrdinal, x, u, r) = (
        p[0], p[1], p[2], p[3], p[4], p[5]
      )
      let (scale, match, mismatch, ordinalMatch, ordinalHalf, ordinalLogH) = (
        p[6], p[7], p[8], p[9], p[10], p[11]
      )
      exponents.withUnsafeMutableBufferPointer { exponents in
        for i in 0..<count {
          var squares = 0.0
          for j in 0..<dn {
            // (X − x)/h, so that X = x gives 0 whatever h (never 0 · ∞).
            let z = (fittedNumeric[i * dn + j] - x[j]) * scale[j]
            squares += z * z
          }
          var exponent = -0.5 * squares
          for j in 0..<du {
            exponent += fittedCategorical[i * du + j] == u[j] ? match[j] : mismatch[j]
          }
          for j in 0..<dr {
            let distance = abs(fittedOrdinal[i * dr + j] - r[j])
            exponent += distance == 0 ? ordinalMatch[j] : ordinalHalf[j] + distance * ordinalLogH[j]
          }
          exponents[i] = exponent
          largest = max(largest, exponent)
        }
      }
    }
    // Every kernel 0 (only after an overflow of (X − x)²): p̂ = 0.
    guard largest > -.infinity else { return -.infinity }
    var sum = 0.0
    for i in 0..<count { sum += _exp(exponents[i] - largest) }
    return largest + _log(sum) + logNormaliser
  }
}

/// Calls `body` with the base addresses of `arrays` (valid only during the call).
private func withPointers<R>(
  _ arrays: [Double]..., body: ([UnsafePointer<Double>]) -> R
) -> R {
  var pointers: [UnsafePointer<Double>] = []
  func step(_ k: Int) -> R {
    guard k < arrays.count else { return body(pointers) }
    return arrays[k].withUnsafeBufferPointer { buffer in
      // An empty array's base address may be nil; nothing is read through it.
      pointers.append(buffer.baseAddress ?? UnsafePointer(bitPattern: 8)!)
      return step(k + 1)
    }
  }
  return step(0)
}

/// The values of `columns` of `table`, row-major.
private func rowMajor(_ table: Table, _ columns: [Int]) -> [Double] {
  let d = columns.count
  var values = [Double](repeating: 0, count: table.rowCount * d)
  for (j, c) in columns.enumerated() {
    for (row, value) in table.columns[c].values.enumerated() { values[row * d + j] = value }
  }
  return values
}
