import PointClouds

/// A controlled failure of a generative model of tables: how a synthetic table departs from the
/// real one. ``PatientRegistry/pair(count:seed:missingRate:failure:)`` draws a real registry and
/// the synthetic registry this failure produces.
public enum TableFailure: Hashable, Sendable, Codable {
  /// A fresh sample of the real distribution (the ideal model).
  case faithful
  /// Every synthetic row comes from one sub-population (for the registry: women who never
  /// smoked); the other columns follow from it as in the real distribution.
  case modeCollapse
  /// A fresh sample whose numeric columns are each shuffled independently: every column keeps its
  /// values (its marginal, missing cells included) while its relations to the other columns are
  /// destroyed.
  case brokenCorrelations
  /// A fresh sample whose measured labs are moved by `sigma` times their scale, about one real
  /// standard deviation (for the registry: `systolic_bp`, `cholesterol`, `hba1c`, see
  /// ``PatientRegistry/labScales``); the other columns, `diabetes` included, are those of the
  /// fresh sample.
  case shiftedLabs(sigma: Double)
  /// A fresh sample in which each cell (identifiers excepted) is missing with probability `rate`
  /// ∈ [0, 1] instead of the real rate. The draws are those of the faithful sample, so a higher
  /// rate only adds missing cells to it.
  case missingInflation(rate: Double)
  /// A fraction `fraction` ∈ [0, 1] of the synthetic rows are exact copies of distinct real rows
  /// (every cell but the identifier, missing cells included); the other rows are fresh.
  case memorisation(fraction: Double)
  /// A rare category is never generated: rows are drawn from the real distribution conditioned on
  /// its absence (for the registry: stage IV, about 8% of real rows).
  case rareCategoryDropped

  /// The kinds of failure, named as on the command line and in tables, in the order tables list
  /// them.
  public enum Kind: String, Sendable, CaseIterable, Codable {
    case faithful
    case modeCollapse = "mode-collapse"
    case brokenCorrelations = "broken-correlations"
    case shiftedLabs = "shifted-labs"
    case missingInflation = "missing-inflation"
    case memorisation
    case rareCategoryDropped = "rare-category-dropped"
  }

  /// The kind of this failure.
  public var kind: Kind {
    switch self {
    case .faithful: .faithful
    case .modeCollapse: .modeCollapse
    case .brokenCorrelations: .brokenCorrelations
    case .shiftedLabs: .shiftedLabs
    case .missingInflation: .missingInflation
    case .memorisation: .memorisation
    case .rareCategoryDropped: .rareCategoryDropped
    }
  }

  /// The kebab-case name used on the command line and in tables.
  public var name: String { kind.rawValue }

  /// The failure of `kind` with `parameter` as its sigma, rate or fraction (defaults: sigma 1,
  /// rate 0.3, fraction 0.5). A parameter given to a failure that takes none is ignored.
  public init(_ kind: Kind, parameter: Double? = nil) {
    switch kind {
    case .faithful: self = .faithful
    case .modeCollapse: self = .modeCollapse
    case .brokenCorrelations: self = .brokenCorrelations
    case .shiftedLabs: self = .shiftedLabs(sigma: parameter ?? 1)
    case .missingInflation: self = .missingInflation(rate: parameter ?? 0.3)
    case .memorisation: self = .memorisation(fraction: parameter ?? 0.5)
    case .rareCategoryDropped: self = .rareCategoryDropped
    }
  }

  /// The failure called `name` (see ``init(_:parameter:)``), or nil for an unknown name.
  public init?(name: String, parameter: Double? = nil) {
    guard let kind = Kind(rawValue: name) else { return nil }
    self.init(kind, parameter: parameter)
  }

  /// A short label with the parameter, e.g. `shifted-labs σ=0.5` (parameters in shortest form).
  public var label: String {
    switch self {
    case .faithful, .modeCollapse, .brokenCorrelations, .rareCategoryDropped: name
    case .shiftedLabs(let sigma): "\(name) σ=\(sigma)"
    case .missingInflation(let rate): "\(name) rate=\(rate)"
    case .memorisation(let fraction): "\(name) fraction=\(fraction)"
    }
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
    case .faithful, .modeCollapse, .brokenCorrelations, .rareCategoryDropped: break
    case .shiftedLabs(let sigma): try check("sigma", sigma, "finite", true)
    case .missingInflation(let rate): try check("rate", rate, "in [0, 1]", rate >= 0 && rate <= 1)
    case .memorisation(let fraction):
      try check("fraction", fraction, "in [0, 1]", fraction >= 0 && fraction <= 1)
    }
  }
}
