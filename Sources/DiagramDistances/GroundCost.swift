import Foundation

/// The cost of one matched edge for the Wasserstein distance, in a scaled form: the `internalP`
/// norm of the difference divided by a unit `u`, raised to the order q, and capped:
///
///     cost = min(cap, (‖a − b‖_p / u)^q).
///
/// The distance of a point to the diagonal is the norm of its difference to its orthogonal
/// projection, `(death − birth) · 2^(1/p − 1)` (`/ 2` for L∞).
///
/// **Why a unit.** `d^q` leaves float64 for `d ≳ 10^(308/q)` (overflow: 1e160² is +∞, and the
/// solvers then compare or subtract infinities) and for `d ≲ 10^(−308/q)` (underflow: with q = 400
/// every cost below 0.17 is 0). `Wasserstein.compute` chooses `u` near the bottleneck distance
/// B∞ of the pair; since `B∞ ≤ W_q ≤ N^(1/q) · 2^(1/p) · B∞`, the optimal scaled total lies within
/// a few orders of magnitude of 1 and the distance is `u · (Σ cost)^(1/q)`, which overflows only
/// when the true value does. With `u = 1` and `cap = +∞` the costs are the plain `d^q`.
///
/// **Why a cap.** Edges much longer than the optimum (far-away points) would still overflow. Any
/// edge costing at least `cap > OPT` (OPT the optimal scaled total) is in no optimal matching,
/// and after capping a matching that uses such an edge still costs `≥ cap > OPT`, while the
/// optimal matching is unchanged (all its edges are `≤ OPT < cap`). So capping preserves the
/// optimum and keeps every cost, price and potential finite.
///
/// **Overflowing differences.** `x1 − x2` of two finite coordinates can overflow (1e308 −
/// (−1e308));
/// the quarter differences `x1/4 − x2/4` cannot, and neither can their p-norm (≤ 2^(1/p) · max/2),
/// so the scaled norm is recomputed from them on that path. Half persistences likewise use
/// `y/2 − x/2`.
struct GroundCost: Sendable {
  let p: Double
  let q: Double
  /// The unit u every distance is divided by before the power.
  let unit: Double
  /// Every cost is at most this (see the type's documentation).
  let cap: Double
  private let diagonalScale: Double
  /// `1 / unit` when that is exact (a power of two unit), else 0: multiplying is several times
  /// faster than dividing in the bid queries' inner loops and gives the same bits.
  private let exactInverseUnit: Double

  init(internalP p: Double, order q: Double, unit: Double = 1, cap: Double = .infinity) {
    self.p = p
    self.q = q
    self.unit = unit
    self.cap = cap
    diagonalScale = p.isInfinite ? 0.5 : Foundation.pow(2, 1 / p - 1)
    let inverse = 1 / unit
    exactInverseUnit =
      unit.significand == 1 && inverse.isNormal && inverse * unit == 1 ? inverse : 0
  }

  /// The same metric and order with another unit and cap.
  func scaled(unit: Double, cap: Double) -> GroundCost {
    GroundCost(internalP: p, order: q, unit: unit, cap: cap)
  }

  /// The `p`-norm of a difference with non-negative components `dx`, `dy` (unscaled). For p = 2
  /// the direct formula is used when `dx² + dy²` is a finite normal number (exact for 3-4-5), the
  /// scaled one `t · √((dx/t)² + (dy/t)²)` otherwise (no spurious overflow or underflow).
  @inline(__always)
  func norm(_ dx: Double, _ dy: Double) -> Double {
    if p.isInfinite { return max(dx, dy) }
    if p == 1 { return dx + dy }
    if p == 2 {
      let sum = dx * dx + dy * dy
      if sum.isFinite && sum >= .leastNormalMagnitude { return sum.squareRoot() }
    }
    let top = max(dx, dy)
    if top == 0 || !top.isFinite { return top }
    if p == 2 {
      let (u, v) = (dx / top, dy / top)
      return top * (u * u + v * v).squareRoot()
    }
    return top * Foundation.pow(Foundation.pow(dx / top, p) + Foundation.pow(dy / top, p), 1 / p)
  }

  /// `min(cap, (d / unit)^q)`.
  @inline(__always)
  func power(_ d: Double) -> Double {
    raise(exactInverseUnit != 0 ? d * exactInverseUnit : d / unit)
  }

  /// `min(cap, r^q)`.
  @inline(__always)
  private func raise(_ r: Double) -> Double {
    let value: Double
    if q == 1 {
      value = r
    } else if q == 2 {
      value = r * r
    } else {
      value = Foundation.pow(r, q)
    }
    return min(cap, value)
  }

  /// q (1 or 2) when p = ∞ and the unit is a power of two, else 0: the case of
  /// `lInfinityPower`.
  var lInfinityOrder: Int {
    p.isInfinite && exactInverseUnit != 0 && (q == 1 || q == 2) ? Int(q) : 0
  }

  /// `power(norm(dx, dy))` when `lInfinityOrder` is 1 (`squared` false) or 2 (true): the same
  /// operations without the branches on p, q and the unit, for the bid queries' inner loops.
  @inline(__always)
  func lInfinityPower(_ dx: Double, _ dy: Double, squared: Bool) -> Double {
    let r = max(dx, dy) * exactInverseUnit
    return min(cap, squared ? r * r : r)
  }

  /// `min(cap, (‖(x1, y1) − (x2, y2)‖_p / unit)^q)`.
  @inline(__always)
  func cost(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double) -> Double {
    let d = norm(abs(x1 - x2), abs(y1 - y2))
    if d.isFinite { return power(d) }
    // Overflowed difference: the quarter differences and their norm are finite.
    let quarter = norm(abs(x1 * 0.25 - x2 * 0.25), abs(y1 * 0.25 - y2 * 0.25))
    return raise(quarter / unit * 4)
  }

  /// The (unscaled) distance of `(x, y)` to the diagonal, `(y − x) · 2^(1/p − 1)`, finite whenever
  /// the true value is.
  @inline(__always)
  func diagonalDistance(_ x: Double, _ y: Double) -> Double {
    let span = y - x
    if span.isFinite { return span * diagonalScale }
    return (y * 0.5 - x * 0.5) * (2 * diagonalScale)
  }

  /// `min(cap, (dist((x, y), diagonal) / unit)^q)`.
  @inline(__always)
  func diagonalCost(_ x: Double, _ y: Double) -> Double {
    let span = y - x
    if span.isFinite { return power(span * diagonalScale) }
    return raise((y * 0.25 - x * 0.25) / unit * (4 * diagonalScale))
  }
}
