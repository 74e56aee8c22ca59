import Foundation
import TDAEval

/// The samples of a real/synthetic comparison, read as the CLI reads them.
typealias Samples = ComparedSamples

/// The table-reading options (`--delimiter`, `--columns`, `--categorical`, `--ordinal`,
/// `--ignore`, `--schema`, `--na-values`, `--distance`, `--missing`).
struct InputOptions {
  static let keys: Set<String> = [
    "delimiter", "columns", "categorical", "ordinal", "ignore", "schema", "schema_json",
    "na_values",
    "distance", "missing", "files", "column_names",
  ]

  var delimiter: Delimiter?
  var columns: [String]?
  var categorical: [String]?
  var ordinal: [String]?
  var ignore: [String]?
  var schemaPath: String?
  var schemaJSON: String?
  var naValues: String?
  var distance: RowDistanceChoice
  var missing: IncompleteRows

  init(_ options: Options) throws {
    if let name = try options.string("delimiter") {
      guard let value = Delimiter(name: name) else {
        throw BadInput("--delimiter must be comma, tab or whitespace, got '\(name)'")
      }
      delimiter = value
    }
    columns = try options.strings("columns")
    categorical = try options.strings("categorical")
    ordinal = try options.strings("ordinal")
    ignore = try options.strings("ignore")
    for (name, value) in [
      ("columns", columns), ("categorical", categorical), ("ordinal", ordinal), ("ignore", ignore),
    ] {
      if let value, value.isEmpty { throw BadInput("--\(name) names no column") }
    }
    schemaPath = try options.string("schema")
    schemaJSON = try options.string("schema_json")
    naValues = try options.commaList("na_values")
    distance = try options.named("distance", RowDistanceChoice.self) ?? .auto
    missing = try options.named("missing", IncompleteRows.self) ?? .error
  }

  /// Reads CSV texts exactly as the CLI reads files (``ComparedSamples``).
  func load(_ texts: [[UInt8]], paths: [String], asTables: Bool) throws -> Samples {
    var options = ComparedSamples.ReadOptions()
    options.delimiter = delimiter
    options.columns = columns
    options.overrides = SchemaOverrides(
      categorical: categorical ?? [], ordinal: ordinal ?? [], ignore: ignore ?? [])
    if let schemaPath {
      options.overrides.schema = try SchemaOverrides.readSchema(contentsOf: schemaPath)
      options.overrides.schemaFile = schemaPath
    } else if let schemaJSON {
      do {
        options.overrides.schema = try JSONDecoder().decode(
          TableSchema.self, from: Data(schemaJSON.utf8))
      } catch {
        throw BadInput("schema: not a schema (the JSON of 'tda-eval schema'): \(error)")
      }
      options.overrides.schemaFile = "schema"
    }
    if let naValues { options.overrides.missingValues = MissingValues(list: naValues) }
    options.distance = distance.kind
    options.dropIncompleteRows = missing == .dropRows
    options.asTables = asTables
    return try ComparedSamples.parse(texts, names: paths, options: options)
  }
}

/// `tda-eval metrics|kde|gscore|privacy|evaluate --json`, as values.
enum Comparison {
  static let commands: [String: Set<String>] = [
    "metrics": ["k", "balls", "standardize", "bins", "seed"],
    "kde": ["bandwidth"],
    "gscore": ["landmarks", "gamma", "imax", "trials", "seed", "threads", "standardize"],
    "privacy": ["quasi_identifiers", "sensitive"],
    "fidelity": [],
    "detect": ["folds", "permutations", "seed"],
    "utility": ["target", "task"],
    "evaluate": [
      "skip", "maxdim", "coeff", "threshold", "persistence_points", "relative_error", "k", "balls",
      "standardize", "bins", "bandwidth", "landmarks", "gamma", "imax", "trials", "seed",
      "baseline", "bootstrap", "target", "task", "folds", "permutations",
    ],
  ]

  static func run(_ command: String, samples: Samples, options: Options) throws -> Data {
    guard let keys = commands[command] else {
      throw BadInput(
        "unknown command '\(command)'; choose among \(commands.keys.sorted().joined(separator: ", "))"
      )
    }
    try options.check(allowed: keys.union(InputOptions.keys), command: command)
    switch command {
    case "metrics": return try encodeJSON(try metrics(samples, options))
    case "kde": return try kde(samples, options)
    case "gscore": return try encodeJSON(try gscore(samples, options))
    case "privacy": return try encodeJSON(try privacy(samples, options))
    case "fidelity":
      guard case .tables(let tables) = samples else { preconditionFailure("fidelity reads tables") }
      return try encodeJSON(FidelityReport.compute(tables))
    case "detect", "utility":
      guard case .tables(let tables) = samples else {
        throw BadInput("\(command) reads tables: pass CSV texts (tda_compare_csv)")
      }
      return try encodeJSON(try learning(command, tables, options))
    default: return try encodeJSON(try evaluate(samples, options))
    }
  }

  /// `detect` or `utility` on tables (the holdout is utility's test table).
  static func learning(_ command: String, _ tables: TableSamples, _ options: Options) throws
    -> any Encodable
  {
    do {
      if command == "detect" {
        let seed = try options.uint64("seed") ?? 0
        return try Detection.compute(
          tables,
          options: .init(
            folds: try options.int("folds") ?? 3,
            permutations: try options.int("permutations") ?? 1000, seed: seed))
      }
      guard let target = try options.string("target") else {
        throw BadInput("utility needs a target column (target=...)")
      }
      guard tables.holdout != nil else { throw BadInput("utility needs a test table (test=...)") }
      var task: UtilityReport.Task? = nil
      if let name = try options.string("task") {
        guard let value = UtilityReport.Task(rawValue: name) else {
          throw BadInput("--task must be classification or regression, got '\(name)'")
        }
        task = value
      }
      return try Utility.compute(tables, target: target, task: task)
    } catch LearningError.notConverged(let model) {
      throw ComputationFailure(message: "\(model): Newton's method did not converge")
    }
  }

  static func balls(_ options: Options) throws -> BallBoundary {
    let name = try options.string("balls") ?? "open"
    guard let value = BallBoundary(rawValue: name) else {
      throw BadInput("--balls must be open or closed, got '\(name)'")
    }
    return value
  }

  static func metrics(_ samples: Samples, _ options: Options) throws -> SampleMetricsReport {
    let k = try options.int("k") ?? Evaluation.defaults.k
    let bins = try options.int("bins")
    let boundary = try balls(options)
    let standardize = try options.bool("standardize") ?? false
    let seed = try options.uint64("seed") ?? Evaluation.defaults.seed
    guard k >= 1 else { throw BadInput("--k must be at least 1, got \(k)") }
    if let bins, bins < 0 { throw BadInput("--bins must be at least 0, got \(bins)") }
    switch samples {
    case .clouds(let real, let synthetic, let holdout):
      let binCount = try Self.binCount(bins, realCount: real.count)
      return try SampleMetricsReport.compute(
        real: real, synthetic: synthetic, holdout: holdout, k: k, balls: boundary,
        standardize: standardize, bins: binCount == 0 ? nil : binCount, seed: seed)
    case .tables(let tables):
      let binCount = try Self.binCount(bins, realCount: tables.real.rowCount)
      return try SampleMetricsReport.compute(
        tables, k: k, balls: boundary, standardize: standardize,
        bins: binCount == 0 ? nil : binCount, seed: seed)
    }
  }

  /// `--bins` for a real set of `realCount` rows: an explicit value (an error above `realCount`),
  /// or the default 20 capped at `realCount`.
  static func binCount(_ bins: Int?, realCount: Int) throws -> Int {
    guard let bins else { return min(Evaluation.defaults.vqBins, realCount) }
    guard bins <= realCount else {
      throw BadInput(
        "--bins must be between 0 and the real sample's \(realCount) rows (0 skips NDB/K), got \(bins)"
      )
    }
    return bins
  }

  static func kde(_ samples: Samples, _ options: Options) throws -> Data {
    let bandwidth = try options.string("bandwidth") ?? "scott"
    guard ComparedSamples.isBandwidth(bandwidth) else {
      throw BadInput(
        "--bandwidth must be scott, silverman or a positive finite number, got '\(bandwidth)'")
    }
    return try encodeJSON(try samples.kde(bandwidth: bandwidth))
  }

  static func gscore(_ samples: Samples, _ options: Options) throws -> GeometryScoreResult {
    let defaults = Evaluation.defaults
    var score = GeometryScore(
      landmarks: try options.int("landmarks") ?? defaults.landmarks, gamma: try gamma(options),
      imax: try options.int("imax") ?? defaults.imax,
      trials: try options.int("trials") ?? defaults.trials,
      seed: try options.uint64("seed") ?? defaults.seed)
    if let threads = try options.int("threads") { score.threads = threads }
    try score.validate()
    if case .tables(let tables) = samples, tables.distance == .gower {
      // Both square Gower matrices are built, and held, before the trials.
      let bytes = [tables.real.rowCount, tables.synthetic.rowCount].reduce(0.0) {
        $0 + Double($1) * Double($1) * 8
      }
      try MemoryBudget.current.check(
        bytes: bytes,
        what:
          "the Gower distance matrices of \(tables.real.rowCount) and \(tables.synthetic.rowCount) rows (the geometry score)",
        suggestion: "fewer rows")
    }
    try score.fitMemory(drawsLandmarks: true)
    let standardize = try options.bool("standardize") ?? false
    let (real, synthetic) = try (standardize ? samples.standardized() : samples).witnessSamples()
    return try score.evaluate(real: real, synthetic: synthetic)
  }

  /// γ of the geometry score: a number, 'reference' (nil) or the default.
  static func gamma(_ options: Options) throws -> Double? {
    guard let text = try options.string("gamma") else { return Evaluation.defaults.gamma }
    return try GeometryScore.gamma(parsing: text)
  }

  static func privacy(_ samples: Samples, _ options: Options) throws -> PrivacyReport {
    let quasiIdentifiers = try options.strings("quasi_identifiers")
    let sensitive = try options.string("sensitive")
    guard (quasiIdentifiers == nil) == (sensitive == nil) else {
      throw BadInput("--quasi-identifiers and --sensitive go together")
    }
    if let quasiIdentifiers, quasiIdentifiers.isEmpty {
      throw BadInput("--quasi-identifiers names no column")
    }
    return try samples.privacy(quasiIdentifiers: quasiIdentifiers, sensitive: sensitive)
  }

  static func evaluate(_ samples: Samples, _ options: Options) throws -> EvaluationReport {
    var evaluation = Evaluation()
    if let skip = try options.strings("skip") {
      for name in skip {
        guard let part = Evaluation.Part(rawValue: name) else {
          throw BadInput(
            "--skip names an unknown part '\(name)'; choose among "
              + Evaluation.Part.allCases.map(\.rawValue).joined(separator: ", "))
        }
        evaluation.parts.remove(part)
      }
    }
    let bandwidth = try options.string("bandwidth") ?? "scott"
    guard let kernel = Evaluation.bandwidth(named: bandwidth) else {
      throw BadInput(
        "--bandwidth must be scott, silverman or a positive number, got '\(bandwidth)'")
    }
    let defaults = Evaluation.defaults
    let k = try options.int("k") ?? defaults.k
    let bins = try options.int("bins")
    guard k >= 1 else { throw BadInput("--k must be at least 1, got \(k)") }
    if let bins, bins < 0 { throw BadInput("--bins must be at least 0, got \(bins)") }
    evaluation.maxDimension = try options.int("maxdim") ?? defaults.maxDimension
    evaluation.coefficients = try Rips.coefficients(options) ?? defaults.coefficients
    evaluation.threshold = try options.double("threshold")
    evaluation.persistencePoints =
      try options.int("persistence_points") ?? defaults.persistencePoints
    evaluation.wassersteinRelativeError =
      try options.double("relative_error") ?? defaults.wassersteinRelativeError
    evaluation.k = k
    evaluation.balls = try balls(options)
    evaluation.standardize = try options.bool("standardize") ?? false
    evaluation.vqBins = bins ?? defaults.vqBins
    evaluation.bandwidth = kernel
    evaluation.landmarks = try options.int("landmarks") ?? defaults.landmarks
    evaluation.gamma = try gamma(options)
    evaluation.imax = try options.int("imax") ?? defaults.imax
    evaluation.trials = try options.int("trials") ?? defaults.trials
    evaluation.seed = try options.uint64("seed") ?? defaults.seed
    evaluation.baseline = try options.bool("baseline") ?? defaults.baseline
    evaluation.bootstrap = try options.int("bootstrap") ?? defaults.bootstrap
    evaluation.detectionFolds = try options.int("folds") ?? defaults.detectionFolds
    evaluation.detectionPermutations =
      try options.int("permutations") ?? defaults.detectionPermutations
    if let target = try options.string("target") {
      evaluation.parts.insert(.utility)
      evaluation.target = target
    }
    if let task = try options.string("task") {
      guard let kind = UtilityReport.Task(rawValue: task) else {
        throw BadInput("--task must be classification or regression, got '\(task)'")
      }
      evaluation.task = kind
    }
    guard evaluation.baseline || evaluation.bootstrap == 0 else {
      throw BadInput("--bootstrap needs the baseline: drop --no-baseline")
    }
    // An explicit --bins above the real sample's size is an error (the default is capped).
    if evaluation.parts.contains(.sampleMetrics) {
      switch samples {
      case .clouds(let real, _, _): _ = try binCount(bins, realCount: real.count)
      case .tables(let tables): _ = try binCount(bins, realCount: tables.real.rowCount)
      }
    }
    switch samples {
    case .clouds(let real, let synthetic, let holdout):
      return try evaluation.evaluate(real: real, synthetic: synthetic, holdout: holdout)
    case .tables(let tables):
      return try evaluation.evaluate(tables)
    }
  }
}
