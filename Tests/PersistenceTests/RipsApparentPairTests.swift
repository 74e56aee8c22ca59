import PointClouds
import Testing
import _TestSupport

@testable import Persistence

/// The Rips filtrations' own apparent-pair searches (`zeroApparentCofacet`, `zeroApparentFacet`)
/// give, for every simplex, what the definition gives with the cofacet and facet enumerations.
@Suite("Rips apparent pairs")
struct RipsApparentPairTests {
  /// A distance matrix of `count` points; with `grid`, distances are multiples of 1/4 (many
  /// ties, so that simplices share values and several edges attain a diameter).
  static func matrix(seed: UInt64, count: Int, grid: Bool) -> DistanceMatrix {
    var generator = SeededGenerator(seed: seed)
    if grid {
      let entries = (0..<(count * (count - 1) / 2)).map { _ in
        Double(1 + generator.nextInt(below: 8)) / 4
      }
      return DistanceMatrix(count: count, lowerTriangle: entries)
    }
    let coordinates = (0..<(count * 3)).map { _ in generator.nextGaussian() }
    return DistanceMatrix(PointCloud(count: count, dimension: 3, coordinates: coordinates))
  }

  /// Checks both searches against the definition on every simplex of dimensions 1…3.
  static func assertAgree<F: Filtration>(_ filtration: F) -> (cofacets: Int, facets: Int) {
    var found = (cofacets: 0, facets: 0)
    for dimension in 1...3 {
      filtration.forEachSimplex(ofDimension: dimension, part: 0, of: 1) { simplex in
        let cofacet = filtration.zeroApparentCofacet(of: simplex, dimension: dimension)
        let expected = filtration.enumeratedZeroApparentCofacet(of: simplex, dimension: dimension)
        #expect(cofacet?.index == expected?.index && cofacet?.value == expected?.value)
        if cofacet != nil { found.cofacets += 1 }
        let facet = filtration.zeroApparentFacet(of: simplex, dimension: dimension)
        let expectedFacet = filtration.enumeratedZeroApparentFacet(
          of: simplex, dimension: dimension)
        #expect(facet?.facet.index == expectedFacet?.facet.index)
        #expect(facet?.facet.value == expectedFacet?.facet.value)
        #expect(facet?.negative == expectedFacet?.negative)
        if facet != nil { found.facets += 1 }
      }
    }
    return found
  }

  @Test(
    "dense: the same pairs as the enumerations, with and without ties",
    arguments: [(31, false), (32, true), (33, true)] as [(UInt64, Bool)])
  func dense(seed: UInt64, grid: Bool) throws {
    let matrix = Self.matrix(seed: seed, count: 24, grid: grid)
    for threshold in [matrix.enclosingRadius, 0.75 * matrix.enclosingRadius] {
      let filtration = try DenseRipsFiltration<Int>(
        matrix: matrix, threshold: threshold, maxDimension: 3)
      let found = Self.assertAgree(filtration)
      #expect(found.cofacets > 100 && found.facets > 100)
    }
  }

  @Test(
    "sparse: the same pairs as the enumerations, with and without ties",
    arguments: [(41, false), (42, true)] as [(UInt64, Bool)])
  func sparse(seed: UInt64, grid: Bool) throws {
    let matrix = Self.matrix(seed: seed, count: 28, grid: grid)
    let sparse = SparseDistanceMatrix(matrix, threshold: 0.8 * matrix.enclosingRadius, threads: 1)
    let found = Self.assertAgree(try SparseRipsFiltration<Int>(matrix: sparse, maxDimension: 3))
    #expect(found.cofacets > 100 && found.facets > 100)
  }

  /// 90 points of the integer lattice 0..<12 × 0..<12 (some repeated): ties among distances,
  /// insertion radii and simplex values.
  static func latticeCloud(seed: UInt64) -> PointCloud {
    var generator = SeededGenerator(seed: seed)
    return PointCloud(
      rows: (0..<90).map { _ in
        [Double(generator.nextInt(below: 12)), Double(generator.nextInt(below: 12))]
      })
  }

  @Test(
    "sparse approximation with its blocker: the same pairs as the enumerations",
    arguments: ["torus60", "circles70", "uniform50", "lattice"])
  func blocked(cloud: String) throws {
    for epsilon in [0.3, 0.5, 0.8] {
      let approximation = SparseRipsApproximation(
        try cloud == "lattice" ? Self.latticeCloud(seed: 61) : SparseRipsReference.cloud(cloud),
        metric: .euclidean, epsilon: epsilon, threshold: .infinity, threads: 1)
      let blocker = try #require(approximation.blocker)
      let filtration = try SparseRipsFiltration<Int>(
        matrix: approximation.matrix, maxDimension: 3, blocker: blocker)
      let found = Self.assertAgree(filtration)
      #expect(found.cofacets > 50 && found.facets > 50, "\(cloud) ε \(epsilon): \(found)")
      // The blocker must matter here: the flag complex on the same graph has more simplices.
      // The cofacets enumerated are the flag complex's that the blocker lets in.
      let flag = try SparseRipsFiltration<Int>(matrix: approximation.matrix, maxDimension: 3)
      var (kept, cliques) = (0, 0)
      for dimension in 1...3 {
        filtration.forEachSimplex(ofDimension: dimension, part: 0, of: 1) { simplex in
          kept += 1
          guard dimension < 3 else { return }
          var cofacets: [Int] = []
          filtration.forEachCofacet(of: simplex, dimension: dimension) { cofacet, _ in
            cofacets.append(cofacet.index)
            return true
          }
          var expected: [Int] = []
          flag.forEachCofacet(of: simplex, dimension: dimension) { cofacet, _ in
            var vertices = [Int](repeating: 0, count: dimension + 2)
            vertices.withUnsafeMutableBufferPointer {
              flag.binomials.decode(cofacet.index, dimension: dimension + 1, into: $0.baseAddress!)
            }
            if !blocker.blocks(value: cofacet.value, youngestVertex: vertices[0]) {
              expected.append(cofacet.index)
            }
            return true
          }
          #expect(cofacets == expected)
        }
        flag.forEachSimplex(ofDimension: dimension, part: 0, of: 1) { _ in cliques += 1 }
      }
      #expect(cliques > kept, "\(cloud) ε \(epsilon)")
    }
  }

  @Test("wide indices: the same pairs as the enumerations")
  func wide() throws {
    let matrix = Self.matrix(seed: 51, count: 20, grid: true)
    let filtration = try DenseRipsFiltration<WideSimplexIndex>(
      matrix: matrix, threshold: matrix.enclosingRadius, maxDimension: 3)
    let found = Self.assertAgree(filtration)
    #expect(found.cofacets > 100 && found.facets > 100)
  }
}
