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

  @Test("wide indices: the same pairs as the enumerations")
  func wide() throws {
    let matrix = Self.matrix(seed: 51, count: 20, grid: true)
    let filtration = try DenseRipsFiltration<WideSimplexIndex>(
      matrix: matrix, threshold: matrix.enclosingRadius, maxDimension: 3)
    let found = Self.assertAgree(filtration)
    #expect(found.cofacets > 100 && found.facets > 100)
  }
}
