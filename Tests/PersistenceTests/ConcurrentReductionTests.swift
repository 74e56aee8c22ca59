import PointClouds
import Testing
import _TestSupport

@testable import Persistence

/// The lock-free reduction and its working column: the diagrams do not depend on the order in
/// which columns are reduced, and the radix working column sums terms like a plain dictionary.
@Suite("Concurrent reduction")
struct ConcurrentReductionTests {
  static func filtration(seed: UInt64, count: Int) throws -> DenseRipsFiltration<Int> {
    var generator = SeededGenerator(seed: seed)
    let coordinates = (0..<(count * 3)).map { _ in generator.nextGaussian() }
    let matrix = DistanceMatrix(PointCloud(count: count, dimension: 3, coordinates: coordinates))
    return try DenseRipsFiltration<Int>(
      matrix: matrix, threshold: matrix.enclosingRadius, maxDimension: 2)
  }

  static func diagrams<K: CoefficientField>(
    _ filtration: DenseRipsFiltration<Int>, field: K, threads: Int, lastFirst: Bool
  ) -> [PersistenceDiagram] {
    var reducer = CohomologyReducer(
      filtration: filtration, field: field, threads: threads, progress: nil, lastFirst: lastFirst)
    return reducer.run(maxDimension: 2)
  }

  static func assertSame(_ a: [PersistenceDiagram], _ b: [PersistenceDiagram]) {
    #expect(a.count == b.count)
    for (x, y) in zip(a, b) {
      // Same columns, same pivots: the bars match exactly and in the same order.
      #expect(x.pairs.map(\.birth) == y.pairs.map(\.birth), "H\(x.dimension) births")
      #expect(x.pairs.map(\.death) == y.pairs.map(\.death), "H\(x.dimension) deaths")
    }
  }

  @Test(
    "columns reduced last first (every collision a take-over) or by 4 threads give the in-order diagrams",
    arguments: [(2, 15), (3, 12), (5, 13)] as [(Int, UInt64)])
  func orderDoesNotMatter(modulus: Int, seed: UInt64) throws {
    let filtration = try Self.filtration(seed: seed, count: 45)
    let field = try PrimeField(modulus: modulus)
    let inOrder = Self.diagrams(filtration, field: field, threads: 1, lastFirst: false)
    #expect(inOrder[1].pairs.count > 3 && inOrder[2].pairs.count > 0)
    Self.assertSame(inOrder, Self.diagrams(filtration, field: field, threads: 1, lastFirst: true))
    Self.assertSame(inOrder, Self.diagrams(filtration, field: field, threads: 4, lastFirst: false))
    Self.assertSame(inOrder, Self.diagrams(filtration, field: field, threads: 4, lastFirst: true))
  }

  @Test("last-first reduction over Z/2 matches the in-order one")
  func lastFirstBinary() throws {
    let filtration = try Self.filtration(seed: 14, count: 50)
    Self.assertSame(
      Self.diagrams(filtration, field: BinaryField(), threads: 1, lastFirst: false),
      Self.diagrams(filtration, field: BinaryField(), threads: 2, lastFirst: true))
  }

  @Test(
    "the working column yields the non-zero sums in filtration order",
    arguments: [21, 22, 23] as [UInt64])
  func workingColumnMatchesDictionary(seed: UInt64) throws {
    let field = try PrimeField(modulus: 5)
    var generator = SeededGenerator(seed: seed)
    // A value per simplex, on a coarse grid (many ties) over several binary orders of magnitude.
    let values = (0..<2000).map { _ in
      Double(1 + generator.nextInt(below: 40)) * [0.001, 0.5, 3, 700][generator.nextInt(below: 4)]
    }
    // The simplices in filtration order; a new term comes strictly after the latest pivot
    // (pivots only move forward), if any simplex does.
    let ordered = values.indices.map { FilteredSimplex(value: values[$0], index: $0) }
      .sorted { $0.precedes($1) }
    let position = Dictionary(uniqueKeysWithValues: ordered.enumerated().map { ($1.index, $0) })
    var later = 0
    func randomSimplex() -> FilteredSimplex<Int>? {
      later < ordered.count ? ordered[later + generator.nextInt(below: ordered.count - later)] : nil
    }
    var column = WorkingColumn<Int, UInt32>()
    var sums: [Int: (value: Double, coefficient: UInt32)] = [:]
    func add(_ simplex: FilteredSimplex<Int>, _ coefficient: UInt32) {
      column.push(Term(simplex, coefficient))
      let old = sums[simplex.index]?.coefficient ?? 0
      sums[simplex.index] = (simplex.value, field.sum(old, coefficient))
    }
    for round in 0..<300 {
      for _ in 0..<(1 + generator.nextInt(below: 30)) {
        if let simplex = randomSimplex() { add(simplex, UInt32(1 + generator.nextInt(below: 4))) }
      }
      if round % 3 == 0 {
        // A pair that cancels, possibly before the frontier (as in a column addition).
        let early = FilteredSimplex(value: 0.0005 * Double(round % 7), index: values.count + round)
        add(early, 2)
        add(early, 3)
      }
      let expected = sums.filter { $0.value.coefficient != 0 }
        .map { (FilteredSimplex(value: $0.value.value, index: $0.key), $0.value.coefficient) }
        .min { $0.0.precedes($1.0) }
      let pivot = column.pivot(in: field)
      #expect(pivot?.simplex.index == expected?.0.index && pivot?.coefficient == expected?.1)
      guard let pivot else { continue }
      // Cancel the pivot, as a reduction step does, so that the next pivot comes later.
      add(pivot.simplex, field.negation(pivot.coefficient))
      later = position[pivot.simplex.index]! + 1
      sums[pivot.simplex.index] = nil
    }
  }
}
