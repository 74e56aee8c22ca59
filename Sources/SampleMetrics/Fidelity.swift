import Foundation
import PointClouds
import Tables

/// Column-wise and pairwise fidelity of a synthetic table, as SDMetrics 0.32's single-table
/// `QualityReport` computes it with its defaults (Column Shapes, Column Pair Trends and their
/// mean), plus the exact 1-D Wasserstein-1 distance, missing rates and range/category coverage of
/// each column. Ordinal columns are treated as SDMetrics treats its `ordinal` sdtype: as discrete
/// columns (TVComplement, ContingencySimilarity), their ranks only serving as labels.
/// Definitions and the SDMetrics conventions reproduced: docs/fidelity.md.
public struct FidelityReport: Sendable, Codable, Equatable {
  /// How one column compares.
  public struct ColumnFidelity: Sendable, Codable, Equatable {
    public struct Shape: Sendable, Codable, Equatable {
      /// `KSComplement` (numeric) or `TVComplement` (categorical, ordinal).
      public var metric: String
      /// nil when the metric is undefined (no present value on one side).
      public var score: Double?
    }
    public var name: String
    public var kind: ColumnKind
    public var shape: Shape
    /// Fractions of missing cells.
    public var missingReal: Double
    public var missingSynthetic: Double
    /// Numeric columns: the exact Wasserstein-1 distance of the present values.
    public var wasserstein1: Double?
    /// Numeric columns: SDMetrics' RangeCoverage.
    public var rangeCoverage: Double?
    /// Categorical and ordinal columns: SDMetrics' CategoryCoverage.
    public var categoryCoverage: Double?

    enum CodingKeys: String, CodingKey {
      case name, kind, shape, wasserstein1
      case missingReal = "missing_real"
      case missingSynthetic = "missing_synthetic"
      case rangeCoverage = "range_coverage"
      case categoryCoverage = "category_coverage"
    }
  }

  /// How one pair of columns compares.
  public struct PairFidelity: Sendable, Codable, Equatable {
    public var columns: [String]
    /// `CorrelationSimilarity` (two numeric columns) or `ContingencySimilarity`.
    public var metric: String
    /// Pearson's ρ (correlation) or Cramér's V (contingency) on the real data.
    public var real: Double?
    /// The same on the synthetic data.
    public var synthetic: Double?
    /// The similarity, computed whether or not the pair counts; nil when undefined.
    public var score: Double?
    /// Whether the pair enters `column_pair_trends` (SDMetrics' "Meets Threshold?").
    public var counted: Bool
  }

  public var columns: [ColumnFidelity]
  public var pairs: [PairFidelity]
  /// Mean of the defined column shape scores (nil when none is).
  public var columnShapes: Double?
  /// Mean of the defined scores of the counted pairs (nil when none is).
  public var columnPairTrends: Double?
  /// Mean of the two properties that are defined.
  public var quality: Double?
  /// The association matrices of both tables (dython's `associations`), for the heatmaps.
  public var associations: AssociationMatrices

  enum CodingKeys: String, CodingKey {
    case columns, pairs, quality, associations
    case columnShapes = "column_shapes"
    case columnPairTrends = "column_pair_trends"
  }

  /// SDMetrics' QualityReport defaults: a numeric pair counts when |ρ_real| > 0.5, a pair with a
  /// discrete column when Cramér's V of the real contingency table > 0.3.
  public static let correlationThreshold = 0.5
  public static let associationThreshold = 0.3

  /// The report of `synthetic` against `real` (same used columns, as `TableSamples` makes them).
  /// Columns and pairs are shared among the cores; every sum runs in a fixed order, so the report
  /// is the same bits whatever the number of threads.
  public static func compute(real: Table, synthetic: Table) -> FidelityReport {
    precondition(real.columns.count == synthetic.columns.count, "tables under one schema")
    let used = real.columns.indices.filter { real.columns[$0].kind != .ignore }
    let columns = [ColumnFidelity](concurrentlyComputing: used.count) {
      columnFidelity(real.columns[used[$0]], synthetic.columns[used[$0]])
    }
    let labels = [ContingencyLabels](concurrentlyComputing: used.count) {
      ContingencyLabels(real.columns[used[$0]], synthetic.columns[used[$0]])
    }
    let pairIndices = used.indices.flatMap { a in (a + 1..<used.count).map { (a, $0) } }
    let pairs = [PairFidelity](concurrentlyComputing: pairIndices.count) { k in
      let (a, b) = pairIndices[k]
      let i = used[a], j = used[b]
      let names = [real.columns[i].name, real.columns[j].name]
      guard real.columns[i].kind == .numeric && real.columns[j].kind == .numeric else {
        return contingencyPair(names, labels[a], labels[b])
      }
      return correlationPair(
        names, real.columns[i].values, real.columns[j].values, synthetic.columns[i].values,
        synthetic.columns[j].values,
        singleValued: labels[a].singleValued || labels[b].singleValued)
    }
    let shapes = mean(columns.compactMap(\.shape.score))
    let trends = mean(pairs.filter(\.counted).compactMap(\.score))
    let quality = mean([shapes, trends].compactMap { $0 })
    return FidelityReport(
      columns: columns, pairs: pairs, columnShapes: shapes, columnPairTrends: trends,
      quality: quality, associations: .compute(real: real, synthetic: synthetic))
  }

  /// How one column compares; its present values are sorted once for KS, W1 and the range.
  static func columnFidelity(_ real: Table.Column, _ synthetic: Table.Column) -> ColumnFidelity {
    let r = real.values, s = synthetic.values
    let presentR = radixSorted(r.filter { !$0.isNaN })
    let presentS = radixSorted(s.filter { !$0.isNaN })
    var column = ColumnFidelity(
      name: real.name, kind: real.kind,
      shape: .init(metric: real.kind == .numeric ? "KSComplement" : "TVComplement", score: nil),
      missingReal: r.isEmpty ? 0 : Double(r.count - presentR.count) / Double(r.count),
      missingSynthetic: s.isEmpty ? 0 : Double(s.count - presentS.count) / Double(s.count))
    if real.kind == .numeric {
      // Sorting sorted values costs a linear pass (Swift's sort finds the runs).
      column.shape.score = ksComplement(presentR, presentS)
      column.wasserstein1 = wasserstein1(presentR, presentS)
      column.rangeCoverage = rangeCoverage(presentR, presentS)
    } else {
      column.shape.score = tvComplement(presentR, presentS)
      column.categoryCoverage =
        presentR.isEmpty
        ? nil
        : Double(Set(presentS).intersection(presentR).count) / Double(Set(presentR).count)
    }
    return column
  }

  /// The report of a real/synthetic pair of tables read under one schema.
  public static func compute(_ samples: TableSamples) -> FidelityReport {
    compute(real: samples.real, synthetic: samples.synthetic)
  }

  // MARK: - Column shapes

  static func mean(_ values: [Double]) -> Double? {
    values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
  }

  /// numpy's `round(x, 14)` (SDMetrics rounds to `sys.float_info.dig - 1` decimals before KS).
  static func round14(_ x: Double) -> Double { (x * 1e14).rounded(.toNearestOrEven) / 1e14 }

  /// 1 − the two-sample Kolmogorov–Smirnov statistic; nil when a side has no value.
  public static func ksComplement(_ real: [Double], _ synthetic: [Double]) -> Double? {
    guard !real.isEmpty, !synthetic.isEmpty else { return nil }
    let x = real.map(round14).sorted(), y = synthetic.map(round14).sorted()
    let nx = Double(x.count), ny = Double(y.count)
    var i = 0, j = 0, statistic = 0.0
    while i < x.count || j < y.count {
      let v = j == y.count || (i < x.count && x[i] <= y[j]) ? x[i] : y[j]
      while i < x.count && x[i] <= v { i += 1 }
      while j < y.count && y[j] <= v { j += 1 }
      statistic = max(statistic, abs(Double(i) / nx - Double(j) / ny))
    }
    return 1 - statistic
  }

  /// 1 − total variation distance of the label frequencies, with SDMetrics' regularisation: a
  /// label only the synthetic side has counts 1e-6 on the real side. nil when a side is empty.
  public static func tvComplement(_ real: [Double], _ synthetic: [Double]) -> Double? {
    guard !real.isEmpty, !synthetic.isEmpty else { return nil }
    var countR: [Double: Double] = [:], countS: [Double: Double] = [:]
    for v in real { countR[v, default: 0] += 1 }
    for v in synthetic { countS[v, default: 0] += 1 }
    var totalR = Double(real.count)
    for v in countS.keys where countR[v] == nil {
      countR[v] = 1e-6
      totalR += 1e-6
    }
    let totalS = Double(synthetic.count)
    var variation = 0.0
    // Summed in label order: Dictionary order changes from process to process.
    for v in countR.keys.sorted() {
      variation += abs((countS[v] ?? 0) / totalS - countR[v]! / totalR)
    }
    return 1 - 0.5 * variation
  }

  /// The exact Wasserstein-1 distance of two empirical distributions (scipy's
  /// `wasserstein_distance`); nil when a side is empty.
  public static func wasserstein1(_ real: [Double], _ synthetic: [Double]) -> Double? {
    guard !real.isEmpty, !synthetic.isEmpty else { return nil }
    let x = real.sorted(), y = synthetic.sorted()
    let all = (x + y).sorted()
    var i = 0, j = 0, total = 0.0
    for k in 0..<(all.count - 1) {
      while i < x.count && x[i] <= all[k] { i += 1 }
      while j < y.count && y[j] <= all[k] { j += 1 }
      total +=
        abs(Double(i) / Double(x.count) - Double(j) / Double(y.count)) * (all[k + 1] - all[k])
    }
    return total
  }

  /// SDMetrics' RangeCoverage: the share of the real range the synthetic range covers.
  public static func rangeCoverage(_ real: [Double], _ synthetic: [Double]) -> Double? {
    guard let minR = real.min(), let maxR = real.max(), let minS = synthetic.min(),
      let maxS = synthetic.max(), minR != maxR
    else { return nil }
    let low = max((minS - minR) / (maxR - minR), 0), high = max((maxR - maxS) / (maxR - minR), 0)
    return max(1 - (low + high), 0)
  }

  // MARK: - Column pair trends

  /// SDMetrics' discretisation of a numeric column for ContingencySimilarity: numpy's 10 equal
  /// bins over the column's own present range (`histogram_bin_edges`), then `np.digitize`: codes
  /// 1…10, the maximum and missing cells both 11.
  public static func histogramCodes(_ values: [Double]) -> [Double] {
    let present = values.filter { !$0.isNaN }
    var first = present.min() ?? 0, last = present.max() ?? 1
    if first == last {
      first -= 0.5
      last += 0.5
    }
    let step = (last - first) / 10
    var edges = (0...10).map { Double($0) * step + first }
    edges[10] = last
    return values.map { value in
      if value.isNaN { return 11 }
      var code = 0
      while code < edges.count && edges[code] <= value { code += 1 }
      return Double(code)
    }
  }

  /// Pearson's ρ on the rows where both are present; nil when fewer than 2 or one is constant.
  static func pearson(_ x: [Double], _ y: [Double]) -> Double? {
    var count = 0, largestA = 0.0, largestB = 0.0
    for k in x.indices where !x[k].isNaN && !y[k].isNaN {
      count += 1
      largestA = max(largestA, x[k].magnitude)
      largestB = max(largestB, y[k].magnitude)
    }
    guard count >= 2 else { return nil }
    // ρ is scale-invariant: values near the float64 limits are taken in units of a power of two
    // (exact), so that sums and squares stay finite.
    let aScale = PowerOfTwoScale.bringing(largest: largestA)
    let bScale = PowerOfTwoScale.bringing(largest: largestB)
    var sumA = 0.0, sumB = 0.0
    for k in x.indices where !x[k].isNaN && !y[k].isNaN {
      sumA += aScale.scale(x[k])
      sumB += bScale.scale(y[k])
    }
    let ma = sumA / Double(count), mb = sumB / Double(count)
    var sab = 0.0, saa = 0.0, sbb = 0.0
    for k in x.indices where !x[k].isNaN && !y[k].isNaN {
      let da = aScale.scale(x[k]) - ma, db = bScale.scale(y[k]) - mb
      sab += da * db
      saa += da * da
      sbb += db * db
    }
    guard saa > 0, sbb > 0 else { return nil }
    return min(max(sab / (saa.squareRoot() * sbb.squareRoot()), -1), 1)
  }

  /// `singleValued`: a column of the pair has a single distinct present value on either side,
  /// which SDMetrics refuses.
  static func correlationPair(
    _ names: [String], _ ri: [Double], _ rj: [Double], _ si: [Double], _ sj: [Double],
    singleValued: Bool
  ) -> PairFidelity {
    if singleValued {
      return PairFidelity(
        columns: names, metric: "CorrelationSimilarity", real: nil, synthetic: nil, score: nil,
        counted: false)
    }
    let real = pearson(ri, rj), synthetic = pearson(si, sj)
    let score = real.flatMap { r in synthetic.map { 1 - abs(r - $0) / 2 } }
    return PairFidelity(
      columns: names, metric: "CorrelationSimilarity", real: real, synthetic: synthetic,
      score: score, counted: real.map { abs($0) > correlationThreshold } ?? false)
  }

  /// A column as the labels of the contingency tables: numeric columns cut by
  /// ``histogramCodes(_:)`` (each side on its own range), discrete ones as they are, missing a
  /// label of its own. Codes are shared by both sides and follow the order of the labels' bit
  /// patterns (missing last), the order in which the sums below run.
  struct ContingencyLabels: Sendable {
    var real: [Int32], synthetic: [Int32]
    var levels: Int
    /// A single distinct present value on either side (numeric columns).
    var singleValued: Bool

    init(_ realColumn: Table.Column, _ syntheticColumn: Table.Column) {
      let numeric = realColumn.kind == .numeric
      let r = numeric ? histogramCodes(realColumn.values) : realColumn.values
      let s = numeric ? histogramCodes(syntheticColumn.values) : syntheticColumn.values
      func key(_ x: Double) -> UInt64 { x.isNaN ? UInt64.max : x.bitPattern }
      let keys = Set(r.map(key)).union(s.map(key)).sorted()
      let codes = Dictionary(uniqueKeysWithValues: keys.enumerated().map { ($1, Int32($0)) })
      real = r.map { codes[key($0)]! }
      synthetic = s.map { codes[key($0)]! }
      levels = keys.count
      func single(_ values: [Double]) -> Bool {
        guard let first = values.first(where: { !$0.isNaN }) else { return false }
        return values.allSatisfy { $0.isNaN || $0 == first }
      }
      singleValued = numeric && (single(realColumn.values) || single(syntheticColumn.values))
    }
  }

  /// Cramér's V (no continuity correction) of a contingency table, missing a label; nil when the
  /// table has fewer than 2 rows or columns. χ² is summed over every pair of present row and
  /// column labels, in label order.
  static func cramersV(_ table: ContingencyCells, levels: (Int, Int), rows n: Int) -> Double? {
    var rowCounts = [Int](repeating: 0, count: levels.0)
    var columnCounts = [Int](repeating: 0, count: levels.1)
    for (cell, count) in table.cells {
      rowCounts[cell / levels.1] += count
      columnCounts[cell % levels.1] += count
    }
    let rows = rowCounts.indices.filter { rowCounts[$0] > 0 }
    let columns = columnCounts.indices.filter { columnCounts[$0] > 0 }
    guard rows.count >= 2, columns.count >= 2 else { return nil }
    let total = Double(n)
    var chi2 = 0.0, next = 0
    for r in rows {
      for c in columns {
        let expected = Double(rowCounts[r]) * Double(columnCounts[c]) / total
        var observed = 0.0
        if next < table.cells.count && table.cells[next].cell == r * levels.1 + c {
          observed = Double(table.cells[next].count)
          next += 1
        }
        chi2 += (observed - expected) * (observed - expected) / expected
      }
    }
    return (chi2 / total / Double(min(rows.count, columns.count) - 1)).squareRoot()
  }

  static func contingencyPair(
    _ names: [String], _ a: ContingencyLabels, _ b: ContingencyLabels
  ) -> PairFidelity {
    let levels = (a.levels, b.levels)
    let real = ContingencyCells(a.real, firstLevels: a.levels, b.real, secondLevels: b.levels)
    let synthetic = ContingencyCells(
      a.synthetic, firstLevels: a.levels, b.synthetic, secondLevels: b.levels)
    let nR = a.real.count, nS = a.synthetic.count
    // Summed in cell order over the cells either table has, so every process gives the same bits.
    var variation = 0.0, p = 0, q = 0
    while p < real.cells.count || q < synthetic.cells.count {
      let cell = min(
        p < real.cells.count ? real.cells[p].cell : Int.max,
        q < synthetic.cells.count ? synthetic.cells[q].cell : Int.max)
      var countR = 0.0, countS = 0.0
      if p < real.cells.count && real.cells[p].cell == cell {
        countR = Double(real.cells[p].count)
        p += 1
      }
      if q < synthetic.cells.count && synthetic.cells[q].cell == cell {
        countS = Double(synthetic.cells[q].count)
        q += 1
      }
      variation += abs(countR / Double(nR) - countS / Double(nS)) / 2
    }
    let association = cramersV(real, levels: levels, rows: nR)
    return PairFidelity(
      columns: names, metric: "ContingencySimilarity", real: association,
      synthetic: cramersV(synthetic, levels: levels, rows: nS),
      score: nR == 0 || nS == 0 ? nil : 1 - variation,
      counted: association.map { $0 > associationThreshold } ?? false)
  }
}
