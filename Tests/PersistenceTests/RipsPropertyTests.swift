import Datasets
import PointClouds
import Testing
import _TestSupport

@testable import Persistence

/// Invariances of the engine: the barcode depends on the metric space only, not on the order of
/// the points, the number of threads or the representation (dense or sparse).
@Suite("Vietoris–Rips invariances")
struct RipsPropertyTests {
  static func cloud(seed: UInt64, count: Int = 40) -> PointCloud {
    var generator = SeededGenerator(seed: seed)
    let coordinates = (0..<(count * 3)).map { _ in generator.nextGaussian() }
    return PointCloud(count: count, dimension: 3, coordinates: coordinates)
  }

  static func assertSame(_ a: [PersistenceDiagram], _ b: [PersistenceDiagram]) {
    #expect(a.count == b.count)
    for (x, y) in zip(a, b) {
      #expect(barsMatch(x.pairs, y.pairs, relative: 1e-12), "H\(x.dimension)")
    }
  }

  @Test("permuting the points changes nothing", arguments: [1, 2, 3] as [UInt64])
  func permutation(seed: UInt64) throws {
    let cloud = Self.cloud(seed: seed)
    var generator = SeededGenerator(seed: seed + 100)
    var order = Array(0..<cloud.count)
    for i in stride(from: order.count - 1, to: 0, by: -1) {
      order.swapAt(i, generator.nextInt(below: i + 1))
    }
    let options = RipsOptions(maxDimension: 2, threads: 1)
    let original = try RipsPersistence.diagrams(cloud, options: options)
    let permuted = try RipsPersistence.diagrams(cloud.selecting(points: order), options: options)
    Self.assertSame(original, permuted)
    #expect(original[1].pairs.count > 0)
  }

  @Test(
    "one, two and three threads give the same diagrams",
    arguments: [(2, nil), (3, 1.3)] as [(Int, Double?)])
  func threads(modulus: Int, threshold: Double?) throws {
    let cloud = Self.cloud(seed: 9, count: 60)
    let results = try [1, 2, 3].map { threads in
      try RipsPersistence.diagrams(
        cloud,
        options: RipsOptions(
          maxDimension: 2, coefficients: .prime(modulus), threshold: threshold, threads: threads))
    }
    Self.assertSame(results[0], results[1])
    Self.assertSame(results[0], results[2])
  }

  @Test("the dense and the sparse filtrations give the same diagrams", arguments: [0.9, 1.4, 2.5])
  func denseEqualsSparse(threshold: Double) throws {
    let matrix = DistanceMatrix(Self.cloud(seed: 5, count: 45))
    let dense = try DenseRipsFiltration<Int>(matrix: matrix, threshold: threshold, maxDimension: 2)
    let sparse = try SparseRipsFiltration<Int>(
      matrix: SparseDistanceMatrix(matrix, threshold: threshold), maxDimension: 2)
    for modulus in [2, 5] {
      let field = try PrimeField(modulus: modulus)
      Self.assertSame(
        PersistentCohomology.diagrams(of: dense, field: field, maxDimension: 2, threads: 1),
        PersistentCohomology.diagrams(of: sparse, field: field, maxDimension: 2, threads: 2))
    }
  }

  @Test("Z/2 as BinaryField and as PrimeField agree")
  func binaryFieldEqualsPrimeFieldTwo() throws {
    let matrix = DistanceMatrix(Self.cloud(seed: 6))
    let filtration = try DenseRipsFiltration<Int>(
      matrix: matrix, threshold: matrix.enclosingRadius, maxDimension: 2)
    Self.assertSame(
      PersistentCohomology.diagrams(of: filtration, field: BinaryField(), maxDimension: 2),
      PersistentCohomology.diagrams(
        of: filtration, field: try PrimeField(modulus: 2), maxDimension: 2))
  }

  @Test("facets and cofacets agree on indices, values and signs")
  func enumeratorsAgree() throws {
    let matrix = DistanceMatrix(Self.cloud(seed: 7, count: 12))
    let dense = try DenseRipsFiltration<Int>(matrix: matrix, threshold: 2.5, maxDimension: 2)
    let sparse = try SparseRipsFiltration<Int>(
      matrix: SparseDistanceMatrix(matrix, threshold: 2.5), maxDimension: 2)
    for dimension in 1...2 {
      var simplices: [FilteredSimplex<Int>] = []
      dense.forEachSimplex(ofDimension: dimension, part: 0, of: 1) { simplices.append($0) }
      var sparseSimplices: [FilteredSimplex<Int>] = []
      sparse.forEachSimplex(ofDimension: dimension, part: 0, of: 1) { sparseSimplices.append($0) }
      #expect(Set(simplices.map(\.index)) == Set(sparseSimplices.map(\.index)))
      for simplex in simplices {
        var previous = Int.min
        dense.forEachFacet(of: simplex, dimension: dimension) { facet, negative in
          #expect(facet.index > previous, "facets in increasing index order")
          previous = facet.index
          #expect(facet.value <= simplex.value)
          // The facet lists `simplex` among its cofacets with the same sign.
          for filtration in [dense] {
            var found = false
            var last = Int.max
            filtration.forEachCofacet(of: facet, dimension: dimension - 1) { cofacet, sign in
              #expect(cofacet.index < last, "cofacets in decreasing index order")
              last = cofacet.index
              if cofacet.index == simplex.index {
                found = true
                #expect(sign == negative && cofacet.value == simplex.value)
              }
              return true
            }
            #expect(found)
          }
          var sparseFound = false
          sparse.forEachCofacet(of: facet, dimension: dimension - 1) { cofacet, sign in
            if cofacet.index == simplex.index {
              sparseFound = true
              #expect(sign == negative && cofacet.value == simplex.value)
            }
            return true
          }
          #expect(sparseFound)
          return true
        }
      }
    }
  }
}

@Suite("Vietoris–Rips bad input")
struct RipsBadInputTests {
  @Test(
    "invalid options are rejected with the parameter's name",
    arguments: [
      (RipsOptions(maxDimension: -1), "maxdim"), (RipsOptions(threshold: 0), "threshold"),
      (RipsOptions(threshold: -2), "threshold"), (RipsOptions(threshold: .nan), "threshold"),
      (RipsOptions(coefficients: .prime(1)), "coeff"),
      (RipsOptions(coefficients: .prime(9)), "coeff"),
      (RipsOptions(coefficients: .prime(65_537)), "coeff"), (RipsOptions(threads: 0), "threads"),
    ])
  func invalidOptions(options: RipsOptions, name: String) throws {
    let cloud = PointCloud(rows: [[0, 0], [1, 1]])
    #expect {
      try RipsPersistence.compute(cloud, options: options)
    } throws: { error in
      guard case .invalidParameter(let parameter, _, _) = error as? PersistenceError else {
        return false
      }
      return parameter == name
    }
  }

  @Test("a negative or NaN distance is rejected", arguments: [-1.0, .nan])
  func badDistance(value: Double) {
    let matrix = DistanceMatrix(count: 3, lowerTriangle: [1, value, 1])
    #expect(throws: PersistenceError.self) { try RipsPersistence.compute(matrix) }
    #expect(throws: PersistenceError.self) {
      try SparseDistanceMatrix(count: 3, pairs: [(0, 1, value)])
    }
  }

  @Test("an empty matrix and an empty cloud are too few points")
  func empty() {
    #expect(throws: PersistenceError.self) {
      try RipsPersistence.compute(DistanceMatrix(count: 0, lowerTriangle: []))
    }
    #expect(throws: PersistenceError.self) {
      try RipsPersistence.compute(PointCloud(count: 0, dimension: 2, coordinates: []))
    }
  }

  @Test("a sparse pair listed twice with two distances, or out of range, is rejected")
  func sparseDefects() {
    #expect(throws: PersistenceError.self) {
      try SparseDistanceMatrix(count: 3, pairs: [(0, 1, 1), (1, 0, 2)])
    }
    #expect(throws: PersistenceError.self) {
      try SparseDistanceMatrix(count: 2, pairs: [(0, 2, 1)])
    }
  }

  @Test("indices that would overflow 64 bits are a typed error, not a crash")
  func overflow() {
    #expect {
      try BinomialTable<Int>(vertexCount: 200_000, maxK: 5)
    } throws: { error in
      if case .indexOverflow(let points, let vertices, _, _) = error as? PersistenceError {
        return points == 200_000 && vertices == 5
      }
      return false
    }
    // Ripser's limits: 121 977 points fit dimension 2 (C(n, 4) < 2^63).
    #expect(throws: Never.self) { try BinomialTable<Int>(vertexCount: 121_977, maxK: 4) }
    #expect(throws: PersistenceError.self) { try BinomialTable<Int>(vertexCount: 121_978, maxK: 4) }
  }

  @Test("the prime field's inverses are inverses")
  func inverses() throws {
    for p in [2, 3, 5, 251, 65_521] {
      let field = try PrimeField(modulus: p)
      for a in stride(from: 1, to: p, by: max(1, p / 500)) {
        #expect(field.product(UInt32(a), field.inverse(UInt32(a))) == 1)
      }
    }
  }
}
