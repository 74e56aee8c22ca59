import ArgumentParser
import TDAEval

/// `--max-memory SIZE`: the memory budget of the commands that allocate large buffers (rips,
/// diagrams, gscore, kde, evaluate, generate, metrics, privacy, fidelity). Without it the budget
/// is the smallest of the physical memory, `RLIMIT_AS` and the cgroup limit
/// (`MemoryBudget.available`); a computation whose estimate is above the budget is refused before
/// it allocates (exit 2, one line with the estimate and what would make it fit).
struct MemoryOptions: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "Memory budget, e.g. 4G, 512M, 1.5G or bytes (default: physical memory, RLIMIT_AS or the cgroup limit, the smallest).",
      valueName: "size"))
  var maxMemory: String?

  func validate() throws {
    if let maxMemory, MemoryBudget.parse(maxMemory) == nil {
      throw ValidationError(
        "--max-memory must be a positive size such as 4G, 512M or 1000000 (bytes; units K, M, G, T), got '\(maxMemory)'"
      )
    }
  }

  /// Installs the budget for this process (before any work) and returns it.
  @discardableResult
  func install() -> MemoryBudget {
    if let maxMemory, let bytes = MemoryBudget.parse(maxMemory) {
      MemoryBudget.setOverride(bytes, source: "--max-memory \(maxMemory)")
    }
    return MemoryBudget.current
  }
}

extension MemoryOptions {
  /// Refuses Gower distance matrices of tables of `rows` rows, all held at once: the lower
  /// triangles n(n − 1)/2 doubles (persistence), or the square n² (`square`, geometry score).
  static func checkGowerMatrices(rows: [Int], square: Bool, for purpose: String, fewerRows: String)
    throws
  {
    let bytes = rows.reduce(0.0) { total, n in
      let n = Double(n)
      return total + (square ? n * n : n * (n - 1) / 2) * 8
    }
    try MemoryBudget.current.check(
      bytes: bytes,
      what:
        "the Gower distance matrices of \(rows.map(String.init).joined(separator: " and ")) rows (\(purpose))",
      suggestion: fewerRows)
  }
}
