import Foundation

/// A sweep: many evaluations, one per line of a JSON Lines file.
///
/// Each non-blank line is one object,
///
///     {"name": "circle-k3", "real": "data/real.csv", "synthetic": "data/synth.csv",
///      "holdout": "data/holdout.csv", "options": {"k": 3, "skip": ["gscore"], "standardize":
///      true}}
///
/// with `holdout` and `options` optional. Option names are `tda-eval evaluate`'s long options
/// without the dashes; `true` becomes a flag (`false` leaves it out), a list a comma-joined value,
/// anything else the option's value. File paths (`real`, `synthetic`, `holdout` and the options
/// in ``Rules/paths``) are relative to the manifest's directory. Each evaluation's result is
/// `NAME.json` (and its failure `NAME.error`), so names must be safe file names and distinct.
///
/// Evaluations are numbered from 0 in line order, blank lines not counted; errors name the line
/// of the file (from 1).
public struct SweepManifest: Sendable {
  /// An option's value as the manifest gives it.
  public enum OptionValue: Sendable, Equatable {
    /// `true` (the flag is given) or `false` (left out).
    case flag(Bool)
    /// A string or a number, as text.
    case value(String)
    /// A list, joined with commas on the command line.
    case list([String])
  }

  /// One evaluation of the sweep.
  public struct Entry: Sendable, Equatable {
    /// The name of its result files.
    public var name: String
    /// Its line in the manifest, from 1.
    public var line: Int
    /// Its position among the evaluations, from 0 (what `--index` counts).
    public var position: Int
    /// The real sample's path, resolved (relative to the working directory when under it).
    public var real: String
    /// The synthetic sample's path, resolved.
    public var synthetic: String
    /// The options by name (without dashes), path options resolved; `holdout` is among them when
    /// the line gives one.
    public var options: [String: OptionValue]

    /// The arguments of `tda-eval evaluate` for this evaluation: the two samples, then every
    /// option in name order as `--name=value` (flags as `--name`).
    public var arguments: [String] {
      var arguments = [real, synthetic]
      for (name, value) in options.sorted(by: { $0.key < $1.key }) {
        switch value {
        case .flag(true): arguments.append("--\(name)")
        case .flag(false): break
        case .value(let text): arguments.append("--\(name)=\(text)")
        case .list(let items): arguments.append("--\(name)=\(items.joined(separator: ","))")
        }
      }
      return arguments
    }

    /// The file name of its result.
    public var resultFile: String { name + ".json" }
    /// The file name of its failure message.
    public var errorFile: String { name + ".error" }
  }

  /// Which option names a manifest may use.
  public struct Rules: Sendable {
    /// Every option name the evaluation accepts (without dashes).
    public var known: Set<String>
    /// Options whose value is a file path, resolved against the manifest's directory.
    public var paths: Set<String>
    /// Options that exist but make no sense in a sweep, each with the reason.
    public var refused: [String: String]

    public init(
      known: Set<String>, paths: Set<String> = ["holdout", "schema"],
      refused: [String: String] = [:]
    ) {
      self.known = known
      self.paths = paths
      self.refused = refused
    }
  }

  /// Which evaluations of a manifest one run takes.
  public enum Selection: Sendable, Equatable {
    /// Every evaluation.
    case all
    /// The evaluation at this position (from 0).
    case index(Int)
    /// Every evaluation of the shard.
    case shard(Shard)

    /// The selection of a command line: `--index` or `--shard` when given, `--all` for every
    /// evaluation, otherwise the array index of the scheduler when set (`SLURM_ARRAY_TASK_ID`,
    /// then Kubernetes' `JOB_COMPLETION_INDEX`), otherwise every evaluation.
    /// - Throws: ``SweepError`` for more than one choice or an array index that is not a number.
    public static func choose(
      index: Int?, shard: Shard?, all: Bool, environment: [String: String]
    ) throws -> Selection {
      guard [index != nil, shard != nil, all].filter({ $0 }).count <= 1 else {
        throw SweepError("choose one of --index, --shard and --all")
      }
      if let index { return .index(index) }
      if let shard { return .shard(shard) }
      if all { return .all }
      for variable in ["SLURM_ARRAY_TASK_ID", "JOB_COMPLETION_INDEX"] {
        guard let text = environment[variable], !text.isEmpty else { continue }
        guard let value = Int(text), value >= 0 else {
          throw SweepError("$\(variable) is '\(text)', not an index")
        }
        return .index(value)
      }
      return .all
    }
  }

  /// The manifest's path, as given (for messages).
  public var file: String
  /// The evaluations, in line order.
  public var entries: [Entry]

  /// Reads and checks the manifest at `path`.
  /// - Parameters:
  ///   - checkFiles: Whether every sample, holdout and schema file must exist.
  ///   - workingDirectory: Paths of files under this directory are given relative to it (as one
  ///     would type them for `tda-eval evaluate` there, so that messages inside the reports read
  ///     the same); other paths are absolute.
  /// - Throws: ``SweepError``: `FILE line N: …` for the first bad line, or the names used twice.
  public init(
    contentsOf path: String, rules: Rules, checkFiles: Bool = true,
    workingDirectory: String? = FileManager.default.currentDirectoryPath
  ) throws {
    let data: Data
    do {
      data = try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
      throw SweepError("cannot read manifest '\(path)': \(oneLine(error.localizedDescription))")
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw SweepError("manifest '\(path)' is not UTF-8 text")
    }
    try self.init(
      text: text, file: path,
      directory: URL(fileURLWithPath: path).absoluteURL.deletingLastPathComponent(), rules: rules,
      checkFiles: checkFiles, workingDirectory: workingDirectory)
  }

  /// Parses and checks manifest text; relative paths are resolved against `directory`, and
  /// given relative to `workingDirectory` when under it.
  public init(
    text: String, file: String, directory: URL, rules: Rules, checkFiles: Bool = true,
    workingDirectory: String? = nil
  ) throws {
    self.file = file
    entries = []
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    if lines.last?.isEmpty == true { lines.removeLast() }
    for (offset, raw) in lines.enumerated() {
      let content = raw.hasSuffix("\r") ? raw.dropLast() : raw
      guard !content.allSatisfy(\.isWhitespace) else { continue }
      let line = offset + 1
      do {
        entries.append(
          try Self.entry(
            String(content), position: entries.count, line: line, directory: directory,
            rules: rules, checkFiles: checkFiles,
            workingDirectory: workingDirectory.map { URL(fileURLWithPath: $0).standardized.path }))
      } catch let error as SweepError {
        throw SweepError("\(file) line \(line): \(error.message)")
      }
    }
    guard !entries.isEmpty else { throw SweepError("\(file) holds no evaluation") }
    var lines_: [String: [Int]] = [:]
    for entry in entries { lines_[entry.name, default: []].append(entry.line) }
    let duplicates = lines_.filter { $0.value.count > 1 }.sorted { $0.value[0] < $1.value[0] }
    if let (name, on) = duplicates.first {
      throw SweepError(
        "\(file): name '\(name)' is used on lines \(on.map(String.init).joined(separator: ", ")); names must differ"
      )
    }
  }

  /// The evaluations `selection` takes.
  /// - Throws: ``SweepError`` for an index beyond the last evaluation.
  public func select(_ selection: Selection) throws -> [Entry] {
    switch selection {
    case .all: return entries
    case .index(let index):
      guard entries.indices.contains(index) else {
        throw SweepError(
          "index \(index) is out of range: \(file) holds \(entries.count) evaluation\(entries.count == 1 ? "" : "s") (indices 0…\(entries.count - 1))"
        )
      }
      return [entries[index]]
    case .shard(let shard):
      return shard.positions(among: entries.count).map { entries[$0] }
    }
  }

  // MARK: - One line

  static let fields = ["name", "real", "synthetic", "holdout", "options"]

  /// Whether `name` can name result files: not empty, no `/`, no `..`, no leading `.` (hidden
  /// and temporary files), no control characters, at most 200 bytes.
  public static func isSafeName(_ name: String) -> Bool {
    !name.isEmpty && name.utf8.count <= 200 && !name.contains("/") && !name.contains("..")
      && !name.hasPrefix(".")
      && !name.unicodeScalars.contains { $0.properties.generalCategory == .control }
  }

  private static func entry(
    _ text: String, position: Int, line: Int, directory: URL, rules: Rules, checkFiles: Bool,
    workingDirectory: String?
  ) throws -> Entry {
    let value: JSONValue
    do {
      value = try JSONValue.parse(Data(text.utf8))
    } catch let error as SweepError {
      throw SweepError("not valid JSON: \(error.message)")
    }
    guard case .object(let object) = value else {
      throw SweepError(
        "expected a JSON object {\"name\": …, \"real\": …, \"synthetic\": …}, got \(value.kind)")
    }
    if let unknown = object.keys.sorted().first(where: { !fields.contains($0) }) {
      throw SweepError(
        "unknown field '\(unknown)'; the fields are \(fields.joined(separator: ", "))")
    }
    func string(_ field: String) throws -> String? {
      guard let value = object[field] else { return nil }
      guard case .string(let text) = value, !text.isEmpty else {
        throw SweepError("'\(field)' must be a non-empty string, got \(value.kind)")
      }
      return text
    }
    guard let name = try string("name") else { throw SweepError("no 'name'") }
    guard isSafeName(name) else {
      throw SweepError(
        "name '\(name)' is not a safe file name (no '/', no '..', no leading '.', no control characters, at most 200 bytes)"
      )
    }
    func path(_ text: String, field: String) throws -> String {
      guard text != "-" else { throw SweepError("'\(field)' cannot be standard input in a sweep") }
      let resolved =
        text.hasPrefix("/")
        ? URL(fileURLWithPath: text).standardized.path
        : directory.absoluteURL.appendingPathComponent(text).standardized.path
      if checkFiles, !FileManager.default.fileExists(atPath: resolved) {
        throw SweepError("\(field) file '\(text)' not found (looked for \(resolved))")
      }
      if let base = workingDirectory {
        let prefix = base.hasSuffix("/") ? base : base + "/"
        if resolved.hasPrefix(prefix), resolved.count > prefix.count {
          let relative = String(resolved.dropFirst(prefix.count))
          return relative.hasPrefix("-") ? "./" + relative : relative
        }
      }
      return resolved
    }
    guard let real = try string("real") else { throw SweepError("no 'real' file") }
    guard let synthetic = try string("synthetic") else { throw SweepError("no 'synthetic' file") }
    var options: [String: OptionValue] = [:]
    if let given = object["options"] {
      guard case .object(let entries) = given else {
        throw SweepError(
          "'options' must be an object of option names and values, got \(given.kind)")
      }
      for (optionName, optionValue) in entries.sorted(by: { $0.key < $1.key }) {
        options[optionName] = try option(optionName, optionValue, rules: rules)
      }
    }
    if let holdout = try string("holdout") {
      guard options["holdout"] == nil else {
        throw SweepError("'holdout' is given both as a field and as an option")
      }
      options["holdout"] = .value(holdout)
    }
    for (optionName, optionValue) in options where rules.paths.contains(optionName) {
      guard case .value(let text) = optionValue else {
        throw SweepError("option '\(optionName)' must be a file path")
      }
      options[optionName] = .value(try path(text, field: optionName))
    }
    return Entry(
      name: name, line: line, position: position, real: try path(real, field: "real"),
      synthetic: try path(synthetic, field: "synthetic"), options: options)
  }

  private static func option(_ name: String, _ value: JSONValue, rules: Rules) throws -> OptionValue
  {
    if name.hasPrefix("-") {
      throw SweepError("option '\(name)': write option names without dashes")
    }
    if let reason = rules.refused[name] {
      throw SweepError("option '\(name)' cannot be used in a sweep: \(reason)")
    }
    guard rules.known.contains(name) || rules.paths.contains(name) else {
      throw SweepError("unknown option '\(name)' (evaluate has no --\(name))")
    }
    func scalar(_ value: JSONValue) -> String? {
      switch value {
      case .string(let text): text
      case .number(let text): text
      default: nil
      }
    }
    switch value {
    case .bool(let flag): return .flag(flag)
    case .array(let items):
      let texts = items.compactMap(scalar)
      guard texts.count == items.count, !texts.isEmpty else {
        throw SweepError("option '\(name)': a list must hold strings or numbers, at least one")
      }
      return .list(texts)
    default:
      guard let text = scalar(value) else {
        throw SweepError(
          "option '\(name)' must be a string, a number, true/false or a list, got \(value.kind)")
      }
      return .value(text)
    }
  }
}
