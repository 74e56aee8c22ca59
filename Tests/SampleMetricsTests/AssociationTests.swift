import Foundation
import Tables
import Testing

@testable import SampleMetrics

/// dython's association coefficients on tables small enough to work out by hand (the comparison
/// with dython itself is in `FidelityTests`).
@Suite("Association matrices (dython's associations)")
struct AssociationTests {
  static func table(_ columns: [Table.Column]) -> Table {
    Table(file: "t", columns: columns, lines: Array(2..<(2 + columns[0].values.count)))
  }

  static func categorical(_ name: String, _ labels: [String?]) -> Table.Column {
    let categories = Array(Set(labels.compactMap { $0 })).sorted()
    return Table.Column(
      name: name, kind: .categorical,
      values: labels.map { label in label.map { Double(categories.firstIndex(of: $0)!) } ?? .nan },
      categories: categories)
  }

  static func numeric(_ name: String, _ values: [Double]) -> Table.Column {
    Table.Column(name: name, kind: .numeric, values: values)
  }

  @Test("Cramér's V of a 2×2 table: Yates' correction, then Bergsma's bias correction")
  func cramersV2x2() {
    // Counts [[6, 1], [1, 6]], n = 14: expected 3.5 everywhere, |o − e| = 2.5 → 2 after Yates,
    // χ² = 4·4/3.5 = 32/7, φ² = 16/49, φ²₊ = 16/49 − 1/13, r̃ − 1 = k̃ − 1 = 1 − 1/13 = 12/13.
    let x = Array(repeating: "a", count: 7) + Array(repeating: "b", count: 7)
    let y = Array(repeating: "u", count: 6) + ["v", "u"] + Array(repeating: "v", count: 6)
    let t = Self.table([Self.categorical("x", x), Self.categorical("y", y)])
    let matrix = AssociationMatrices.matrix(t, columns: [0, 1])
    let expected = ((16.0 / 49 - 1.0 / 13) / (12.0 / 13)).squareRoot()  // √(159/588)
    #expect(abs(matrix[0][1] - expected) < 1e-15 && matrix[1][0] == matrix[0][1])
    #expect(matrix[0][0] == 1 && matrix[1][1] == 1)
  }

  @Test("Cramér's V of a 2×3 table: no continuity correction")
  func cramersV2x3() {
    // Counts [[2, 1, 0], [0, 1, 2]], n = 6: row sums 3, 3; column sums 2, 2, 2; expected 1.
    // χ² = 1 + 0 + 1 + 1 + 0 + 1 = 4, φ² = 2/3, φ²₊ = 2/3 − 2/5 = 4/15,
    // r̃ − 1 = 1 − 1/5 = 4/5, k̃ − 1 = 2 − 4/5 = 6/5: V = √((4/15)/(4/5)) = √(1/3).
    let t = Self.table([
      Self.categorical("x", ["a", "a", "a", "b", "b", "b"]),
      Self.categorical("y", ["u", "u", "v", "v", "w", "w"]),
    ])
    let v = AssociationMatrices.matrix(t, columns: [0, 1])[0][1]
    #expect(abs(v - (1.0 / 3).squareRoot()) < 1e-15)
  }

  @Test("the correlation ratio η, and 0 when every category has the overall mean")
  func correlationRatio() {
    // Means 1.5, 3.5, 5.5 around 3.5: between = 2·(4 + 0 + 4) = 16; total Σ(y − 3.5)² = 17.5.
    let t = Self.table([
      Self.numeric("y", [1, 2, 3, 4, 5, 6]),
      Self.categorical("c", ["a", "a", "b", "b", "c", "c"]),
      Self.categorical("d", ["a", "b", "a", "b", "a", "b"]),
    ])
    let matrix = AssociationMatrices.matrix(t, columns: [0, 1, 2])
    #expect(abs(matrix[0][1] - (32.0 / 35).squareRoot()) < 1e-15 && matrix[1][0] == matrix[0][1])
    // d: means (1 + 3 + 5)/3 = 3 and 4: between = 3·0.25·2 = 1.5, η = √(1.5/17.5).
    #expect(abs(matrix[0][2] - (1.5 / 17.5).squareRoot()) < 1e-15)
    let flat = Self.table([
      Self.numeric("y", [1, 3, 1, 3]), Self.categorical("c", ["a", "a", "b", "b"]),
    ])
    #expect(AssociationMatrices.matrix(flat, columns: [0, 1])[0][1] == 0)
  }

  @Test("missing cells as dython replaces them: 0 for a number, a label of its own otherwise")
  func missingCells() {
    // x = 1, 2, –, 3 is read 1, 2, 0, 3 = y: r = 1. c = a, –, a, – has two labels, a and missing.
    let t = Self.table([
      Self.numeric("x", [1, 2, .nan, 3]), Self.numeric("y", [1, 2, 0, 3]),
      Self.categorical("c", ["a", nil, "a", nil]),
    ])
    let matrix = AssociationMatrices.matrix(t, columns: [0, 1, 2])
    #expect(abs(matrix[0][1] - 1) < 1e-15)
    // x read 1, 2, 0, 3 (mean 1.5): group a = {1, 0} (mean 0.5), missing = {2, 3} (mean 2.5);
    // between = 2·1 + 2·1 = 4, total = 0.25 + 0.25 + 2.25 + 2.25 = 5: η = √0.8.
    #expect(abs(matrix[0][2] - 0.8.squareRoot()) < 1e-15)
  }

  @Test("a single-valued column: zeros in its row and column, diagonal included")
  func singleValue() {
    let t = Self.table([
      Self.numeric("x", [1, 2, 3]), Self.numeric("k", [0, .nan, 0]),
      Self.categorical("c", ["a", "a", "a"]), Self.numeric("y", [1, 3, 2]),
    ])
    let matrix = AssociationMatrices.matrix(t, columns: [0, 1, 2, 3])
    for i in 0..<4 {
      #expect(matrix[1][i] == 0 && matrix[i][1] == 0 && matrix[2][i] == 0 && matrix[i][2] == 0)
    }
    #expect(matrix[0][0] == 1 && matrix[3][3] == 1)
    #expect(abs(matrix[0][3] - 0.5) < 1e-15)  // x = 1, 2, 3 and y = 1, 3, 2: r = 1/2
  }

  @Test("Cramér's V of a column with a label per row is undefined: 0, as dython fills it")
  func undefinedCramersV() {
    let t = Self.table([
      Self.categorical("id", ["p", "q", "r", "s"]), Self.categorical("g", ["a", "a", "b", "b"]),
    ])
    let matrix = AssociationMatrices.matrix(t, columns: [0, 1])
    #expect(matrix == [[1, 0], [0, 1]])
  }

  @Test("large contingency tables (counted sparsely) give the dense count's χ²")
  func sparseEqualsDense() {
    // 1200 labels × 1000 labels exceeds the dense limit; the same codes on fewer labels do not.
    let n = 3000
    let x = (0..<n).map { Int32(($0 * 7919) % 1200) }
    let y = (0..<n).map { Int32(($0 * 104_729) % 1000) }
    func counts(_ codes: [Int32], _ levels: Int) -> [Int] {
      var result = [Int](repeating: 0, count: levels)
      for code in codes { result[Int(code)] += 1 }
      return result
    }
    #expect(1200 * 1000 > AssociationMatrices.denseCellLimit)
    let sparse = AssociationMatrices.cramersV(
      x, rowCounts: counts(x, 1200), y, columnCounts: counts(y, 1000))
    // The obvious oracle: every cell of the table, (o − e)²/e summed.
    var cells = [[Int]](repeating: [Int](repeating: 0, count: 1000), count: 1200)
    for k in 0..<n { cells[Int(x[k])][Int(y[k])] += 1 }
    let rows = counts(x, 1200), columns = counts(y, 1000)
    var chi2 = 0.0
    for i in 0..<1200 {
      for j in 0..<1000 {
        let e = Double(rows[i]) * Double(columns[j]) / Double(n)
        chi2 += (Double(cells[i][j]) - e) * (Double(cells[i][j]) - e) / e
      }
    }
    let phi2 = max(0, chi2 / Double(n) - Double(999 * 1199) / Double(n - 1))
    let rTilde = 1200 - Double(1199 * 1199) / Double(n - 1)
    let kTilde = 1000 - Double(999 * 999) / Double(n - 1)
    let expected = (phi2 / min(rTilde - 1, kTilde - 1)).squareRoot()
    #expect(abs(sparse - expected) < 1e-12, "\(sparse) vs \(expected)")
  }

  @Test("largest differences and their mean")
  func differences() {
    let matrices = AssociationMatrices(
      columns: ["a", "b", "c"], real: [[1, 0.5, 0.1], [0.5, 1, 0.2], [0.1, 0.2, 1]],
      synthetic: [[1, 0.1, 0.1], [0.1, 1, 0.4], [0.1, 0.4, 1]])
    let top = matrices.largestDifferences(2)
    #expect(top.map(\.columns) == [["a", "b"], ["b", "c"]])
    #expect(abs(matrices.meanAbsoluteDifference! - (0.4 + 0 + 0.2) / 3) < 1e-15)
  }
}
