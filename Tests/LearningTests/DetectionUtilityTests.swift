import Foundation
import PointClouds
import Tables
import Testing
import _TestSupport

@testable import Learning

/// The 1-NN test against a brute-force oracle, the detectors and the utility comparison end to
/// end, determinism, and the errors for bad input.
@Suite("Learning: detection and utility")
struct DetectionUtilityTests {
  /// A mixed table of `n` rows: a numeric column around `shift`, a categorical one.
  static func raw(_ n: Int, shift: Double, seed: UInt64, file: String, copyOf: RawTable? = nil)
    -> RawTable
  {
    if let copyOf {
      return RawTable(file: file, names: copyOf.names, cells: copyOf.cells, lines: copyOf.lines)
    }
    var generator = SeededGenerator(seed: seed)
    let x = (0..<n).map { _ in String(shift + generator.nextGaussian()) }
    let y = (0..<n).map { _ in String(generator.nextGaussian()) }
    let c = (0..<n).map { _ in ["a", "b", "c"][generator.nextInt(below: 3)] }
    return RawTable(
      file: file, names: ["x", "y", "c"], cells: [x, y, c], lines: (0..<n).map { $0 + 2 })
  }

  static func samples(_ real: RawTable, _ synthetic: RawTable, _ test: RawTable? = nil) throws
    -> TableSamples
  {
    try TableSamples(real: real, synthetic: synthetic, holdout: test, options: TableOptions())
  }

  @Test("the 1-NN graph is the brute-force nearest other row (Gower and Euclidean)")
  func nearestMatchesOracle() throws {
    let tables = try Self.samples(
      Self.raw(70, shift: 0, seed: 1, file: "r.csv"),
      Self.raw(50, shift: 0.5, seed: 2, file: "s.csv"))
    let pooled = tables.real.appending(tables.synthetic)
    let gower = tables.gower
    let graph = NearestNeighbourTest.nearestOtherRows(gower: gower, pooled, seed: 0)
    for i in 0..<pooled.rowCount {
      let distances = (0..<pooled.rowCount).map {
        $0 == i ? Double.infinity : gower.distance(pooled, i, pooled, $0)
      }
      #expect(distances[graph[i]] == distances.min()!, "row \(i)")
    }
    let cloud = PointCloud(
      rows: (0..<pooled.rowCount).map {
        [pooled.columns[0].values[$0], pooled.columns[1].values[$0]]
      })
    let euclidean = NearestNeighbourTest.nearestOtherRows(euclidean: cloud, seed: 0)
    for i in 0..<cloud.count {
      let distances = (0..<cloud.count).map { j in
        j == i
          ? Double.infinity
          : (0..<2).reduce(0) { $0 + (cloud[i, $1] - cloud[j, $1]) * (cloud[i, $1] - cloud[j, $1]) }
      }
      #expect(distances[euclidean[i]] == distances.min()!, "row \(i)")
    }
  }

  @Test("copies: accuracy 0 and p-value 1; separated samples: accuracy 1 and p = 1/(B+1)")
  func extremes() throws {
    let real = Self.raw(40, shift: 0, seed: 3, file: "r.csv")
    let copies = try NearestNeighbourTest.compute(
      Self.samples(real, Self.raw(0, shift: 0, seed: 0, file: "s.csv", copyOf: real)),
      permutations: 99, seed: 1)
    #expect(copies.accuracy == 0 && copies.pValue == 1)
    let apart = try NearestNeighbourTest.compute(
      Self.samples(real, Self.raw(40, shift: 100, seed: 4, file: "s.csv")), permutations: 99,
      seed: 1)
    #expect(apart.accuracy == 1 && apart.pValue == 0.01)
  }

  @Test("ties: the chosen row is one of the equally near rows, the same for a seed")
  func ties() {
    // Rows 0, 1, 2 at the same point; row 3 apart.
    let cloud = PointCloud(rows: [[0, 0], [0, 0], [0, 0], [5, 5]])
    var chosen = Set<Int>()
    for seed in UInt64(0)..<40 {
      let graph = NearestNeighbourTest.nearestOtherRows(euclidean: cloud, seed: seed)
      #expect(graph == NearestNeighbourTest.nearestOtherRows(euclidean: cloud, seed: seed))
      #expect(graph[0] != 0 && graph[0] < 3 && graph[3] < 3)
      chosen.insert(graph[0])
    }
    #expect(chosen == [1, 2], "both tied rows get chosen for some seed")
  }

  @Test("detection: the same report for a seed; folds and permutations change with it")
  func detectionDeterminism() throws {
    let tables = try Self.samples(
      Self.raw(90, shift: 0, seed: 5, file: "r.csv"),
      Self.raw(80, shift: 0.3, seed: 6, file: "s.csv"))
    let first = try Detection.compute(tables, options: .init(folds: 3, permutations: 200, seed: 9))
    #expect(
      try Detection.compute(tables, options: .init(folds: 3, permutations: 200, seed: 9)) == first)
    #expect(first.logistic.folds.count == 3 && first.distance == .gower)
    #expect(abs(first.logistic.auc - first.logistic.folds.reduce(0, +) / 3) <= 1e-15)
    let other = try Detection.compute(tables, options: .init(folds: 3, permutations: 200, seed: 10))
    #expect(other.logistic.folds != first.logistic.folds)
  }

  @Test("utility: a test class the training sets lack gives a null AUROC, the rest is computed")
  func unseenTestClass() throws {
    func table(_ file: String, _ labels: [String], _ x: [Double]) -> RawTable {
      RawTable(
        file: file, names: ["x", "label"], cells: [x.map { String($0) }, labels],
        lines: labels.indices.map { $0 + 2 })
    }
    let train = table("r.csv", ["a", "a", "a", "b", "b", "b"], [0, 0.1, 0.2, 1, 1.1, 1.2])
    let synth = table("s.csv", ["a", "b", "a", "b", "a", "b"], [0, 1, 0.1, 1.1, 0.2, 1.2])
    let test = table("t.csv", ["a", "b", "c"], [0.05, 1.05, 5])
    let report = try Utility.compute(try Self.samples(train, synth, test), target: "label")
    #expect(report.task == .classification && report.rows.test == 3)
    guard case .classification(let logistic) = report.models["logistic"]!.real else {
      Issue.record("classification scores expected")
      return
    }
    #expect(logistic.auroc == nil && logistic.accuracy == 2.0 / 3)
    let json = String(decoding: try JSONEncoder().encode(report), as: UTF8.self)
    #expect(json.contains("\"auroc\":null"))
  }

  @Test("bad input: each error names the option, the column or the set")
  func badInput() throws {
    let real = Self.raw(30, shift: 0, seed: 7, file: "r.csv")
    let tables = try Self.samples(real, Self.raw(4, shift: 0, seed: 8, file: "s.csv"), real)
    #expect(
      throws: LearningError.invalidParameter(name: "--folds", value: "1", allowed: "at least 2")
    ) {
      try Detection.compute(tables, options: .init(folds: 1))
    }
    #expect(throws: LearningError.self) { try Detection.compute(tables, options: .init(folds: 5)) }
    #expect(throws: LearningError.self) {
      try Detection.compute(tables, options: .init(permutations: 0))
    }
    #expect(throws: TableError.self) { try Utility.compute(tables, target: "nope") }
    #expect(
      throws: LearningError.tooFewRows(
        set: "synthetic", rows: 4, required: 5, purpose: "5-NN (rows with a 'c' value)")
    ) {
      try Utility.compute(tables, target: "c")
    }
    let big = try Self.samples(real, Self.raw(30, shift: 0, seed: 9, file: "s.csv"), real)
    #expect(throws: LearningError.self) { try Utility.compute(big, target: "c", task: .regression) }
    let one = RawTable(
      file: "o.csv", names: ["x", "y", "c"],
      cells: [(0..<6).map(String.init), (0..<6).map(String.init), Array(repeating: "a", count: 6)],
      lines: (2..<8).map { $0 })
    let oneClass = try Self.samples(real, one, real)
    #expect(throws: LearningError.oneClass(target: "c", set: "synthetic", label: "a")) {
      try Utility.compute(oneClass, target: "c")
    }
    let onlyTarget = try TableSamples(
      real: real, synthetic: real, holdout: real,
      options: TableOptions(overrides: SchemaOverrides(ignore: ["x", "y"])))
    #expect(throws: LearningError.noFeatures(target: "c")) {
      try Utility.compute(onlyTarget, target: "c")
    }
  }
}
