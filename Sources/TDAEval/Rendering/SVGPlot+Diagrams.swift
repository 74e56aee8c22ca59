import Foundation

extension SVGPlot {
  /// A persistence diagram: one marker per (birth, death) pair, one colour and marker shape per
  /// series, the diagonal death = birth, and essential pairs (infinite death) on a dashed line
  /// labelled "∞" above the plot area.
  ///
  /// Both axes share one range covering every finite birth and death and every essential birth.
  /// - Parameters:
  ///   - title: The title above the plot.
  ///   - series: The samples to draw (e.g. real and synthetic), in legend order.
  ///   - size: The size of the document.
  /// - Returns: A standalone SVG document.
  /// - Complexity: O(total number of pairs).
  public static func persistenceDiagram(
    title: String, series: [DiagramSeries], size: Size = .square
  ) -> String {
    let values = series.flatMap {
      $0.pairs.flatMap { $0.isEssential ? [$0.birth] : [$0.birth, $0.death] }
    }
    .filter(\.isFinite)
    let low = min(0, values.min() ?? 0)
    let high = max(values.max() ?? 1, low + 1e-9)
    let axis = Axis.linear(covering: low, high)
    var canvas = Canvas(size: size, x: axis, y: axis)
    canvas.top = 70
    let infinityLine = canvas.top - 12
    let hasEssential = series.contains { $0.pairs.contains(where: \.isEssential) }

    canvas.elements.append(
      "<polygon class=\"below-diagonal\" points=\"\(number(canvas.px(axis.lower))),\(number(canvas.py(axis.lower))) \(number(canvas.px(axis.upper))),\(number(canvas.py(axis.upper))) \(number(canvas.px(axis.upper))),\(number(canvas.py(axis.lower)))\" fill=\"#f2f2f2\"/>"
    )
    canvas.elements.append(
      "<line class=\"diagonal\" x1=\"\(number(canvas.px(axis.lower)))\" y1=\"\(number(canvas.py(axis.lower)))\" x2=\"\(number(canvas.px(axis.upper)))\" y2=\"\(number(canvas.py(axis.upper)))\" stroke=\"#888888\" stroke-width=\"1\"/>"
    )
    if hasEssential {
      canvas.elements.append(
        "<line class=\"infinity\" x1=\"\(number(canvas.left))\" y1=\"\(number(infinityLine))\" x2=\"\(number(canvas.left + canvas.plotWidth))\" y2=\"\(number(infinityLine))\" stroke=\"#888888\" stroke-dasharray=\"4 3\"/>"
      )
    }
    for (index, sample) in series.enumerated() {
      let marker = Marker.of(series: index)
      for pair in sample.pairs where pair.birth.isFinite {
        let y = pair.isEssential ? infinityLine : canvas.py(pair.death)
        canvas.marker(
          marker, series: index, at: canvas.px(pair.birth), y,
          tooltip: "\(sample.label): (\(shortest(pair.birth)), \(shortest(pair.death)))")
      }
    }
    return canvas.document(
      title: title, xLabel: "birth", yLabel: "death",
      legend: series.enumerated().map { ($1.label, .marker(Marker.of(series: $0))) },
      extraYTick: hasEssential ? (infinityLine, "∞") : nil)
  }

  /// A barcode: one horizontal bar [birth, death) per pair, the samples one above the other
  /// (each sorted by birth, then death), essential bars running to the right edge with an arrow.
  ///
  /// Large diagrams are cut to the `maxBars` most persistent bars of each sample; the axis label
  /// says so.
  /// - Parameters:
  ///   - title: The title above the plot.
  ///   - series: The samples to draw, top to bottom.
  ///   - maxBars: How many bars of each sample at most (the most persistent ones), ≥ 1.
  ///   - size: The size of the document.
  /// - Returns: A standalone SVG document.
  /// - Complexity: O(p log p) for p pairs (sorting).
  public static func barcode(
    title: String, series: [DiagramSeries], maxBars: Int = 60, size: Size = .wide
  ) -> String {
    let shown = series.map { sample in
      sample.pairs.filter { $0.birth.isFinite }
        .sorted { ($0.persistence, $1.birth) > ($1.persistence, $0.birth) }
        .prefix(max(1, maxBars))
        .sorted { ($0.birth, $0.death) < ($1.birth, $1.death) }
    }
    let cut = zip(series, shown).contains { $0.pairs.count > $1.count }
    let values = shown.flatMap {
      $0.flatMap { $0.isEssential ? [$0.birth] : [$0.birth, $0.death] }
    }
    let low = min(0, values.min() ?? 0)
    let axis = Axis.linear(covering: low, max(values.max() ?? 1, low + 1e-9))
    let gap = 1
    let rows = max(1, shown.reduce(0) { $0 + $1.count } + gap * (shown.count - 1))
    var canvas = Canvas(
      size: size, x: axis,
      y: Axis(lower: 0, upper: Double(rows), scale: .linear, ticks: []))
    canvas.right = 32
    let rowHeight = canvas.plotHeight / Double(rows)
    let barHeight = min(12, max(0.8, rowHeight * 0.7))
    var row = 0
    for (index, bars) in shown.enumerated() {
      let colour = colour(series: index)
      for pair in bars {
        let top = canvas.top + (Double(row) + 0.15) * rowHeight
        let start = canvas.px(pair.birth)
        let end = pair.isEssential ? canvas.left + canvas.plotWidth : canvas.px(pair.death)
        canvas.elements.append(
          "<rect class=\"bar\" data-series=\"\(index)\" x=\"\(number(start))\" y=\"\(number(top))\" width=\"\(number(max(0.5, end - start)))\" height=\"\(number(barHeight))\" fill=\"\(colour)\"><title>\(escape(series[index].label)): [\(shortest(pair.birth)), \(shortest(pair.death)))</title></rect>"
        )
        if pair.isEssential {
          let middle = top + barHeight / 2
          let half = max(2, barHeight / 2 + 1)
          canvas.overlays.append(
            "<path class=\"essential\" d=\"M\(number(end)) \(number(middle - half))L\(number(end + 8)) \(number(middle))L\(number(end)) \(number(middle + half))Z\" fill=\"\(colour)\"/>"
          )
        }
        row += 1
      }
      row += gap
    }
    let yLabel = cut ? "bars (the \(maxBars) longest per sample)" : "bars"
    return canvas.document(
      title: title, xLabel: "filtration value", yLabel: yLabel,
      legend: series.map { ($0.label, .swatch) })
  }

  /// A number in its shortest round-trip form, `∞` for infinity.
  static func shortest(_ value: Double) -> String {
    value.isInfinite ? (value > 0 ? "∞" : "-∞") : "\(value)"
  }
}
