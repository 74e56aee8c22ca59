import Foundation

extension SVGPlot {
  /// How an axis maps data values to positions.
  public enum Scale: Sendable, Equatable {
    /// Equal distances for equal differences.
    case linear
    /// Equal distances for equal ratios (base 10); only positive values are shown.
    case logarithmic
  }

  /// One axis: the data interval it shows, its scale and its labelled ticks.
  struct Axis: Equatable {
    var lower: Double
    var upper: Double
    var scale: Scale
    var ticks: [(value: Double, label: String)]

    static func == (a: Axis, b: Axis) -> Bool {
      a.lower == b.lower && a.upper == b.upper && a.scale == b.scale
        && a.ticks.elementsEqual(b.ticks) { $0.value == $1.value && $0.label == $1.label }
    }

    /// The position of `value` in [0, 1] along the axis (outside for values outside the range).
    func fraction(_ value: Double) -> Double {
      switch scale {
      case .linear: (value - lower) / (upper - lower)
      case .logarithmic: (log10(value) - log10(lower)) / (log10(upper) - log10(lower))
      }
    }

    /// An axis covering `low ... high` with "nice" bounds and about `count` ticks at 1, 2 or 5
    /// times a power of ten (Heckbert's labelling). A degenerate or empty interval is widened.
    static func linear(covering low: Double, _ high: Double, count: Int = 5) -> Axis {
      var (low, high) = (low, high)
      if !(low.isFinite && high.isFinite) { (low, high) = (0, 1) }
      if high - low < 1e-12 * max(1, abs(low)) {
        let pad = low == 0 ? 1 : abs(low) * 0.1
        (low, high) = (low - pad, high + pad)
      }
      let step = niceNumber((high - low) / Double(max(1, count - 1)), rounding: true)
      let first = (low / step).rounded(.down)
      let last = (high / step).rounded(.up)
      let decimals = max(0, -Int((log10(step)).rounded(.down)))
      let ticks = stride(from: first, through: last + 0.5, by: 1).map {
        multiple -> (Double, String) in
        let value = multiple * step
        return (value, label(value, decimals: decimals))
      }
      return Axis(lower: first * step, upper: last * step, scale: .linear, ticks: ticks)
    }

    /// A base-10 logarithmic axis covering the positive `low ... high`, widened to whole decades,
    /// with ticks at powers of ten (and at 2 and 5 times them when there are at most two decades).
    static func logarithmic(covering low: Double, _ high: Double) -> Axis {
      var (low, high) = (low, high)
      if !(low > 0 && high.isFinite && high >= low) { (low, high) = (1, 10) }
      let first = Int(log10(low).rounded(.down))
      var last = Int(log10(high).rounded(.up))
      if last == first { last += 1 }
      let multiples: [Double] = last - first <= 2 ? [1, 2, 5] : [1]
      var ticks: [(Double, String)] = []
      for exponent in first...last {
        for multiple in multiples {
          let value = multiple * pow(10, Double(exponent))
          if value <= pow(10, Double(last)) {
            ticks.append((value, label(value, decimals: max(0, -exponent))))
          }
        }
      }
      return Axis(
        lower: pow(10, Double(first)), upper: pow(10, Double(last)), scale: .logarithmic,
        ticks: ticks)
    }

    /// 1, 2, 5 or 10 times a power of ten near `value` (rounded, or the next above when not).
    private static func niceNumber(_ value: Double, rounding: Bool) -> Double {
      let exponent = log10(value).rounded(.down)
      let fraction = value / pow(10, exponent)
      let nice: Double
      if rounding {
        nice = fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10
      } else {
        nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10
      }
      return nice * pow(10, exponent)
    }

    /// A tick label: fixed decimals for ordinary magnitudes, exponent form for huge ones.
    static func label(_ value: Double, decimals: Int) -> String {
      let value = value + 0  // −0 prints as 0
      if abs(value) >= 1e6 { return String(format: "%.0e", value) }
      return String(format: "%.\(min(decimals, 12))f", value)
    }
  }

  /// A coordinate or length as written in the SVG: two decimals.
  static func number(_ value: Double) -> String {
    String(format: "%.2f", value + 0)
  }
}
