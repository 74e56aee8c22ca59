import Foundation

extension SVGPlot {
  /// The size of one column's distribution plot.
  public static let columnSize = Size(width: 340, height: 240)

  /// One column's real and synthetic distributions as a grouped histogram of shares of the
  /// present (non-missing) values: per category for categorical and ordinal columns (the
  /// tables share their codes), over `bins` equal-width bins spanning both samples for numeric
  /// ones.
  /// - Returns: A standalone SVG document.
  public static func columnComparison(
    real: Table.Column, synthetic: Table.Column, bins: Int = 10
  ) -> String {
    let present = [real.values, synthetic.values].map { $0.filter { !$0.isNaN } }
    var categories: [String]
    var counts: [[Int]]
    if real.kind == .numeric {
      let all = present.joined()
      let lower = all.min() ?? 0
      let upper = all.max() ?? 0
      let binCount = upper > lower ? max(1, bins) : 1
      let width = (upper - lower) / Double(binCount)
      func bin(_ value: Double) -> Int {
        width > 0 ? min(binCount - 1, Int((value - lower) / width)) : 0
      }
      categories = (0..<binCount).map {
        String(format: "%.3g", lower + width * (Double($0) + 0.5))
      }
      counts = present.map { values in
        var histogram = [Int](repeating: 0, count: binCount)
        for value in values { histogram[bin(value)] += 1 }
        return histogram
      }
    } else {
      let codeCount = Int(present.joined().max() ?? -1) + 1
      let labels =
        real.categories.count >= synthetic.categories.count
        ? real.categories : synthetic.categories
      categories = (0..<codeCount).map { $0 < labels.count ? labels[$0] : "\($0)" }
      counts = present.map { values in
        var histogram = [Int](repeating: 0, count: codeCount)
        for value in values { histogram[Int(value)] += 1 }
        return histogram
      }
    }
    func shares(_ counts: [Int]) -> [Double] {
      let total = max(1, counts.reduce(0, +))
      return counts.map { Double($0) / Double(total) }
    }
    return histogram(
      title: real.name, categories: categories,
      series: [
        BarSeries(label: "real", values: shares(counts[0])),
        BarSeries(label: "synthetic", values: shares(counts[1])),
      ],
      xLabel: real.kind == .numeric ? "value" : "category", yLabel: "share of rows",
      size: columnSize)
  }
}
