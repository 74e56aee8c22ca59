import Foundation

extension SVGPlot {
  /// The shape of a series' marker.
  enum Marker: CaseIterable {
    case circle, triangle, square, diamond

    /// The marker of series `index` (cycling).
    static func of(series index: Int) -> Marker { allCases[index % allCases.count] }
  }

  /// What a legend entry shows beside its label.
  enum LegendKey {
    case marker(Marker)
    case swatch, line
  }

  /// One marker of `series` centred at pixel (cx, cy), with extra `attributes` and `content`.
  static func markerElement(
    _ marker: Marker, series: Int, at cx: Double, _ cy: Double, attributes: String, content: String
  ) -> String {
    let colour = colour(series: series)
    let common =
      "\(attributes) fill=\"\(colour)\" fill-opacity=\"0.35\" stroke=\"\(colour)\" stroke-width=\"1.2\""
    switch marker {
    case .circle:
      return
        "<circle \(common) cx=\"\(number(cx))\" cy=\"\(number(cy))\" r=\"3.2\">\(content)</circle>"
    case .triangle:
      return
        "<path \(common) d=\"M\(number(cx)) \(number(cy - 4))L\(number(cx + 3.8)) \(number(cy + 2.6))L\(number(cx - 3.8)) \(number(cy + 2.6))Z\">\(content)</path>"
    case .square:
      return
        "<rect \(common) x=\"\(number(cx - 3))\" y=\"\(number(cy - 3))\" width=\"6\" height=\"6\">\(content)</rect>"
    case .diamond:
      return
        "<path \(common) d=\"M\(number(cx)) \(number(cy - 4))L\(number(cx + 4)) \(number(cy))L\(number(cx)) \(number(cy + 4))L\(number(cx - 4)) \(number(cy))Z\">\(content)</path>"
    }
  }

  /// The colour of series `index` (cycling through ``palette``).
  static func colour(series index: Int) -> String { palette[index % palette.count] }

  /// A plot under construction: a frame with margins, two axes, a title and a legend, and the
  /// elements drawn in the plot area.
  struct Canvas {
    let size: Size
    let x: Axis
    let y: Axis
    var left = 64.0
    var right = 20.0
    var top = 50.0
    var bottom = 48.0
    /// Elements of the plot area, in drawing order.
    var elements: [String] = []
    /// Elements drawn over everything (outside the plot-area group).
    var overlays: [String] = []

    init(size: Size, x: Axis, y: Axis) {
      self.size = size
      self.x = x
      self.y = y
    }

    var plotWidth: Double { size.width - left - right }
    var plotHeight: Double { size.height - top - bottom }

    /// The horizontal pixel position of data value `value`.
    func px(_ value: Double) -> Double { left + x.fraction(value) * plotWidth }
    /// The vertical pixel position of data value `value` (up is larger).
    func py(_ value: Double) -> Double { top + (1 - y.fraction(value)) * plotHeight }

    /// Appends one data marker of `series` at pixel position (cx, cy), with a hover `tooltip`.
    mutating func marker(
      _ marker: Marker, series: Int, at cx: Double, _ cy: Double, tooltip: String
    ) {
      elements.append(
        SVGPlot.markerElement(
          marker, series: series, at: cx, cy,
          attributes: "class=\"point\" data-series=\"\(series)\"",
          content: "<title>\(escape(tooltip))</title>"))
    }

    /// The finished SVG document: frame, grid, axes with ticks and labels, the plot elements,
    /// title and legend. `extraYTick` adds a labelled tick outside the data range (the "∞" line).
    func document(
      title: String, xLabel: String, yLabel: String, legend: [(label: String, key: LegendKey)],
      extraYTick: (position: Double, label: String)? = nil
    ) -> String {
      var svg =
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"svgplot\" width=\"\(number(size.width))\" height=\"\(number(size.height))\" viewBox=\"0 0 \(number(size.width)) \(number(size.height))\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"11\">\n"
      svg += "<title>\(escape(title))</title>\n"
      svg +=
        "<rect x=\"0\" y=\"0\" width=\"\(number(size.width))\" height=\"\(number(size.height))\" fill=\"#ffffff\"/>\n"
      svg += axes(xLabel: xLabel, yLabel: yLabel, extraYTick: extraYTick)
      svg +=
        "<g class=\"plot-area\" data-x-min=\"\(x.lower)\" data-x-max=\"\(x.upper)\" data-y-min=\"\(y.lower)\" data-y-max=\"\(y.upper)\">\n"
      for element in elements { svg += element + "\n" }
      svg += "</g>\n"
      for element in overlays { svg += element + "\n" }
      svg +=
        "<text class=\"title\" x=\"\(number(left))\" y=\"20\" font-size=\"14\" font-weight=\"bold\">\(escape(title))</text>\n"
      svg += legendGroup(legend)
      svg += "</svg>\n"
      return svg
    }

    /// Grid lines, the two axis lines, ticks, tick labels and axis labels.
    private func axes(
      xLabel: String, yLabel: String, extraYTick: (position: Double, label: String)?
    )
      -> String
    {
      let bottomY = top + plotHeight
      var svg = "<g class=\"axis\" stroke=\"#000000\" stroke-width=\"1\">\n"
      for tick in x.ticks {
        let position = number(px(tick.value))
        svg +=
          "<line x1=\"\(position)\" y1=\"\(number(top))\" x2=\"\(position)\" y2=\"\(number(bottomY))\" stroke=\"#e5e5e5\"/>"
        svg +=
          "<line x1=\"\(position)\" y1=\"\(number(bottomY))\" x2=\"\(position)\" y2=\"\(number(bottomY + 5))\"/>"
        svg +=
          "<text class=\"tick x\" x=\"\(position)\" y=\"\(number(bottomY + 17))\" text-anchor=\"middle\" stroke=\"none\">\(escape(tick.label))</text>\n"
      }
      var yTicks = y.ticks.map { (position: py($0.value), label: $0.label) }
      if let extraYTick { yTicks.append(extraYTick) }
      for tick in yTicks {
        let position = number(tick.position)
        svg +=
          "<line x1=\"\(number(left))\" y1=\"\(position)\" x2=\"\(number(left + plotWidth))\" y2=\"\(position)\" stroke=\"#e5e5e5\"/>"
        svg +=
          "<line x1=\"\(number(left - 5))\" y1=\"\(position)\" x2=\"\(number(left))\" y2=\"\(position)\"/>"
        svg +=
          "<text class=\"tick y\" x=\"\(number(left - 8))\" y=\"\(number(tick.position + 4))\" text-anchor=\"end\" stroke=\"none\">\(escape(tick.label))</text>\n"
      }
      svg +=
        "<line x1=\"\(number(left))\" y1=\"\(number(bottomY))\" x2=\"\(number(left + plotWidth))\" y2=\"\(number(bottomY))\"/>"
      svg +=
        "<line x1=\"\(number(left))\" y1=\"\(number(top))\" x2=\"\(number(left))\" y2=\"\(number(bottomY))\"/>\n"
      svg +=
        "<text class=\"label x\" x=\"\(number(left + plotWidth / 2))\" y=\"\(number(size.height - 10))\" text-anchor=\"middle\" stroke=\"none\" font-size=\"12\">\(escape(xLabel))</text>\n"
      svg +=
        "<text class=\"label y\" transform=\"translate(16 \(number(top + plotHeight / 2))) rotate(-90)\" text-anchor=\"middle\" stroke=\"none\" font-size=\"12\">\(escape(yLabel))</text>\n"
      svg += "</g>\n"
      return svg
    }

    /// The legend: one entry per series, laid out in a row under the title.
    private func legendGroup(_ entries: [(label: String, key: LegendKey)]) -> String {
      guard !entries.isEmpty else { return "" }
      var svg = "<g class=\"legend\">\n"
      var cursor = left
      for (index, entry) in entries.enumerated() {
        let colour = SVGPlot.colour(series: index)
        switch entry.key {
        case .swatch:
          svg +=
            "<rect x=\"\(number(cursor))\" y=\"31\" width=\"14\" height=\"8\" fill=\"\(colour)\"/>"
        case .line:
          svg +=
            "<line x1=\"\(number(cursor))\" y1=\"35\" x2=\"\(number(cursor + 14))\" y2=\"35\" stroke=\"\(colour)\" stroke-width=\"2\"/>"
        case .marker(let marker):
          svg += SVGPlot.markerElement(
            marker, series: index, at: cursor + 7, 35, attributes: "class=\"legend-marker\"",
            content: "")
        }
        svg +=
          "<text x=\"\(number(cursor + 18))\" y=\"39\">\(escape(entry.label))</text>\n"
        // An estimate of the text width (no font metrics without a renderer).
        cursor += 32 + 6.2 * Double(entry.label.count)
      }
      svg += "</g>\n"
      return svg
    }
  }
}
