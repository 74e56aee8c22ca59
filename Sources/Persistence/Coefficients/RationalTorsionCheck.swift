/// Where the persistence diagrams of one filtration over different coefficient fields differ.
///
/// By the universal coefficient theorem, the barcode over Z/p equals the barcode over Q unless
/// the integral persistent homology has p-torsion; a p-torsion class shows over Z/p as a bar in
/// degree k *and* a bar in degree k + 1 with the same endpoints, both absent over Q. The real
/// projective plane is the classic case: Z/2 sees H1 and H2 bars that Z/3 and Q do not.
///
/// Filtration values do not depend on the field, so bars are compared exactly, as multisets.
public struct TorsionCheck: Sendable, Hashable {
  /// The diagrams of one field.
  public struct Run: Sendable, Hashable {
    /// The field's name, such as `Z/2` or `Q`.
    public var field: String
    /// The diagrams of dimensions 0, 1, …, one per dimension in order.
    public var diagrams: [PersistenceDiagram]

    /// The diagrams `diagrams` computed over `field`.
    public init(field: String, diagrams: [PersistenceDiagram]) {
      self.field = field
      self.diagrams = diagrams
    }
  }

  /// A bar whose multiplicity is not the same over all fields.
  public struct Difference: Sendable, Hashable {
    /// The homology dimension.
    public var dimension: Int
    /// The bar.
    public var bar: PersistencePair
    /// How many times each run has the bar, in the order of `runs`.
    public var multiplicities: [Int]
  }

  /// The runs compared, in the order given.
  public let runs: [Run]
  /// The bars that differ, by dimension, then birth, then death.
  public let differences: [Difference]

  /// Compares the runs (at least one); dimensions missing from a run count as empty.
  public init(runs: [Run]) {
    precondition(!runs.isEmpty, "TorsionCheck needs at least one run")
    self.runs = runs
    let dimensions = runs.map(\.diagrams.count).max() ?? 0
    var differences: [Difference] = []
    for dimension in 0..<dimensions {
      var counts: [PersistencePair: [Int]] = [:]
      for (position, run) in runs.enumerated() where dimension < run.diagrams.count {
        for bar in run.diagrams[dimension].pairs {
          counts[bar, default: Array(repeating: 0, count: runs.count)][position] += 1
        }
      }
      for (bar, multiplicities) in counts where Set(multiplicities).count > 1 {
        differences.append(
          Difference(dimension: dimension, bar: bar, multiplicities: multiplicities))
      }
    }
    self.differences = differences.sorted {
      ($0.dimension, $0.bar.birth, $0.bar.death) < ($1.dimension, $1.bar.birth, $1.bar.death)
    }
  }

  /// Whether all runs have the same diagrams.
  public var agree: Bool { differences.isEmpty }

  /// The dimensions in which some runs differ, increasing.
  public var differingDimensions: [Int] { Array(Set(differences.map(\.dimension))).sorted() }

  /// The fields whose diagrams equal those of the field at `position`.
  public func fieldsAgreeing(with position: Int) -> [String] {
    runs.indices.filter { other in
      differences.allSatisfy { $0.multiplicities[other] == $0.multiplicities[position] }
    }
    .map { runs[$0].field }
  }
}
