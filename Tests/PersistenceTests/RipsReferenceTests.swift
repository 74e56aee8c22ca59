import Foundation
import PointClouds
import Testing
import _TestSupport

@testable import Persistence

/// One reference barcode written by `Resources/make_references.py`.
struct ReferenceCase: Decodable, CustomTestStringConvertible, Sendable {
  var name: String
  var file: String
  var format: String
  var maxdim: Int
  var modulus: Int
  var threshold: Double?
  var tool: String
  var diagrams: [[[Double?]]]

  var testDescription: String { "\(name) (\(tool))" }

  /// The bars of dimension k.
  func bars(_ k: Int) -> [PersistencePair] {
    diagrams[k].map { PersistencePair(birth: $0[0]!, death: $0[1] ?? .infinity) }
  }

  static let all: [ReferenceCase] = {
    struct File: Decodable { var cases: [ReferenceCase] }
    let path = resourcePath("references.json", in: Bundle.module)
    let data = try! Data(contentsOf: URL(fileURLWithPath: path))
    return try! JSONDecoder().decode(File.self, from: data).cases
  }()

  /// Reads the case's input file.
  func input() throws -> RipsInput {
    let path = resourcePath(file, in: Bundle.module)
    if format == "csv" { return .cloud(try PointCloud.read(contentsOf: path)) }
    return try #require(RipserInputFormat(name: format)).read(contentsOf: path)
  }
}

/// Every reference input, computed with its parameters, equals the peer's barcode as a multiset
/// (relative tolerance 1e-6: Ripser works in float32).
@Suite("Vietoris–Rips against Ripser and GUDHI reference barcodes")
struct RipsReferenceTests {
  /// Cases whose top dimension is too slow for a debug build: only the lower dimensions are
  /// compared here (the full case runs in the benchmarks).
  static let debugDimensionCap = ["sphere_3_192": 1]

  static func compute(_ reference: ReferenceCase, maxdim: Int, threads: Int) throws -> RipsResult {
    let options = RipsOptions(
      maxDimension: maxdim,
      coefficients: reference.modulus == 0 ? .rationals : .prime(reference.modulus),
      threshold: reference.threshold,
      threads: threads)
    switch try reference.input() {
    case .cloud(let cloud):
      let metric: Metric =
        reference.name.contains("manhattan")
        ? .manhattan
        : reference.name.contains("chebyshev") ? .chebyshev : .euclidean
      return try RipsPersistence.compute(cloud, metric: metric, options: options)
    case .dense(let matrix): return try RipsPersistence.compute(matrix, options: options)
    case .sparse(let matrix): return try RipsPersistence.compute(matrix, options: options)
    }
  }

  @Test("the barcode equals the reference", arguments: ReferenceCase.all)
  func matchesReference(reference: ReferenceCase) throws {
    let maxdim = min(reference.maxdim, Self.debugDimensionCap[reference.name] ?? .max)
    for threads in [1, 2] {
      let result = try Self.compute(reference, maxdim: maxdim, threads: threads)
      #expect(result.diagrams.count == maxdim + 1)
      for k in 0...maxdim {
        let ours = result.diagrams[k].pairs
        let expected = reference.bars(k)
        #expect(
          barsMatch(ours, expected, relative: 1e-6),
          "H\(k) with \(threads) thread(s): \(ours.count) bars, expected \(expected.count)")
      }
    }
  }

  @Test("Z/2 and Z/3 differ on the projective plane: torsion in H1")
  func projectivePlaneTorsion() throws {
    let cases = ReferenceCase.all.filter { $0.name.hasPrefix("projective_plane_p") }
    #expect(cases.count == 2)
    for reference in cases {
      let result = try Self.compute(reference, maxdim: 2, threads: 1)
      let expected = reference.modulus == 2 ? 1 : 0
      #expect(result.diagrams[1].pairs.count == expected)
      #expect(result.diagrams[2].pairs.count == expected)
    }
  }
}
