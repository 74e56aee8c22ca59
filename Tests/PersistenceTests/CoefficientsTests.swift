import Foundation
import PointClouds
import Testing

@testable import Persistence

@Suite("Coefficients: the one type, text form and JSON of the coefficient field")
struct CoefficientsTests {
  @Test(
    "the text form parses primes up to 65521 and Q, and prints back the same",
    arguments: [
      ("2", Coefficients.prime(2)), ("3", .prime(3)), ("65521", .prime(65_521)),
      ("Q", .rationals), ("q", .rationals),
    ])
  func parses(text: String, expected: Coefficients) throws {
    let parsed = try Coefficients(parsing: text)
    #expect(parsed == expected)
    #expect(try Coefficients(parsing: parsed.description) == parsed)
  }

  @Test(
    "anything else is refused naming coeff and the allowed values",
    arguments: ["4", "1", "0", "-3", "65537", "65536", "x", "", "1/2", "Z/2", "QQ"])
  func refuses(text: String) {
    #expect {
      try Coefficients(parsing: text)
    } throws: { error in
      guard case .invalidParameter(let name, _, let allowed) = error as? PersistenceError else {
        return false
      }
      return name == "coeff" && allowed == "a prime between 2 and 65521, or Q"
        && (error as! PersistenceError).description.hasPrefix("coeff must be a prime")
    }
  }

  @Test("JSON: a prime is a number, Q the string \"Q\"; decoding validates")
  func json() throws {
    let encoded = try JSONEncoder().encode([Coefficients.prime(3), .rationals])
    #expect(String(decoding: encoded, as: UTF8.self) == #"[3,"Q"]"#)
    let decoded = try JSONDecoder().decode(
      [Coefficients].self, from: Data(#"[5, "Q", "7"]"#.utf8))
    #expect(decoded == [.prime(5), .rationals, .prime(7)])
    #expect(throws: DecodingError.self) {
      try JSONDecoder().decode([Coefficients].self, from: Data("[4]".utf8))
    }
  }

  @Test("field names: Z/p and Q")
  func fieldNames() {
    #expect(Coefficients.prime(5).fieldName == "Z/5")
    #expect(Coefficients.rationals.fieldName == "Q")
  }
}

@Suite("TorsionCheck.compute: the diagrams over Z/2, Z/3 and Q and their report")
struct TorsionCheckComputeTests {
  @Test("the projective plane: Z/2 alone has the H1 and H2 bars [1, 2); Q agrees with Z/3")
  func projectivePlane() throws {
    let matrix = DistanceMatrix(
      count: 13, lowerTriangle: ExactFixtures.projectivePlaneLowerTriangle)
    var seen: [Coefficients] = []
    let report = try TorsionCheck.compute(
      .dense(matrix), options: RipsOptions(maxDimension: 2, coefficients: .prime(5))
    ) { field, result in
      seen.append(field)
      #expect(result.points == 13)
    }
    #expect(seen == [.prime(2), .prime(3), .rationals])
    #expect(report.fields == ["Z/2", "Z/3", "Q"])
    #expect(report.maxdim == 2 && report.points == 13 && report.threshold == 2)
    #expect(!report.agree && report.differing_dimensions == [1, 2])
    #expect(report.differences.map(\.dimension) == [1, 2])
    for difference in report.differences {
      #expect(difference.birth == 1 && difference.death == 2)
      #expect(difference.multiplicities == ["Z/2": 1, "Z/3": 0, "Q": 0])
    }
    #expect(report.fieldsAgreeing(with: "Q") == ["Z/3", "Q"])
    #expect(report.fieldsAgreeing(with: "Z/2") == ["Z/2"])
    #expect(report.diagrams["Q"]?[1].pairs.isEmpty == true)
    #expect(report.diagrams["Z/2"]?[2].pairs == [PersistencePair(birth: 1, death: 2)])
    let decoded = try JSONDecoder().decode(
      TorsionCheckReport.self, from: JSONEncoder().encode(report))
    #expect(decoded == report)
  }
}
