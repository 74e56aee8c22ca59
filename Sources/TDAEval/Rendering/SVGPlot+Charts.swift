import Foundation

extension SVGPlot {
  /// A grouped histogram: for each category, one bar per series side by side (e.g. the MRLT
  /// vectors of a real and a synthetic sample over the number of H1 classes).
  ///
  /// The y axis starts at 0 and covers the largest value; with many categories only every k-th
  /// is labelled (about 20 labels).
  /// - Parameters:
  ///   - title: The title above the plot.
  ///   - categories: The label of each category, left to right.
  ///   - series: The values of each series; `values[i]` belongs to `categories[i]` (missing
  ///     values are drawn as 0, non-finite ones are not drawn).
  ///   - xLabel: The label under the x axis.
  ///   - yLabel: The label beside the y axis.
  ///   - size: The size of the document.
  /// - Returns: A standalone SVG document.
  public static func histogram(
    title: String, categories: [String], series: [BarSeries], xLabel: String, yLabel: String,
    size: Size = .wide
  ) -> String {
    let count = max(1, categories.count)
    let largest = series.flatMap(\.values).filter(\.isFinite).max() ?? 1
    let y = Axis.linear(covering: 0, max(largest, 1e-12))
    let every = max(1, (count + 19) / 20)
    let xTicks = categories.enumerated().filter { $0.offset % every == 0 }
      .map { (value: Double($0.offset), label: $0.element) }
    var canvas = Canvas(
      size: size, x: Axis(lower: -0.5, upper: Double(count) - 0.5, scale: .linear, ticks: xTicks),
      y: y)
    let groupWidth = canvas.plotWidth / Double(count) * 0.8
    let barWidth = groupWidth / Double(max(1, series.count))
    for (index, sample) in series.enumerated() {
      for category in 0..<count {
        let value = category < sample.values.count ? sample.values[category] : 0
        guard value.isFinite else { continue }
        let left = canvas.px(Double(category)) - groupWidth / 2 + Double(index) * barWidth
        let top = canvas.py(max(0, value))
        canvas.elements.append(
          "<rect class=\"bar\" data-series=\"\(index)\" x=\"\(number(left))\" y=\"\(number(top))\" width=\"\(number(barWidth))\" height=\"\(number(canvas.py(0) - top))\" fill=\"\(colour(series: index))\"><title>\(escape(sample.label)) \(escape(category < categories.count ? categories[category] : "")): \(shortest(value))</title></rect>"
        )
      }
    }
    return canvas.document(
      title: title, xLabel: xLabel, yLabel: yLabel, legend: series.map { ($0.label, .swatch) })
  }

  /// A line chart: one polyline with markers per series; non-finite points (and, on a logarithmic
  /// axis, non-positive ones) break the line.
  /// - Parameters:
  ///   - title: The title above the plot.
  ///   - xLabel: The label under the x axis.
  ///   - yLabel: The label beside the y axis.
  ///   - series: The curves, in legend order.
  ///   - xScale: The scale of the x axis.
  ///   - yScale: The scale of the y axis.
  ///   - size: The size of the document.
  /// - Returns: A standalone SVG document.
  public static func lineChart(
    title: String, xLabel: String, yLabel: String, series: [LineSeries],
    xScale: Scale = .linear, yScale: Scale = .linear, size: Size = .wide
  ) -> String {
    func drawable(_ value: Double, _ scale: Scale) -> Bool {
      value.isFinite && (scale == .linear || value > 0)
    }
    let points = series.flatMap(\.points).filter {
      drawable($0.x, xScale) && drawable($0.y, yScale)
    }
    func axis(_ values: [Double], _ scale: Scale) -> Axis {
      let low = values.min() ?? 0
      let high = values.max() ?? 1
      return scale == .linear ? .linear(covering: low, high) : .logarithmic(covering: low, high)
    }
    var canvas = Canvas(
      size: size, x: axis(points.map(\.x), xScale), y: axis(points.map(\.y), yScale))
    for (index, curve) in series.enumerated() {
      var path = ""
      var pendingMove = true
      for point in curve.points {
        guard drawable(point.x, xScale) && drawable(point.y, yScale) else {
          pendingMove = true
          continue
        }
        path +=
          "\(pendingMove ? "M" : "L")\(number(canvas.px(point.x))) \(number(canvas.py(point.y)))"
        pendingMove = false
      }
      canvas.elements.append(
        "<path class=\"line\" data-series=\"\(index)\" d=\"\(path)\" fill=\"none\" stroke=\"\(colour(series: index))\" stroke-width=\"1.8\"/>"
      )
      for point in curve.points where drawable(point.x, xScale) && drawable(point.y, yScale) {
        canvas.marker(
          Marker.of(series: index), series: index, at: canvas.px(point.x), canvas.py(point.y),
          tooltip: "\(curve.label): (\(shortest(point.x)), \(shortest(point.y)))")
      }
    }
    return canvas.document(
      title: title, xLabel: xLabel, yLabel: yLabel, legend: series.map { ($0.label, .line) })
  }
}
