import DiagramDistances
import Foundation
import Persistence
import Testing
import _TestSupport

/// One case of `Resources/references.json` (made by `Resources/make_references.py` with GUDHI,
/// Hera, POT and scipy's `linear_sum_assignment`).
struct ReferenceCase: Decodable, CustomTestStringConvertible, Sendable {
  struct WassersteinValue: Decodable, Sendable {
    var q: Double
    var p: Double?
    var value: Double?
  }
  var name: String
  var a: [PersistencePair]
  var b: [PersistencePair]
  var bottleneck: Double?
  var wasserstein: [WassersteinValue]
  var testDescription: String { name }
}

let referenceCases: [ReferenceCase] = {
  struct File: Decodable { var cases: [ReferenceCase] }
  let path = resourcePath("references.json", in: Bundle.module)
  let data = FileManager.default.contents(atPath: path)!
  return try! JSONDecoder().decode(File.self, from: data).cases
}()

@Suite("Agreement with GUDHI, Hera, POT and scipy reference values")
struct ReferenceTests {
  @Test("exact bottleneck equals gudhi.bottleneck_distance(e=0) to 1e-9", arguments: referenceCases)
  func bottleneck(_ c: ReferenceCase) throws {
    let (a, b) = (
      PersistenceDiagram(dimension: 1, pairs: c.a), PersistenceDiagram(dimension: 1, pairs: c.b)
    )
    let value = try Bottleneck.distance(a, b)
    #expect(isClose(value, c.bottleneck ?? .infinity, relative: 1e-9))
  }

  @Test(
    "exact Wasserstein equals linear_sum_assignment to 1e-9; the auction is within 1 %",
    arguments: referenceCases)
  func wasserstein(_ c: ReferenceCase) throws {
    let (a, b) = (
      PersistenceDiagram(dimension: 1, pairs: c.a), PersistenceDiagram(dimension: 1, pairs: c.b)
    )
    for reference in c.wasserstein {
      let expected = reference.value ?? .infinity
      let p = reference.p ?? .infinity
      let exact = try Wasserstein.distance(a, b, order: reference.q, internalP: p, method: .exact)
      #expect(isClose(exact, expected, relative: 1e-9), "q=\(reference.q) p=\(p)")
      let auction = try Wasserstein.distance(
        a, b, order: reference.q, internalP: p, relativeError: 0.01, method: .auction)
      #expect(
        expected.isInfinite
          ? auction.isInfinite : (auction >= expected * (1 - 1e-9) && auction <= expected * 1.01))
    }
  }
}
