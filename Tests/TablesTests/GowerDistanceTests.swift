import Foundation
import PointClouds
import XCTest
import _TestSupport

@testable import Tables

final class GowerDistanceTests: XCTestCase {
  /// Gower's definition straight from the cells: an independent, obvious implementation.
  func oracle(
    _ a: RawTable, _ i: Int, _ b: RawTable, _ j: Int, real: RawTable, categorical: Set<String>
  ) -> Double {
    let missing = MissingValues.pandasDefault
    var sum = 0.0
    var present = 0.0
    for (c, name) in real.names.enumerated() {
      let x = a.cells[a.names.firstIndex(of: name)!][i]
      let y = b.cells[b.names.firstIndex(of: name)!][j]
      if missing.isMissing(x) || missing.isMissing(y) { continue }
      present += 1
      if categorical.contains(name) {
        sum += x == y ? 0 : 1
        continue
      }
      let values = real.cells[c].filter { !missing.isMissing($0) }.map { Double($0)! }
      let range = values.max()! - values.min()!
      let (u, v) = (Double(x)!, Double(y)!)
      sum += range == 0 ? (u == v ? 0 : 1) : min(1, abs(u - v) / range)
    }
    return present == 0 ? 1 : sum / present
  }

  func load(_ name: String) throws -> RawTable {
    try RawTable.read(contentsOf: resourcePath(name, in: Bundle.module))
  }

  struct Reference: Decodable {
    struct Case: Decodable {
      var name: String
      var real: String
      var synthetic: String
      var kinds: [String: String]
      var source: String
      var synthetic_to_real: [[Double]]?
      var real_to_real: [[Double]]
    }
    var cases: [Case]
  }

  func testAgreesWithTheGowerPackageAndTheDefinition() throws {
    let data = try Data(
      contentsOf: URL(fileURLWithPath: resourcePath("gower_reference.json", in: Bundle.module)))
    let reference = try JSONDecoder().decode(Reference.self, from: data)
    XCTAssertEqual(reference.cases.count, 3)
    for testCase in reference.cases {
      let real = try load(testCase.real)
      let synthetic = try load(testCase.synthetic)
      let categorical = testCase.kinds.filter { $0.value == "categorical" }.map(\.key)
      let schema = try TableSchema.infer(real, overrides: SchemaOverrides(categorical: categorical))
      let tables = try Table.encode(real: real, others: [synthetic], schema: schema)
      let gower = GowerDistance(fittedTo: tables[0])
      // The gower package computes in float32; the float64 definition must match to the last bits.
      let tolerance = testCase.source == "gower package" ? 1e-6 : 1e-15
      for i in 0..<real.rowCount {
        for j in 0..<real.rowCount {
          XCTAssertEqual(
            gower.distance(tables[0], i, tables[0], j), testCase.real_to_real[i][j],
            accuracy: tolerance,
            "\(testCase.name) real \(i), \(j)")
        }
      }
      if let expected = testCase.synthetic_to_real {
        for j in 0..<synthetic.rowCount {
          for i in 0..<real.rowCount {
            XCTAssertEqual(
              gower.distance(tables[1], j, tables[0], i), expected[j][i], accuracy: tolerance,
              "\(testCase.name) synthetic \(j), real \(i)")
          }
        }
      }
    }
  }

  func testTilesEqualTheDefinitionBitForBit() throws {
    for name in ["mixed_complete", "mixed_missing"] {
      let real = try load("\(name)_real.csv")
      let synthetic = try load("\(name)_synth.csv")
      let schema = try TableSchema.infer(real, overrides: SchemaOverrides(categorical: ["stage"]))
      let tables = try Table.encode(real: real, others: [synthetic], schema: schema)
      let gower = GowerDistance(fittedTo: tables[0])
      var seen = 0
      let kernels: [GowerTiles.Kernel] =
        GowerTiles.Kernel.fastest == .avx2 ? [.avx2, .portable] : [.portable]
      for kernel in kernels {
        let values = gower.pass(
          queries: tables[1], references: tables[0], lowerTriangle: false, kernel: kernel,
          progress: nil
        ) { _ in Collector() }
        for collector in values {
          for (j, i, value) in collector.entries {
            let expected = oracle(
              synthetic, j, real, i, real: real, categorical: ["sex", "stage", "smoker"])
            XCTAssertEqual(value, expected, "\(name) \(j), \(i)")
            XCTAssertEqual(value, gower.distance(tables[1], j, tables[0], i))
            XCTAssertEqual(value, gower.distance(tables[0], i, tables[1], j), "symmetric")
            seen += 1
          }
        }
      }
      XCTAssertEqual(seen, kernels.count * real.rowCount * synthetic.rowCount)
    }
  }

  func testNeighboursAgainstSorting() throws {
    let real = try load("mixed_missing_real.csv")
    let schema = try TableSchema.infer(real)
    let table = try Table.encode(real: real, schema: schema)[0]
    let gower = GowerDistance(fittedTo: table)
    let n = table.rowCount
    for k in [1, 3, 7] {
      let radii = gower.kthNeighborDistances(in: table, k: k)
      for i in 0..<n {
        let sorted = (0..<n).filter { $0 != i }.map { gower.distance(table, i, table, $0) }.sorted()
        XCTAssertEqual(radii[i], sorted[k - 1], "k \(k) row \(i)")
      }
    }
    let synthetic = try Table.encode(
      real: real, others: [try load("mixed_missing_synth.csv")], schema: schema)[1]
    let nearest = gower.nearest(from: synthetic, to: table)
    for j in 0..<synthetic.rowCount {
      let all = (0..<n).map { gower.distance(synthetic, j, table, $0) }
      let best = all.min()!
      XCTAssertEqual(nearest.distances[j], best)
      XCTAssertEqual(nearest.indices[j], all.firstIndex(of: best)!, "first index on ties")
    }
  }

  func testHandComputedCases() throws {
    // age range 40 (20…60), ordinal stage ranks 0…2 (range 2), sex categorical.
    let real = try RawTable.parse(
      Array("age,stage,sex\n20,I,f\n60,III,m\n40,II,\n".utf8), file: "r.csv")
    let synthetic = try RawTable.parse(Array("age,stage,sex\n100,I,f\n,,\n".utf8), file: "s.csv")
    let schema = try TableSchema.infer(real, overrides: SchemaOverrides(ordinal: ["stage"]))
    let t = try Table.encode(real: real, others: [synthetic], schema: schema)
    let gower = GowerDistance(fittedTo: t[0])
    XCTAssertEqual(gower.ranges, [40, 2, 0])
    // (|20−60|/40 + |0−2|/2 + 1) / 3 = 1
    XCTAssertEqual(gower.distance(t[0], 0, t[0], 1), 1)
    // (20/40 + 1/2) / 2, sex missing in row 2
    XCTAssertEqual(gower.distance(t[0], 0, t[0], 2), 0.5)
    // 100 leaves the real range: capped at 1; stage and sex equal: (1 + 0 + 0) / 3
    XCTAssertEqual(gower.distance(t[1], 0, t[0], 0), 1.0 / 3)
    // No column present in both: 1
    XCTAssertEqual(gower.distance(t[1], 1, t[0], 0), 1)
    let matrix = gower.matrix(t[0])
    XCTAssertEqual(matrix[1, 0], 1)
    XCTAssertEqual(matrix[2, 0], 0.5)
    XCTAssertEqual(gower.squareMatrix(t[0])[0 * 3 + 2], 0.5)
  }

  func testEuclideanEmbeddingScalesIndicators() throws {
    let real = try RawTable.parse(Array("x,c\n0,a\n2,b\n".utf8), file: "r.csv")
    let t = try Table.encode(real: real, schema: TableSchema.infer(real))[0]
    let embedding = try EuclideanEmbedding(fittedTo: t)
    let cloud = try embedding.apply(to: t)
    XCTAssertEqual(embedding.names, ["x", "c=a", "c=b"])
    // x z-scored: mean 1, sd 1; a category mismatch adds exactly 1 to the squared distance.
    XCTAssertEqual(cloud.rows[0][0], -1)
    let squared = cloud.rows[0].indices.reduce(0.0) {
      $0 + pow(cloud.rows[0][$1] - cloud.rows[1][$1], 2)
    }
    XCTAssertEqual(squared, 4 + 1, accuracy: 1e-15)
  }
}

/// Collects every (query, reference, value) of a pass.
private struct Collector: TileConsumer {
  var entries: [(Int, Int, Double)] = []
  mutating func consume(_ tile: DistanceTile) {
    for q in tile.queries {
      for (offset, value) in tile.row(q).enumerated() {
        entries.append((q, tile.references.lowerBound + offset, value))
      }
    }
  }
}

final class GowerEdgeCaseTests: XCTestCase {
  func testAllMissingAndConstantColumns() throws {
    // `empty` is missing everywhere (numeric, never counted); `flat` is constant in the real
    // sample (range 0: equal or not); the synthetic value 9 of `flat` differs, so it counts 1.
    let real = try RawTable.parse(Array("x,empty,flat\n0,,5\n10,NA,5\n".utf8), file: "r.csv")
    let synthetic = try RawTable.parse(Array("x,empty,flat\n5,,5\n5,,9\n".utf8), file: "s.csv")
    let schema = try TableSchema.infer(real)
    XCTAssertEqual(schema.columns.map(\.kind), [.numeric, .numeric, .numeric])
    XCTAssertEqual(schema.columns[1].missing, 2)
    XCTAssertNil(schema.columns[1].min)
    let t = try Table.encode(real: real, others: [synthetic], schema: schema)
    let gower = GowerDistance(fittedTo: t[0])
    XCTAssertEqual(gower.ranges, [10, 0, 0])
    XCTAssertEqual(gower.distance(t[1], 0, t[0], 0), (0.5 + 0) / 2)
    XCTAssertEqual(gower.distance(t[1], 1, t[0], 0), (0.5 + 1) / 2)
    // The same values from the tiles (both kernels where the CPU has AVX2).
    let radii = gower.kthNeighborDistances(in: t[1], k: 1)
    XCTAssertEqual(radii, [0.5, 0.5])
    let nearest = gower.nearest(from: t[1], to: t[0])
    XCTAssertEqual(nearest.distances, [0.25, 0.75])
    XCTAssertEqual(nearest.indices, [0, 0])
  }
}
