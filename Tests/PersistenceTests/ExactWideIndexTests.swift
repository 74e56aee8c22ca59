import Datasets
import ExactArithmetic
import PointClouds
import Testing

@testable import Persistence

extension ExactFixtures {
  /// The vertices ±eᵢ of the cross-polytope in R^(k+1), whose Rips complex below distance 2 is its
  /// boundary, the sphere S^k, followed by `isolated` points far away on the first axis.
  static func crossPolytope(sphereDimension k: Int, isolated: Int) -> PointCloud {
    let dimension = k + 1
    var coordinates: [Double] = []
    for i in 0..<dimension {
      for sign in [1.0, -1.0] {
        var point = [Double](repeating: 0, count: dimension)
        point[i] = sign
        coordinates += point
      }
    }
    for j in 0..<isolated {
      var point = [Double](repeating: 0, count: dimension)
      point[0] = 100 + 10 * Double(j)
      coordinates += point
    }
    return PointCloud(
      count: 2 * dimension + isolated, dimension: dimension, coordinates: coordinates)
  }
}

@Suite("Simplex indices wider than 64 bits")
struct ExactWideIndexTests {
  @Test("The narrowest width follows C(n, maxDimension + 2) across 2⁶³ and 2¹²⁸")
  func narrowest() {
    // Ripser's limits: dimension 2 up to 121 977 points, dimension 3 up to 16 175.
    #expect(SimplexIndexWidth.narrowest(vertexCount: 121_977, maxDimension: 2) == .bits64)
    #expect(SimplexIndexWidth.narrowest(vertexCount: 121_978, maxDimension: 2) == .bits128)
    #expect(SimplexIndexWidth.narrowest(vertexCount: 16_175, maxDimension: 3) == .bits64)
    #expect(SimplexIndexWidth.narrowest(vertexCount: 16_176, maxDimension: 3) == .bits128)
    // By hand: C(300, 27) < 2^128 ≤ C(300, 28).
    #expect(
      BigInteger.binomial(300, 27).bitWidth <= 128 && BigInteger.binomial(300, 28).bitWidth > 128)
    #expect(SimplexIndexWidth.narrowest(vertexCount: 300, maxDimension: 25) == .bits128)
    #expect(SimplexIndexWidth.narrowest(vertexCount: 300, maxDimension: 26) == .unbounded)
    #expect(SimplexIndexWidth.narrowest(vertexCount: 10, maxDimension: 30) == .bits64)
  }

  @Test("WideSimplexIndex arithmetic, order and overflow agree with UInt128")
  func wideIndexArithmetic() {
    var random = SeededGenerator(seed: 128)
    var values: [UInt128] = [
      0, 1, UInt128(UInt64.max), UInt128(UInt64.max) + 1, .max, .max - 1, UInt128(Int.max),
    ]
    for _ in 0..<20 {
      values.append(UInt128(random.next()) << (random.next() % 65) | UInt128(random.next()))
    }
    for a in values {
      let x = WideSimplexIndex(a)
      #expect(x.value == a && x.intValue == Int(exactly: a))
      for b in values {
        let y = WideSimplexIndex(b)
        let (sum, overflow) = a.addingReportingOverflow(b)
        #expect(x.adding(y)?.value == (overflow ? nil : sum))
        if !overflow { #expect((x + y).value == sum) }
        if b <= a { #expect((x - y).value == a - b) }
        #expect((x < y) == (a < b) && (x == y) == (a == b))
      }
    }
    #expect(WideSimplexIndex(exactly: -1) == nil && WideSimplexIndex(exactly: 7)?.value == 7)
    #expect(WideSimplexIndex(UInt128.max).description == UInt128.max.description)
    #expect(MemoryLayout<FilteredSimplex<WideSimplexIndex>>.stride == 24)
  }

  @Test(
    "Every width gives the same diagrams on the same problem (sphere, dimension 2)",
    arguments: [SimplexIndexWidth.bits128, .unbounded])
  func widthsAgree(width: SimplexIndexWidth) throws {
    var random = SeededGenerator(seed: 5)
    let matrix = DistanceMatrix(BaseDistribution.sphere.sample(count: 40, using: &random).cloud)
    for coefficients in [Coefficients.prime(2), .rationals] {
      let narrow = try ExactFixtures.diagrams(matrix, coefficients: coefficients, width: .bits64)
      #expect(
        ExactFixtures.sameBars(
          narrow, try ExactFixtures.diagrams(matrix, coefficients: coefficients, width: width)))
    }
  }

  @Test(
    "S⁸ among 400 points at dimension 8 needs 128-bit indices; the sub-problem agrees with 64-bit")
  func needs128() throws {
    let cloud = ExactFixtures.crossPolytope(sphereDimension: 8, isolated: 382)
    let options = RipsOptions(maxDimension: 8, coefficients: .rationals, threshold: 1.9)
    let result = try RipsPersistence.compute(cloud, options: options)
    #expect(result.indexWidth == .bits128)
    let sub = try RipsPersistence.compute(cloud.selecting(points: Array(0..<18)), options: options)
    #expect(sub.indexWidth == .bits64)
    #expect(result.diagrams[1...].map(\.pairs) == sub.diagrams[1...].map(\.pairs))
    // By hand: 17 merges at √2, 383 components, one essential S⁸ class born at √2.
    #expect(result.diagrams[0].finitePairs.count == 17 && result.diagrams[0].essentialCount == 383)
    #expect(
      result.diagrams[8].pairs == [PersistencePair(birth: 2.0.squareRoot(), death: .infinity)])
    #expect(result.diagrams[1..<8].allSatisfy { $0.pairs.isEmpty })
    var forced = options
    forced.indexWidth = .bits64
    #expect(throws: PersistenceError.self) { try RipsPersistence.compute(cloud, options: forced) }
  }

  @Test("S³ among 300 points at dimension 26 needs GMP indices; the sub-problem agrees with 64-bit")
  func needsGMP() throws {
    let cloud = ExactFixtures.crossPolytope(sphereDimension: 3, isolated: 292)
    let options = RipsOptions(maxDimension: 26, coefficients: .prime(2), threshold: 1.9)
    let result = try RipsPersistence.compute(cloud, options: options)
    #expect(result.indexWidth == .unbounded)
    let sub = try RipsPersistence.compute(
      cloud.selecting(points: Array(0..<8)), options: RipsOptions(maxDimension: 3, threshold: 1.9))
    #expect(sub.indexWidth == .bits64)
    #expect(result.diagrams[1...3].map(\.pairs) == sub.diagrams[1...3].map(\.pairs))
    #expect(
      result.diagrams[3].pairs == [PersistencePair(birth: 2.0.squareRoot(), death: .infinity)])
    #expect(result.diagrams[4...].allSatisfy { $0.pairs.isEmpty })
    #expect(result.diagrams[0].finitePairs.count == 7 && result.diagrams[0].essentialCount == 293)
    var forced = options
    forced.indexWidth = .bits128
    #expect(throws: PersistenceError.self) { try RipsPersistence.compute(cloud, options: forced) }
  }
}
