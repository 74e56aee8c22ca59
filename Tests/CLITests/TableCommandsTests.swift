import Foundation
import Testing
import _TestSupport

/// Every command that compares samples reads mixed-type tables: text and coded categories,
/// identifiers, missing cells.
@Suite("tda-eval on mixed tables")
struct TableCommandsTests {
  static let real = """
    id,age,sex,bmi,stage
    1,50,f,22.5,I
    2,61,m,,II
    3,45,"f",30.1,III
    4,70,m,27.0,II
    5,33,f,19.9,I
    6,58,m,25.5,IV
    7,49,f,24.0,II

    """
  static let synthetic = """
    sex,age,bmi,stage,id
    f,52,22.0,I,1
    m,60,26.0,II,2
    x,44,31.0,III,3
    m,72,NA,II,4
    f,35,20.5,I,5
    m,59,25.0,IV,6

    """

  func files() throws -> (real: String, synthetic: String, directory: URL) {
    let directory = try makeTemporaryDirectory()
    return (
      try writeFile(Self.real, named: "real.csv", in: directory),
      try writeFile(Self.synthetic, named: "synth.csv", in: directory), directory
    )
  }

  @Test("metrics on a table with text categories and missing cells use Gower's distance")
  func metricsOnTables() throws {
    let (real, synthetic, _) = try files()
    let result = try runTDAEval([
      "metrics", real, synthetic, "--k", "2", "--ignore", "id", "--json",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    let object = try jsonObject(result.stdout)
    #expect(object["distance"] as? String == "gower")
    #expect(object["precision"] is Double)
    #expect(object["vq_omitted"] is String)
    // α-precision needs complete rows: omitted with the first missing cell named.
    #expect(
      (object["alpha_beta_omitted"] as? String)?.contains(
        "real.csv:3:4: missing cell in column 'bmi'") == true)
    let complete = try runTDAEval([
      "metrics", real, synthetic, "--k", "2", "--ignore", "id", "--missing", "drop-rows", "--json",
    ])
    let alphaBeta = try #require(try jsonObject(complete.stdout)["alpha_beta"] as? [String: Any])
    #expect((alphaBeta["precision_curve"] as? [Double])?.count == 30)
    for key in ["alpha_precision", "beta_recall", "authenticity", "alphas", "recall_curve"] {
      #expect(alphaBeta[key] != nil, "missing \(key)")
    }
  }

  @Test("the identifier column is pointed out, never dropped silently")
  func identifierHint() throws {
    let (real, synthetic, _) = try files()
    let result = try runTDAEval(["metrics", real, synthetic, "--k", "2", "--json"])
    #expect(result.status == 0)
    #expect(result.stderr.contains("'id' holds a distinct integer on every row"))
  }

  @Test("Euclidean distance with a missing cell: exit 2 naming the cell and the options")
  func missingCellUnderEuclidean() throws {
    let (real, synthetic, _) = try files()
    let result = try runTDAEval(["metrics", real, synthetic, "--k", "2", "--distance", "euclidean"])
    #expect(result.status == 2)
    #expect(
      result.stderr
        == "tda-eval: \(real):3:4: missing cell in column 'bmi'; use --distance gower (which skips missing cells) or --missing drop-rows (which drops such rows)\n"
    )
    let dropped = try runTDAEval([
      "metrics", real, synthetic, "--k", "2", "--distance", "euclidean", "--missing", "drop-rows",
      "--ignore", "id", "--json",
    ])
    #expect(dropped.status == 0, "\(dropped.stderr)")
    #expect(dropped.stderr.contains("dropped 1 row of \(real) with a missing cell"))
    #expect(dropped.stderr.contains("dropped 1 row of \(synthetic) with a missing cell"))
    #expect(try jsonObject(dropped.stdout)["distance"] as? String == "euclidean")
  }

  @Test("schema --json reads back through --schema")
  func schemaRoundTrip() throws {
    let (real, synthetic, directory) = try files()
    let printed = try runTDAEval(["schema", real, "--ignore", "id", "--ordinal", "stage", "--json"])
    #expect(printed.status == 0, "\(printed.stderr)")
    let object = try jsonObject(printed.stdout)
    #expect(object["rows"] as? Int == 7)
    let columns = try #require(object["columns"] as? [[String: Any]])
    #expect(
      columns.map { $0["kind"] as? String } == [
        "ignore", "numeric", "categorical", "numeric", "ordinal",
      ])
    #expect(columns[3]["missing"] as? Int == 1)
    #expect(columns[4]["categories"] as? [String] == ["I", "II", "III", "IV"])
    let schema = try writeFile(printed.stdout, named: "schema.json", in: directory)
    let viaSchema = try runTDAEval([
      "metrics", real, synthetic, "--k", "2", "--schema", schema, "--json",
    ])
    let viaOptions = try runTDAEval([
      "metrics", real, synthetic, "--k", "2", "--ignore", "id", "--ordinal", "stage", "--json",
    ])
    #expect(viaSchema.status == 0, "\(viaSchema.stderr)")
    #expect(viaSchema.stdout == viaOptions.stdout)
    let table = try runTDAEval(["schema", real])
    #expect(table.stdout.contains("sex     categorical"))
  }

  @Test("standard input is read with -")
  func standardInput() throws {
    let (_, synthetic, _) = try files()
    let result = try runTDAEval(
      ["metrics", "-", synthetic, "--k", "2", "--ignore", "id", "--json"], input: Self.real)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(try jsonObject(result.stdout)["distance"] as? String == "gower")
  }

  @Test(
    "bad table input and options: one line, exit 2",
    arguments: [
      (["--ignore", "nope"], "no column 'nope' (named by --ignore)"),
      (
        ["--distance", "cosine"],
        "The value 'cosine' is invalid for '--distance <distance>'. Please provide one of 'auto'"
      ),
      (
        ["--missing", "impute"],
        "The value 'impute' is invalid for '--missing <missing>'. Please provide one of 'error'"
      ),
      (
        ["--ordinal", "sex", "--schema", "/no/schema.json"],
        "/no/schema.json: cannot read the file (no such file)"
      ),
    ])
  func badInput(options: [String], message: String) throws {
    let (real, synthetic, _) = try files()
    let result = try runTDAEval(["metrics", real, synthetic, "--k", "2"] + options)
    #expect(result.status == 2)
    #expect(result.stderr.contains(message), "\(result.stderr)")
    #expect(result.stderr.split(separator: "\n").count <= 2)
  }

  @Test("columns are matched by name; a missing one is named")
  func missingColumn() throws {
    let (real, _, directory) = try files()
    let synthetic = try writeFile(
      "id,age,sex,bmi\n1,50,f,22\n2,40,m,23\n3,41,m,24\n", named: "s.csv", in: directory)
    let result = try runTDAEval(["metrics", real, synthetic, "--k", "2"])
    #expect(result.status == 2)
    #expect(result.stderr == "tda-eval: \(synthetic): no column 'stage', which \(real) has\n")
  }

  @Test("a headerless numeric file with a text cell keeps the point-cloud message")
  func headerlessNumeric() throws {
    let directory = try makeTemporaryDirectory()
    let real = try writeFile("1,2\n3,4\n5,x\n", named: "r.csv", in: directory)
    let result = try runTDAEval(["metrics", real, real, "--k", "1"])
    #expect(result.status == 2)
    #expect(result.stderr == "tda-eval: \(real):3:2: 'x' is not a number\n")
  }

  @Test("the registry's schema file is what 'schema' prints for the documented options")
  func registrySchemaFile() throws {
    let printed = try runTDAEval([
      "schema", "Notebooks-data/examples/registry-real.csv", "--ignore", "patient_id",
      "--categorical",
      "diabetes,site", "--ordinal", "stage", "--json",
    ])
    #expect(printed.status == 0, "\(printed.stderr)")
    let file = try Data(
      contentsOf: URL(fileURLWithPath: "Notebooks-data/examples/registry-schema.json"))
    let expected = try JSONSerialization.jsonObject(with: file) as? NSDictionary
    let actual = try JSONSerialization.jsonObject(with: Data(printed.stdout.utf8)) as? NSDictionary
    #expect(expected == actual)
  }

  @Test("diagrams, gscore and evaluate on the registry example use Gower's distance")
  func otherCommands() throws {
    let real = "Notebooks-data/examples/registry-real.csv"
    let synthetic = "Notebooks-data/examples/registry-synth.csv"
    let options = [
      "--ignore", "patient_id", "--categorical", "diabetes,site", "--ordinal", "stage",
    ]
    let diagrams = try runTDAEval(["diagrams", real, synthetic, "--json"] + options)
    #expect(diagrams.status == 0, "\(diagrams.stderr)")
    #expect(try jsonObject(diagrams.stdout)["distance"] as? String == "gower")
    let gscore = try runTDAEval(["gscore", real, synthetic, "--trials", "5", "--json"] + options)
    #expect(gscore.status == 0, "\(gscore.stderr)")
    let evaluate = try runTDAEval(
      ["evaluate", real, synthetic, "--trials", "5", "--persistence-points", "100", "--json"]
        + options)
    #expect(evaluate.status == 0, "\(evaluate.stderr)")
    let report = try jsonObject(evaluate.stdout)
    #expect(report["distance"] as? String == "gower")
    #expect(report["metrics"] != nil && report["diagrams"] != nil && report["gscore"] != nil)
    #expect((report["omitted"] as? [String: String])?["kde"] != nil)  // missing cells
  }
}

@Suite("tda-eval kde on mixed tables")
struct TableKDECommandTests {
  @Test("the product kernel with given bandwidths; missing cells need --missing drop-rows")
  func productKernel() throws {
    let directory = try makeTemporaryDirectory()
    let real = try writeFile("x,c\n0,a\n1,b\n2,a\n3,\n", named: "r.csv", in: directory)
    let synthetic = try writeFile("x,c\n0.5,a\n2.5,b\n", named: "s.csv", in: directory)
    let missing = try runTDAEval(["kde", real, synthetic])
    #expect(missing.status == 2)
    #expect(
      missing.stderr.contains(
        "\(real):5:2: missing cell in column 'c'; the KDE needs complete rows"))
    let result = try runTDAEval([
      "kde", real, synthetic, "--missing", "drop-rows", "--bandwidth", "1,0.25", "--json",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    #expect(object["rule"] as? String == "fixed")
    #expect(object["bandwidths"] as? [Double] == [1, 0.25])
    // By hand: synthetic row (0.5, a) under the real rows (0,a), (1,b), (2,a) with h = (1, 0.25),
    // c = 2 categories: k = 0.75 on a match, 0.25 otherwise; Gaussian φ(d)/h.
    func phi(_ d: Double) -> Double { exp(-d * d / 2) / (2 * Double.pi).squareRoot() }
    let first = (phi(0.5) * 0.75 + phi(0.5) * 0.25 + phi(1.5) * 0.75) / 3
    let second = (phi(2.5) * 0.25 + phi(1.5) * 0.75 + phi(0.5) * 0.25) / 3
    let expected = (log(first) + log(second)) / 2
    #expect(abs((object["synth_given_real"] as? Double ?? .nan) - expected) < 1e-12)
    let bad = try runTDAEval([
      "kde", real, synthetic, "--missing", "drop-rows", "--bandwidth", "1,-2",
    ])
    #expect(bad.status == 2)
    #expect(bad.stderr.contains("one per used column"))
  }
}

@Suite("tda-eval privacy")
struct PrivacyCommandTests {
  @Test(
    "on the registry with a holdout and an attribute attack: every field, readings, one JSON line")
  func registry() throws {
    let directory = try makeTemporaryDirectory()
    let real = "Notebooks-data/examples/registry-real.csv"
    // The synthetic sample's first half copies real rows.
    let lines = try String(contentsOfFile: real, encoding: .utf8).split(separator: "\n")
    let synthetic = try writeFile(
      lines.prefix(201).joined(separator: "\n") + "\n", named: "copies.csv", in: directory)
    let holdout = "Notebooks-data/examples/registry-synth.csv"
    let result = try runTDAEval([
      "privacy", real, synthetic, "--holdout", holdout, "--schema",
      "Notebooks-data/examples/registry-schema.json", "--quasi-identifiers", "age,sex,site",
      "--sensitive", "diabetes", "--json",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    #expect(object["distance"] as? String == "gower")
    let dcr = try #require(object["dcr"] as? [String: Any])
    #expect(dcr["exact_copies"] as? Double == 1)
    #expect(dcr["closer_to_training"] != nil && dcr["holdout"] != nil)
    let membership = try #require(object["membership"] as? [String: Any])
    // Half the training rows have a copy at distance 0: AUC ≈ ½ + ½ · ½.
    #expect((membership["auc"] as? Double ?? 0) > 0.7)
    #expect(membership["tpr_at_fpr_0.01"] is Double)
    let attack = try #require(object["attribute_inference"] as? [String: Any])
    #expect(attack["sensitive"] as? String == "diabetes")
    #expect(attack["accuracy"] is Double)
    let readings = try #require(object["readings"] as? [String: String])
    #expect(
      Set(readings.keys).isSuperset(of: [
        "dcr", "nndr", "identifiability", "membership", "attribute_inference",
      ]))
    let table = try runTDAEval([
      "privacy", real, synthetic, "--schema", "Notebooks-data/examples/registry-schema.json",
    ])
    #expect(table.status == 0)
    #expect(table.stdout.contains("identifiability"))
  }

  @Test("bad options: one line, exit 2")
  func badOptions() throws {
    let real = "Notebooks-data/examples/circle-real.csv"
    let alone = try runTDAEval(["privacy", real, real, "--sensitive", "x"])
    #expect(alone.status == 2)
    #expect(alone.stderr.contains("--quasi-identifiers and --sensitive go together"))
    let same = try runTDAEval([
      "privacy", real, real, "--quasi-identifiers", "x", "--sensitive", "x",
    ])
    #expect(same.status == 2)
    #expect(same.stderr.contains("a column that is not a quasi-identifier"))
  }
}
