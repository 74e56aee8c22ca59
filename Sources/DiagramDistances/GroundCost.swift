import Foundation

/// The cost of one matched edge for the Wasserstein distance: the `internalP` norm of the
/// difference, raised to the order q. The distance of a point to the diagonal is the norm of its
/// difference to its orthogonal projection, `(death − birth) · 2^(1/p − 1)` (`/ 2` for L∞).
struct GroundCost: Sendable {
  let p: Double
  let q: Double
  private let diagonalScale: Double

  init(internalP p: Double, order q: Double) {
    self.p = p
    self.q = q
    diagonalScale = p.isInfinite ? 0.5 : Foundation.pow(2, 1 / p - 1)
  }

  /// The `p`-norm of a difference with non-negative components `dx`, `dy`.
  @inline(__always)
  func norm(_ dx: Double, _ dy: Double) -> Double {
    if p.isInfinite { return max(dx, dy) }
    if p == 1 { return dx + dy }
    if p == 2 { return (dx * dx + dy * dy).squareRoot() }
    let top = max(dx, dy)
    if top == 0 { return 0 }
    return top * Foundation.pow(Foundation.pow(dx / top, p) + Foundation.pow(dy / top, p), 1 / p)
  }

  /// `d^q`.
  @inline(__always)
  func power(_ d: Double) -> Double {
    if q == 1 { return d }
    if q == 2 { return d * d }
    return Foundation.pow(d, q)
  }

  /// `‖(x1, y1) − (x2, y2)‖_p^q`.
  @inline(__always)
  func cost(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double) -> Double {
    power(norm(abs(x1 - x2), abs(y1 - y2)))
  }

  /// `dist((x, y), diagonal)^q`.
  @inline(__always)
  func diagonalCost(_ x: Double, _ y: Double) -> Double {
    power((y - x) * diagonalScale)
  }
}
