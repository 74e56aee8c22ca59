/// Whether a k-NN ball B(x, r) contains the points at distance exactly r.
///
/// The two reference implementations disagree (docs/metrics.md): `prdc` tests `distance < radius`
/// on Euclidean distances (open balls), Kynkäänniemi et al.'s code tests `distance² <= radius²` on
/// squared distances (closed balls). The difference shows on data with ties (integer grids,
/// duplicates): an open ball of radius 0 contains nothing, not even copies of its centre.
public enum BallBoundary: String, Codable, Sendable, CaseIterable {
  /// `d(y, x) < r`, as `prdc` compares Euclidean distances (the default).
  case open
  /// `d(y, x)² <= r²`, as Kynkäänniemi et al.'s code compares squared distances.
  case closed

  /// The squared distance from which a point is no longer inside a ball of squared radius
  /// `squaredRadius`: a point at squared distance v is inside exactly when `v < threshold`.
  ///
  /// For open balls this is the least t with √t ≥ √squaredRadius, so the test on squared
  /// distances gives the same answer as `prdc`'s test on rounded square roots, even where √
  /// maps two squared distances to the same double.
  @inlinable
  public func threshold(squaredRadius: Double) -> Double {
    switch self {
    case .closed:
      return squaredRadius.nextUp
    case .open:
      let radius = squaredRadius.squareRoot()
      var t = squaredRadius
      while t > 0 && t.nextDown.squareRoot() >= radius { t = t.nextDown }
      return t
    }
  }
}
