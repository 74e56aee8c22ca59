import Foundation
import TDAEval

/// `tda-eval rips --json` and `tda-eval distance --json`, as values.
enum Rips {
  static let allowed: Set<String> = [
    "maxdim", "coeff", "threshold", "metric", "index_width", "threads", "distance_matrix",
  ]

  /// `coeff`: a prime p (a number or its digits) or "Q", as `--coeff` reads it.
  static func coefficients(_ options: Options) throws -> Coefficients? {
    try options.string("coeff").map { text throws(PersistenceError) in
      try Coefficients(parsing: text)
    }
  }

  static func run(_ input: RipsInput, options: Options) throws -> Data {
    try options.check(allowed: allowed, command: "rips")
    let maxdim = try options.int("maxdim") ?? 1
    let coeff = try coefficients(options) ?? RipsOptions().coefficients
    let metricName = try options.string("metric") ?? "euclidean"
    guard let metric = Metric(rawValue: metricName) else {
      throw BadInput("--metric must be euclidean, manhattan or chebyshev, got '\(metricName)'")
    }
    let threads = try options.int("threads")
    if let threads, threads < 1 { throw BadInput("--threads must be at least 1, got \(threads)") }
    var ripsOptions = RipsOptions(
      maxDimension: maxdim, coefficients: coeff, threshold: try options.double("threshold"),
      threads: threads ?? defaultThreadCount, progress: nil)
    if let name = try options.string("index_width") {
      guard let width = SimplexIndexWidth(name: name) else {
        throw BadInput("--index-width must be 64, 128 or gmp, got '\(name)'")
      }
      ripsOptions.indexWidth = width
    }
    // Refused before anything large is allocated, as the CLI does (the default memory budget).
    try RipsPersistence.checkMemory(input, metric: metric, options: ripsOptions)
    let result = try RipsPersistence.compute(input, metric: metric, options: ripsOptions)
    return try encodeJSON(RipsSummary(result, maxdim: maxdim, coeff: coeff))
  }
}

enum DiagramDistance {
  static let allowed: Set<String> = [
    "metric", "order", "internal_p", "relative_error", "method", "ignore_essential", "matching",
  ]

  static func run(_ a: PersistenceDiagram, _ b: PersistenceDiagram, options: Options) throws -> Data
  {
    try options.check(allowed: allowed, command: "distance")
    let metric = try options.string("metric") ?? "bottleneck"
    let internalP = try options.double("internal_p") ?? .infinity
    let ignoreEssential = try options.bool("ignore_essential") ?? false
    let matching = try options.bool("matching") ?? false
    guard internalP >= 1 else {
      throw BadInput("--internal-p must be in [1, inf], got \(internalP)")
    }
    if let error = try options.double("relative_error"), !(error >= 0 && error.isFinite) {
      throw BadInput("--relative-error must be a finite number ≥ 0, got \(error)")
    }
    let result: DiagramDistanceResult
    let relativeError: Double
    var order: Double? = nil
    switch metric {
    case "bottleneck":
      if internalP != .infinity {
        throw BadInput("--internal-p applies to --wasserstein only (bottleneck uses L∞)")
      }
      relativeError = try options.double("relative_error") ?? 0
      result = try Bottleneck.compute(
        a, b, relativeError: relativeError, ignoreEssential: ignoreEssential, matching: matching)
    case "wasserstein":
      let q = try options.double("order") ?? 1
      guard q >= 1 && q.isFinite else {
        throw BadInput("--wasserstein must be a finite number ≥ 1, got \(q)")
      }
      order = q
      relativeError = try options.double("relative_error") ?? 0.01
      let methodName = try options.string("method") ?? Wasserstein.Method.automatic.rawValue
      guard let method = Wasserstein.Method(rawValue: methodName) else {
        throw BadInput("--method must be automatic, exact or auction, got '\(methodName)'")
      }
      result = try Wasserstein.compute(
        a, b, order: q, internalP: internalP, relativeError: relativeError, method: method,
        ignoreEssential: ignoreEssential, matching: matching)
    default:
      throw BadInput("metric must be bottleneck or wasserstein, got '\(metric)'")
    }
    return try encodeJSON(
      DiagramDistanceReport(
        metric: metric, order: order, internalP: internalP, relativeError: relativeError,
        ignoreEssential: ignoreEssential, distance: result.distance, matching: result.matching))
  }
}
