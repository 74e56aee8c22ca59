import Persistence

/// Relative living times (RLT) of a barcode, Khrulkov & Oseledets (ICML 2018), eqs. (2)–(3).
///
/// For H1 bars [b, e) of a filtration that stops at α_max (an infinite e is cut to α_max):
///
///     RLT(i) = (1/α_max) · |{a ∈ [0, α_max] : #{bars with b ≤ a < e} = i}|,   i = 0 … i_max − 1,
///
/// the fraction of the filtration range during which exactly i holes are alive. The Betti count is
/// a step function, so the integral is exact: it is constant between consecutive distinct values
/// of {0, α_max, every endpoint} and summed piece by piece in increasing order, as the reference
/// code does. Time with i_max or more alive bars is dropped (the vector then sums to less than 1);
/// an empty barcode gives (1, 0, …, 0).
///
/// Complexity O(B log B) for B bars.
public enum RelativeLivingTimes {
  /// The RLT vector (length `imax`) of `bars` over [0, `maxAlpha`].
  /// - Precondition: `maxAlpha > 0`, `imax ≥ 1`, every birth finite.
  public static func vector(bars: [PersistencePair], maxAlpha: Double, imax: Int) -> [Double] {
    precondition(maxAlpha > 0, "α_max must be positive")
    precondition(imax >= 1, "i_max must be at least 1")
    var times = [Double](repeating: 0, count: imax)
    guard !bars.isEmpty else {
      times[0] = 1
      return times
    }
    // Events: +1 at a birth, −1 at a death (infinite deaths at α_max), plus the two ends.
    var events: [(position: Double, change: Int)] = [(0, 0), (maxAlpha, 0)]
    events.reserveCapacity(2 * bars.count + 2)
    for bar in bars {
      precondition(bar.birth.isFinite, "a bar must be born at a finite value")
      events.append((bar.birth, 1))
      events.append((bar.death.isInfinite ? maxAlpha : bar.death, -1))
    }
    events.sort { $0.position < $1.position }
    var alive = 0
    var index = 0
    while index < events.count {
      let position = events[index].position
      while index < events.count && events[index].position == position {
        alive += events[index].change
        index += 1
      }
      if index < events.count && alive < imax {
        times[alive] += events[index].position - position
      }
    }
    return times.map { $0 / maxAlpha }
  }
}
