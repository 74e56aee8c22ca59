import Foundation

/// The benchmark tables in shards: `tda-eval tables --shard i/n` runs the jobs of one shard
/// (``BenchmarkTables/jobs(_:)``, interleaved as ``Shard`` says) and saves their results;
/// `tda-eval tables --merge DIR…` puts the results of every shard together and writes the
/// tables, byte-identical to a single run (the runtime table measures time, so it is not).
extension BenchmarkTables {
  /// The saved results of one shard, with what is needed to check that shards belong together.
  public struct ShardResults: Sendable, Equatable, Codable {
    /// The configuration the results were made with (``configurationKey``).
    public var configuration: String
    /// The tables asked for, sorted.
    public var tables: [String]
    /// `i/n`.
    public var shard: String
    /// The results by job id.
    public var results: [String: JobResult]

    /// The file name of shard `shard`'s results: `tables-shard-I-of-N.json`.
    public static func fileName(_ shard: Shard) -> String {
      "tables-shard-\(shard.index)-of-\(shard.count).json"
    }

    /// Whether `name` is the name of a shard's results.
    public static func isFileName(_ name: String) -> Bool {
      name.hasPrefix("tables-shard-") && name.hasSuffix(".json")
    }

    /// The results as JSON (sorted keys; infinities and NaN as strings, so that every value reads
    /// back bit for bit).
    public func encoded() throws -> Data {
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
      encoder.nonConformingFloatEncodingStrategy = .convertToString(
        positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
      var data = try encoder.encode(self)
      data.append(0x0A)
      return data
    }

    /// Reads results written by ``encoded()``.
    /// - Throws: ``SweepError`` naming `file`.
    public static func decode(_ data: Data, file: String) throws -> ShardResults {
      let decoder = JSONDecoder()
      decoder.nonConformingFloatDecodingStrategy = .convertFromString(
        positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
      do {
        return try decoder.decode(ShardResults.self, from: data)
      } catch {
        throw SweepError("'\(file)' is not a tables shard file")
      }
    }
  }

  /// A description of everything the tables depend on, so that results made with another
  /// configuration (say `--quick` against the full tables) are never merged.
  public var configurationKey: String {
    func list<T>(_ values: [T]) -> String { values.map { "\($0)" }.joined(separator: ",") }
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    let evaluationText =
      (try? encoder.encode(evaluation)).map { String(decoding: $0, as: UTF8.self) } ?? ""
    return [
      "count=\(count)", "seeds=\(list(seeds))", "bases=\(list(bases.map(\.rawValue)))",
      "failures=\(list(failures))",
      "noise=\(list(noiseBases.map(\.rawValue)))@\(list(noiseLevels))",
      "kept=\(list(keptBases.map(\.rawValue)))@\(list(keptFractions))",
      "runtime=\(list(runtimeSizes))x\(runtimeBaseDimension);\(list(runtimeDimensions))x\(runtimeBaseCount);limit \(persistenceSizeLimit)",
      "evaluation=\(evaluationText)",
    ].joined(separator: " ")
  }

  /// Runs the jobs of `shard` for `tables`.
  public func run(
    shard: Shard, tables: Set<Table> = Set(Table.allCases), progress: ProgressHandler? = nil
  ) throws -> ShardResults {
    let all = jobs(tables)
    let mine = shard.positions(among: all.count).map { all[$0] }
    let counter = ProgressCounter(total: mine.count, progress: progress)
    return ShardResults(
      configuration: configurationKey, tables: tables.map(\.rawValue).sorted(),
      shard: shard.description, results: try run(mine, counter: counter))
  }

  /// The files of `tables` from the results of shards.
  /// - Throws: ``SweepError`` when a shard was made with another configuration or other tables,
  ///   or when jobs have no result (a shard missing).
  public func merge(_ shards: [ShardResults], tables: Set<Table> = Set(Table.allCases)) throws
    -> [TableFile]
  {
    let names = tables.map(\.rawValue).sorted()
    var results: [String: JobResult] = [:]
    for shard in shards {
      guard shard.configuration == configurationKey else {
        throw SweepError(
          "shard \(shard.shard) was made with another configuration (give the same --quick as for the shards)"
        )
      }
      guard shard.tables == names else {
        throw SweepError(
          "shard \(shard.shard) holds the tables \(shard.tables.joined(separator: ",")), not \(names.joined(separator: ",")) (give the same --only as for the shards)"
        )
      }
      results.merge(shard.results) { first, _ in first }
    }
    let all = jobs(tables)
    let missing = all.filter { results[$0.id] == nil }
    if let first = missing.first {
      let found = Set(shards.map(\.shard)).sorted().joined(separator: ", ")
      throw SweepError(
        "\(missing.count) of \(all.count) table jobs have no result (first: \(first.id)); shards found: \(found.isEmpty ? "none" : found)"
      )
    }
    return try assemble(tables: tables, results: results)
  }

  /// Reads every shard file (``ShardResults/isFileName(_:)``) in `directories`.
  /// - Throws: ``SweepError`` for a directory that cannot be read or holds no shard file.
  public static func readShards(in directories: [String]) throws -> [ShardResults] {
    var shards: [ShardResults] = []
    for directory in directories {
      let names: [String]
      do {
        names = try FileManager.default.contentsOfDirectory(atPath: directory)
      } catch {
        throw SweepError("cannot read '\(directory)': \(oneLine(error.localizedDescription))")
      }
      let files = names.filter(ShardResults.isFileName).sorted()
      guard !files.isEmpty else {
        throw SweepError("'\(directory)' holds no tables-shard-*.json file")
      }
      for name in files {
        let path = URL(fileURLWithPath: directory).appendingPathComponent(name).path
        guard let data = FileManager.default.contents(atPath: path) else {
          throw SweepError("cannot read '\(path)'")
        }
        shards.append(try ShardResults.decode(data, file: path))
      }
    }
    return shards
  }
}
