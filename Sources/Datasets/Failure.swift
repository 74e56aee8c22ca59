import PointClouds

/// A controlled failure of a generative model: how a synthetic sample departs from the real
/// distribution. ``ControlledFailures/pair(base:failure:count:seed:)`` draws a real sample and the
/// synthetic sample this failure produces.
public enum Failure: Hashable, Sendable, Codable {
  /// A fresh sample of the real distribution (the ideal model).
  case faithful
  /// Every synthetic point comes from mode 0 only.
  case modeCollapse
  /// Only the first `max(1, round(kept × modeCount))` modes are produced; `kept` ∈ (0, 1].
  case droppedModes(kept: Double)
  /// A fresh sample with independent Gaussian noise of standard deviation `sigma` (in units of
  /// the distribution's coordinate scales) on every coordinate.
  case noise(sigma: Double)
  /// A fraction `fraction` ∈ [0, 1] of the synthetic rows are copies of distinct real rows, each
  /// coordinate perturbed by Gaussian noise of standard deviation `jitter` (0: exact copies); the
  /// other rows are fresh.
  case memorisation(fraction: Double, jitter: Double)
  /// A fresh sample moved by Euclidean length `offset` along the diagonal (1, …, 1)/√d (each
  /// coordinate moved by `offset/√d` times its scale).
  case translation(offset: Double)
  /// A fresh sample scaled by `factor` > 0 about its own mean.
  case scaling(factor: Double)
  /// A sample of a shape with other Betti numbers covering about the same region (see
  /// ``BaseDistribution/hasWrongTopologyCounterpart``).
  case wrongTopology
  /// A fresh sample of only `max(1, round(fraction × count))` points; `fraction` ∈ (0, 1].
  case tooFewSamples(fraction: Double)

  /// The kinds of failure, named as on the command line and in tables, in the order tables list
  /// them.
  public enum Kind: String, Sendable, CaseIterable, Codable {
    case faithful
    case modeCollapse = "mode-collapse"
    case droppedModes = "dropped-modes"
    case noise
    case memorisation
    case translation
    case scaling
    case wrongTopology = "wrong-topology"
    case tooFewSamples = "too-few-samples"
  }

  /// The failure of `kind` with its parameter taken from the matching argument (the others are
  /// ignored). The defaults are those of `tda-eval generate`: 40% of the modes kept, σ = 0.1,
  /// every row memorised (exact copies), 10% of the points kept by too-few-samples, a unit
  /// translation and a scaling by 1.5.
  public init(
    _ kind: Kind, kept: Double = 0.4, sigma: Double = 0.1, fraction: Double? = nil,
    jitter: Double = 0, offset: Double = 1, factor: Double = 1.5
  ) {
    switch kind {
    case .faithful: self = .faithful
    case .modeCollapse: self = .modeCollapse
    case .droppedModes: self = .droppedModes(kept: kept)
    case .noise: self = .noise(sigma: sigma)
    case .memorisation: self = .memorisation(fraction: fraction ?? 1, jitter: jitter)
    case .translation: self = .translation(offset: offset)
    case .scaling: self = .scaling(factor: factor)
    case .wrongTopology: self = .wrongTopology
    case .tooFewSamples: self = .tooFewSamples(fraction: fraction ?? 0.1)
    }
  }

  /// The kind of this failure.
  public var kind: Kind {
    switch self {
    case .faithful: .faithful
    case .modeCollapse: .modeCollapse
    case .droppedModes: .droppedModes
    case .noise: .noise
    case .memorisation: .memorisation
    case .translation: .translation
    case .scaling: .scaling
    case .wrongTopology: .wrongTopology
    case .tooFewSamples: .tooFewSamples
    }
  }

  /// The kebab-case name used on the command line and in tables.
  public var name: String { kind.rawValue }

  /// A short label with the parameter, e.g. `noise σ=0.1` (parameters in shortest form).
  public var label: String {
    switch self {
    case .faithful, .modeCollapse, .wrongTopology: name
    case .droppedModes(let kept): "\(name) kept=\(kept)"
    case .noise(let sigma): "\(name) σ=\(sigma)"
    case .memorisation(let fraction, let jitter): "\(name) fraction=\(fraction) jitter=\(jitter)"
    case .translation(let offset): "\(name) offset=\(offset)"
    case .scaling(let factor): "\(name) factor=\(factor)"
    case .tooFewSamples(let fraction): "\(name) fraction=\(fraction)"
    }
  }

  /// Whether the failure can be produced from `base` (only wrong topology needs a counterpart).
  public func isApplicable(to base: BaseDistribution) -> Bool {
    self != .wrongTopology || base.hasWrongTopologyCounterpart
  }

  /// Checks the parameter against its allowed range.
  /// - Throws: `PointCloudError.invalidParameter` naming the parameter and its range.
  public func validate() throws {
    func check(_ name: String, _ value: Double, _ allowed: String, _ ok: Bool) throws {
      guard ok && value.isFinite else {
        throw PointCloudError.invalidParameter(name: name, value: "\(value)", allowed: allowed)
      }
    }
    switch self {
    case .faithful, .modeCollapse, .wrongTopology: break
    case .droppedModes(let kept): try check("kept", kept, "in (0, 1]", kept > 0 && kept <= 1)
    case .noise(let sigma): try check("sigma", sigma, "≥ 0", sigma >= 0)
    case .memorisation(let fraction, let jitter):
      try check("fraction", fraction, "in [0, 1]", fraction >= 0 && fraction <= 1)
      try check("jitter", jitter, "≥ 0", jitter >= 0)
    case .translation(let offset): try check("offset", offset, "finite", true)
    case .scaling(let factor): try check("factor", factor, "> 0", factor > 0)
    case .tooFewSamples(let fraction):
      try check("fraction", fraction, "in (0, 1]", fraction > 0 && fraction <= 1)
    }
  }
}
