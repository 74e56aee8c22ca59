import Foundation
import Testing
import _TestSupport

/// Every command on extreme magnitudes and on small files that declare huge work: the right
/// answer (exit 0), or exit 2 with one line on stderr (issue 21).
@Suite("Extreme and oversized inputs through every command")
struct ExtremeInputCommandTests {
  static let points: [(Double, Double)] = [
    (0, 0), (1, 0), (0, 1), (1, 1), (0.5, 0.2), (0.3, 0.9), (0.8, 0.6),
  ]

  /// The cloud above with every coordinate multiplied by `factor`.
  static func scaled(_ factor: Double) -> String {
    points.map { "\($0.0 * factor),\($0.1 * factor)" }.joined(separator: "\n") + "\n"
  }

  /// The deaths of every diagram of a `rips --json` or `diagrams --json` report, by dimension.
  static func deaths(_ json: String, sample: String? = nil) throws -> [[Double?]] {
    let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any]
    let report = sample.map { object[$0] as! [String: Any] } ?? object
    return (report["diagrams"] as! [[String: Any]]).map { diagram in
      (diagram["pairs"] as! [[Any]]).map { ($0[1] as? NSNumber)?.doubleValue }
    }
  }

  /// Expects exit status 2 and one stderr line containing `expected`.
  static func expectRefusal(_ result: CommandResult, _ expected: String, _ context: String) {
    #expect(result.status == 2, "\(context): \(result.stderr)")
    #expect(result.stdout.isEmpty, "\(context)")
    #expect(
      result.stderr.hasPrefix("tda-eval: ") && result.stderr.contains(expected),
      "\(context): \(result.stderr)")
    #expect(result.stderr.filter { $0 == "\n" }.count == 1, "\(context): \(result.stderr)")
  }

  @Test(
    "rips and diagrams on points scaled by 2^900, 1e300, 1e-300, 2^-1000: the bars times the factor"
  )
  func scaledDiagrams() throws {
    let directory = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let plain = try writeFile(Self.scaled(1), named: "plain.csv", in: directory)
    let reference = try runTDAEval(["rips", plain, "--json"])
    #expect(reference.status == 0)
    let expected = try Self.deaths(reference.stdout)
    #expect(expected[0].count == 7 && expected[0].filter { $0 == nil }.count == 1)
    for (factor, exact) in [(0x1p900, true), (1e300, false), (1e-300, false), (0x1p-1000, true)] {
      let file = try writeFile(Self.scaled(factor), named: "scaled.csv", in: directory)
      for (arguments, sample) in [
        (["rips", file, "--json"], nil), (["diagrams", file, plain, "--json"], "real"),
      ] {
        let result = try runTDAEval(arguments)
        #expect(result.status == 0, "\(factor) \(arguments[0]): \(result.stderr)")
        let deaths = try Self.deaths(result.stdout, sample: sample)
        #expect(deaths.map(\.count) == expected.map(\.count), "\(factor) \(arguments[0])")
        for (got, want) in zip(deaths.joined(), expected.joined()) {
          guard let got, let want else {
            #expect(
              got == nil && want == nil, "\(factor): an essential class where a finite one was")
            continue
          }
          // Powers of two are exact in the engine (PowerOfTwoScaleTests, RipsExtremeValueTests);
          // JSONSerialization may round the last digit of numbers near the limits.
          let tolerance = exact ? 0x1p-51 : 1e-12
          #expect(
            abs(got - want * factor) <= tolerance * want * factor,
            "\(factor): \(got) vs \(want * factor)")
        }
      }
    }
  }

  @Test(
    "the geometry score is scale-invariant: 2^900 and 2^-1000 give the score of the plain cloud")
  func scaledGeometryScore() throws {
    let directory = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let plain = try writeFile(Self.scaled(1), named: "plain.csv", in: directory)
    let other = try writeFile(Self.scaled(0.5), named: "other.csv", in: directory)
    let options = ["--trials", "3", "--landmarks", "4", "--seed", "5", "--json"]
    let reference = try runTDAEval(["gscore", plain, other] + options)
    #expect(reference.status == 0)
    for factor in [0x1p900, 0x1p-1000] {
      let file = try writeFile(Self.scaled(factor), named: "scaled.csv", in: directory)
      let result = try runTDAEval(["gscore", file, other] + options)
      #expect(result.status == 0, "\(factor): \(result.stderr)")
      #expect(result.stdout == reference.stdout, "\(factor)")
    }
    let e300 = try writeFile(Self.scaled(1e300), named: "e300.csv", in: directory)
    #expect(try runTDAEval(["gscore", e300, other] + options).status == 0)
  }

  @Test("values beyond what float64 computes are refused in one line, by every command, every time")
  func refusals() throws {
    let directory = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let max = "1.7976931348623157e308"
    let plain = try writeFile(Self.scaled(1), named: "plain.csv", in: directory)
    // ±max double: H0 dies at 2 · max, beyond float64.
    let extremes = try writeFile("-\(max),0\n\(max),0\n", named: "max.csv", in: directory)
    // Two points 1e-300 apart beside points 1e300 apart: their squared distance underflows.
    let mixed = try writeFile(
      "1e300,0\n-1e300,0\n0,1e-300\n0,2e-300\n5e299,5e299\n", named: "mixed.csv", in: directory)
    let e300 = try writeFile(Self.scaled(1e300), named: "e300.csv", in: directory)
    let tiny = try writeFile(Self.scaled(1e-300), named: "tiny.csv", in: directory)
    let cases: [([String], String)] = [
      (["rips", extremes], "beyond float64"),
      (["diagrams", extremes, plain], "beyond float64"),
      (["rips", mixed], "\(mixed): column 1 (0-based) holds 0.0 and 1e-300"),
      (["diagrams", plain, mixed], "\(mixed): column 1"),
      (["gscore", mixed, plain, "--trials", "2", "--landmarks", "3"], "mixed scales"),
      // The k-NN commands compare distances across samples: extreme magnitudes are refused.
      (["metrics", e300, plain, "--k", "2"], "squared distances would overflow float64"),
      (["metrics", tiny, plain, "--k", "2"], "below 2^-200"),
      (["metrics", mixed, plain, "--k", "2"], "squared distances would overflow"),
      (["metrics", plain, tiny, "--k", "2"], "the synthetic set is below 2^-200"),
      (["kde", e300, plain], "squared distances would overflow float64"),
      (["kde", tiny, plain], "below 2^-200"),
      (["evaluate", e300, plain, "--k", "2"], "squared distances would overflow float64"),
      (["evaluate", tiny, plain, "--k", "2"], "below 2^-200"),
      (["privacy", e300, e300], "squared distances would overflow float64"),
      (["privacy", plain, tiny], "the synthetic set is below 2^-200"),
    ]
    for (arguments, expected) in cases {
      let first = try runTDAEval(arguments)
      Self.expectRefusal(first, expected, arguments.joined(separator: " "))
      #expect(try runTDAEval(arguments).stderr == first.stderr, "the same refusal every time")
    }
  }

  @Test("fidelity's correlations of columns near 1e300 are those of the plain columns")
  func scaledFidelity() throws {
    let directory = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    func table(_ factor: Double) -> String {
      "x,y\n"
        + Self.points.map { "\($0.0 * factor),\(($0.0 + $0.1) * factor)" }.joined(separator: "\n")
        + "\n"
    }
    let plain = try writeFile(table(1), named: "plain.csv", in: directory)
    let scaled = try writeFile(table(0x1p1000), named: "scaled.csv", in: directory)
    let reference = try runTDAEval(["fidelity", plain, plain, "--json"])
    let result = try runTDAEval(["fidelity", scaled, scaled, "--json"])
    #expect(reference.status == 0 && result.status == 0, "\(result.stderr)")
    func pairs(_ json: String) throws -> [Double?] {
      let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any]
      return (object["pairs"] as! [[String: Any]]).map { ($0["real"] as? NSNumber)?.doubleValue }
    }
    let correlations = try pairs(result.stdout)
    #expect(correlations == (try pairs(reference.stdout)))
    #expect(correlations.count == 1 && correlations[0] != nil)
  }

  @Test("small files that declare huge work are refused before they allocate")
  func oversized() throws {
    let directory = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    var random = UInt64(12345)
    func next() -> Double {
      random = random &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Double(random >> 11) * 0x1p-53
    }
    let rows = (0..<200).map { _ in "\(next()),\(next()),\(next())" }
    let cloud = try writeFile(rows.joined(separator: "\n") + "\n", named: "c.csv", in: directory)
    // 200 points at maxdim 2: up to C(199, 2) · 200 / 3 ≈ 1.3 million triangles (31 MiB).
    Self.expectRefusal(
      try runTDAEval(["rips", cloud, "--maxdim", "2", "--max-memory", "8M"]), "2-simplices",
      "rips --maxdim 2")
    Self.expectRefusal(
      try runTDAEval(["diagrams", cloud, cloud, "--maxdim", "3", "--max-memory", "8M"]),
      "3-simplices", "diagrams --maxdim 3")
    // The k-NN buffers of k = 150 on 200 + 200 points: about 1 MB.
    Self.expectRefusal(
      try runTDAEval(["metrics", cloud, cloud, "--k", "150", "--max-memory", "256K"]),
      "use a smaller --k",
      "metrics --k 150")
    Self.expectRefusal(
      try runTDAEval(["privacy", cloud, cloud, "--max-memory", "1K"]), "--max-memory", "privacy")
    // A categorical column of 200 labels one-hot encoded for NDB/K: 200 × 201 coordinates.
    let labels = (0..<200).map { "\(next()),label\($0)" }
    let table = try writeFile(
      "x,c\n" + labels.joined(separator: "\n") + "\n", named: "t.csv", in: directory)
    let metrics = try runTDAEval([
      "metrics", table, table, "--k", "2", "--max-memory", "400K", "--json",
    ])
    #expect(metrics.status == 0, "\(metrics.stderr)")
    #expect(metrics.stdout.contains("the one-hot embedding of 200 and 200 rows in 201 coordinates"))
    // A sparse file of 14 bytes that names vertex 34 556 715 (found by FuzzRipserFormats: a
    // 10 s timeout) or 2 · 10^9: refused before the rows of every vertex are allocated.
    for vertex in ["34556715", "2000000000"] {
      let sparse = try writeFile("0 \(vertex) 1\n", named: "s.sparse", in: directory)
      Self.expectRefusal(
        try runTDAEval(["rips", sparse, "--format", "sparse", "--max-memory", "1G"]),
        "a sparse distance matrix of \(Int(vertex)! + 1) vertices", "sparse vertex \(vertex)")
    }
    // A DIPHA header claiming 2^40 + 2^24 points (found by FuzzRipserFormats: n² overflowed in
    // the message that refuses the file).
    var dipha = Data()
    for value: Int64 in [8_067_171_840, 7, (1 << 40) + (1 << 24)] {
      withUnsafeBytes(of: value.littleEndian) { dipha.append(contentsOf: $0) }
    }
    let diphaPath = directory.appendingPathComponent("huge.dipha").path
    try dipha.write(to: URL(fileURLWithPath: diphaPath))
    Self.expectRefusal(
      try runTDAEval(["rips", diphaPath, "--format", "dipha"]), "points needs", "dipha header")
    // With the budget, each runs.
    #expect(
      try runTDAEval(["rips", cloud, "--maxdim", "2", "--threshold", "0.1", "--max-memory", "8M"])
        .status == 0)
  }
}
