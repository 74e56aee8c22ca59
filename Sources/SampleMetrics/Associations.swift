import Foundation
import Tables

/// The association matrices of a real and a synthetic table — the two heatmaps of a fidelity
/// report — as dython 0.7's `associations` computes them with its defaults: Pearson's r between
/// two numeric columns, the correlation ratio η between a numeric and a discrete (categorical or
/// ordinal) column, the bias-corrected Cramér's V between two discrete columns.
///
/// dython's conventions, kept: a missing cell is replaced by 0 (`nan_strategy="replace"`), so a
/// missing numeric cell counts as the value 0 and a missing discrete cell as a label of its own;
/// a column with a single value (after that replacement) gets 0 in its whole row and column,
/// diagonal included; every other diagonal entry is 1; a coefficient that is undefined (Cramér's
/// V when a column has as many labels as there are rows) is 0. Definitions: docs/fidelity.md.
public struct AssociationMatrices: Sendable, Codable, Equatable {
  /// The used columns, in table order: the rows and columns of both matrices.
  public var columns: [String]
  /// The associations of the real table: `real[i][j]` between `columns[i]` and `columns[j]`.
  public var real: [[Double]]
  /// The same for the synthetic table.
  public var synthetic: [[Double]]

  public init(columns: [String], real: [[Double]], synthetic: [[Double]]) {
    self.columns = columns
    self.real = real
    self.synthetic = synthetic
  }

  /// The matrices of the used (non-ignored) columns of two tables read under one schema.
  public static func compute(real: Table, synthetic: Table) -> AssociationMatrices {
    let used = real.columns.indices.filter { real.columns[$0].kind != .ignore }
    return AssociationMatrices(
      columns: used.map { real.columns[$0].name }, real: matrix(real, columns: used),
      synthetic: matrix(synthetic, columns: used))
  }

  /// One entry of the difference of the matrices.
  public struct Difference: Sendable, Equatable {
    public var columns: [String]
    public var real: Double
    public var synthetic: Double
  }

  /// The `count` pairs of distinct columns whose associations differ most (|real − synthetic|,
  /// largest first; ties in column order).
  public func largestDifferences(_ count: Int) -> [Difference] {
    var entries: [(difference: Double, entry: Difference)] = []
    for i in columns.indices {
      for j in columns.indices where j > i {
        entries.append(
          (
            abs(real[i][j] - synthetic[i][j]),
            Difference(
              columns: [columns[i], columns[j]], real: real[i][j], synthetic: synthetic[i][j])
          ))
      }
    }
    let order = entries.indices.sorted {
      entries[$0].difference > entries[$1].difference
        || (entries[$0].difference == entries[$1].difference && $0 < $1)
    }
    return order.prefix(count).map { entries[$0].entry }
  }

  /// The mean of |real − synthetic| over the pairs of distinct columns (nil with fewer than two
  /// columns): one number for how much the relations between columns moved.
  public var meanAbsoluteDifference: Double? {
    var total = 0.0, pairs = 0
    for i in columns.indices {
      for j in columns.indices where j > i {
        total += abs(real[i][j] - synthetic[i][j])
        pairs += 1
      }
    }
    return pairs == 0 ? nil : total / Double(pairs)
  }

  // MARK: - One table

  /// A column made ready for the coefficients.
  enum Prepared {
    /// Fewer than two distinct values (missing cells read as 0): a row and column of zeros.
    case singleValue
    /// Numeric: the values minus their mean, and their sum of squares.
    case numeric(centered: [Double], sumOfSquares: Double)
    /// Discrete: a dense code per row (0 ..< levels, missing a label of its own) and the count of
    /// each code.
    case discrete(codes: [Int32], counts: [Int])
  }

  static func prepare(_ column: Table.Column) -> Prepared {
    if column.kind == .numeric {
      let values = column.values.map { $0.isNaN ? 0 : $0 }
      guard let first = values.first, values.contains(where: { $0 != first }) else {
        return .singleValue
      }
      let mean = values.reduce(0, +) / Double(values.count)
      let centered = values.map { $0 - mean }
      return .numeric(centered: centered, sumOfSquares: centered.reduce(0) { $0 + $1 * $1 })
    }
    var dense: [UInt64: Int32] = [:], counts: [Int] = []
    let codes = column.values.map { value -> Int32 in
      let key = value.isNaN ? UInt64.max : (value + 0).bitPattern
      if let code = dense[key] {
        counts[Int(code)] += 1
        return code
      }
      let code = Int32(counts.count)
      dense[key] = code
      counts.append(1)
      return code
    }
    return counts.count < 2 ? .singleValue : .discrete(codes: codes, counts: counts)
  }

  /// dython's `associations(table)` on the columns `columns`, in that order.
  public static func matrix(_ table: Table, columns: [Int]) -> [[Double]] {
    let prepared = [Prepared](concurrentlyComputing: columns.count) {
      prepare(table.columns[columns[$0]])
    }
    let count = columns.count
    let pairs = (0..<count).flatMap { i in ((i + 1)..<count).map { (i, $0) } }
    let values = [Double](concurrentlyComputing: pairs.count) {
      association(prepared[pairs[$0].0], prepared[pairs[$0].1])
    }
    var result = (0..<count).map { i -> [Double] in
      var row = [Double](repeating: 0, count: count)
      if case .singleValue = prepared[i] {} else { row[i] = 1 }
      return row
    }
    for (k, (i, j)) in pairs.enumerated() {
      result[i][j] = values[k]
      result[j][i] = values[k]
    }
    return result
  }

  /// The coefficient of two prepared columns; 0 when one is single-valued or it is undefined.
  static func association(_ a: Prepared, _ b: Prepared) -> Double {
    let value: Double
    switch (a, b) {
    case (.singleValue, _), (_, .singleValue): return 0
    case (.numeric(let x, let sx), .numeric(let y, let sy)): value = pearson(x, sx, y, sy)
    case (.numeric(let y, let sy), .discrete(let codes, let counts)),
      (.discrete(let codes, let counts), .numeric(let y, let sy)):
      value = correlationRatio(codes: codes, counts: counts, centered: y, sumOfSquares: sy)
    case (.discrete(let x, let rows), .discrete(let y, let columns)):
      value = cramersV(x, rowCounts: rows, y, columnCounts: columns)
    }
    return value.isFinite ? value : 0
  }

  /// dython rounds a coefficient within 1e-13 above 1 down to 1 (floating-point noise).
  static func roundedToOne(_ value: Double) -> Double {
    value > 1 && value <= 1 + 1e-13 ? 1 : value
  }

  /// Pearson's r of centered columns (scipy's `pearsonr`), clipped to [−1, 1].
  static func pearson(_ x: [Double], _ sx: Double, _ y: [Double], _ sy: Double) -> Double {
    var sxy = 0.0
    for k in x.indices { sxy += x[k] * y[k] }
    return min(max(sxy / (sx.squareRoot() * sy.squareRoot()), -1), 1)
  }

  /// The correlation ratio η = √(Σ_c n_c (ȳ_c − ȳ)² / Σ (y − ȳ)²) (dython's
  /// `correlation_ratio`; 0 when every category has the overall mean).
  static func correlationRatio(
    codes: [Int32], counts: [Int], centered: [Double], sumOfSquares: Double
  ) -> Double {
    var sums = [Double](repeating: 0, count: counts.count)
    for k in codes.indices { sums[Int(codes[k])] += centered[k] }
    var between = 0.0
    for c in sums.indices { between += sums[c] * sums[c] / Double(counts[c]) }
    return between == 0 ? 0 : roundedToOne((between / sumOfSquares).squareRoot())
  }

  /// Contingency tables up to this many cells are counted in an array, larger ones in a
  /// dictionary of their non-empty cells.
  static let denseCellLimit = 1 << 20

  /// Cramér's V with Bergsma's bias correction (dython's `cramers_v`): χ² of the contingency table
  /// as scipy's `chi2_contingency` computes it (with Yates' continuity correction on a 2×2
  /// table), φ² = χ²/n, φ²₊ = max(0, φ² − (k−1)(r−1)/(n−1)), r̃ = r − (r−1)²/(n−1), k̃ likewise,
  /// V = √(φ²₊ / min(k̃ − 1, r̃ − 1)); NaN when that minimum is 0 (a column with n labels).
  static func cramersV(_ x: [Int32], rowCounts: [Int], _ y: [Int32], columnCounts: [Int])
    -> Double
  {
    let r = rowCounts.count, k = columnCounts.count, n = x.count
    let total = Double(n)
    var chi2 = 0.0
    if r * k <= denseCellLimit {
      var cells = [Int](repeating: 0, count: r * k)
      for row in x.indices { cells[Int(x[row]) * k + Int(y[row])] += 1 }
      let yates = r == 2 && k == 2
      for i in 0..<r {
        for j in 0..<k {
          let expected = Double(rowCounts[i]) * Double(columnCounts[j]) / total
          var observed = Double(cells[i * k + j])
          if yates {
            let difference = expected - observed
            observed += difference > 0 ? min(0.5, difference) : max(-0.5, difference)
          }
          chi2 += (observed - expected) * (observed - expected) / expected
        }
      }
    } else {
      // Only the non-empty cells; the empty ones of row i add Σ_j e_ij = r_i·(n − Σ c_j)/n over
      // its empty columns j, the bracket an exact integer.
      var cells: [Int: Int] = [:]
      for row in x.indices { cells[Int(x[row]) * k + Int(y[row]), default: 0] += 1 }
      var emptyMass = rowCounts.map { _ in n }
      for (cell, observed) in cells.sorted(by: { $0.key < $1.key }) {
        let i = cell / k, j = cell % k
        let expected = Double(rowCounts[i]) * Double(columnCounts[j]) / total
        chi2 += (Double(observed) - expected) * (Double(observed) - expected) / expected
        emptyMass[i] -= columnCounts[j]
      }
      for i in 0..<r { chi2 += Double(rowCounts[i]) * Double(emptyMass[i]) / total }
    }
    let phi2 = chi2 / total
    let phi2Corrected = max(0, phi2 - Double((k - 1) * (r - 1)) / Double(n - 1))
    let rCorrected = Double(r) - Double((r - 1) * (r - 1)) / Double(n - 1)
    let kCorrected = Double(k) - Double((k - 1) * (k - 1)) / Double(n - 1)
    let denominator = min(kCorrected - 1, rCorrected - 1)
    guard denominator != 0 else { return .nan }
    return roundedToOne((phi2Corrected / denominator).squareRoot())
  }
}
