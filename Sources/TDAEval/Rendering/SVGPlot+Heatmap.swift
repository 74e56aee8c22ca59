import Foundation

extension SVGPlot {
  /// A square heatmap of a symmetric matrix over `labels` (e.g. column associations): each cell
  /// coloured on a diverging scale, blue at −1, white at 0, red at +1 (values beyond ±1 take the
  /// end colours; non-finite ones are grey), its value printed in the cell and in its tooltip.
  /// - Parameters:
  ///   - title: The title above the plot.
  ///   - labels: The name of each row and column.
  ///   - values: `values[i][j]` belongs to `labels[i]` and `labels[j]`.
  /// - Returns: A standalone SVG document.
  public static func heatmap(title: String, labels: [String], values: [[Double]]) -> String {
    let count = max(1, labels.count)
    let cell = max(14.0, min(40.0, 300.0 / Double(count)))
    let left = 12.0 + 6.5 * Double(labels.map(\.count).max() ?? 1).clamped(to: 1...24)
    let top = 40.0
    let width = left + cell * Double(count) + 16
    let height = top + cell * Double(count) + 16
    var svg =
      "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"svgplot heatmap\" width=\"\(number(width))\" height=\"\(number(height))\" viewBox=\"0 0 \(number(width)) \(number(height))\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"11\">\n"
    svg += "<title>\(escape(title))</title>\n"
    svg +=
      "<rect x=\"0\" y=\"0\" width=\"\(number(width))\" height=\"\(number(height))\" fill=\"#ffffff\"/>\n"
    svg +=
      "<text class=\"title\" x=\"\(number(left))\" y=\"20\" font-size=\"14\" font-weight=\"bold\">\(escape(title))</text>\n"
    for (i, label) in labels.enumerated() {
      let y = top + cell * (Double(i) + 0.5)
      svg +=
        "<text x=\"\(number(left - 4))\" y=\"\(number(y + 4))\" text-anchor=\"end\">\(escape(label))</text>\n"
      for j in labels.indices {
        let value = i < values.count && j < values[i].count ? values[i][j] : .nan
        let x = left + cell * Double(j)
        svg +=
          "<rect class=\"cell\" x=\"\(number(x))\" y=\"\(number(top + cell * Double(i)))\" width=\"\(number(cell))\" height=\"\(number(cell))\" fill=\"\(divergingColour(value))\" stroke=\"#ffffff\"><title>\(escape(label)) × \(escape(labels[j])): \(shortest(value))</title></rect>\n"
        if cell >= 24 && value.isFinite {
          svg +=
            "<text x=\"\(number(x + cell / 2))\" y=\"\(number(y + 4))\" text-anchor=\"middle\" font-size=\"9\">\(String(format: "%.2f", value + 0))</text>\n"
        }
      }
    }
    svg += "</svg>\n"
    return svg
  }

  /// White at 0, blue (#2166ac) towards −1, red (#b2182b) towards +1; grey when not finite.
  static func divergingColour(_ value: Double) -> String {
    guard value.isFinite else { return "#bdbdbd" }
    let t = min(1, abs(value))
    let end: (Double, Double, Double) = value < 0 ? (33, 102, 172) : (178, 24, 43)
    func mix(_ channel: Double) -> Int { Int((255 + (channel - 255) * t).rounded()) }
    return String(format: "#%02x%02x%02x", mix(end.0), mix(end.1), mix(end.2))
  }
}

extension Comparable {
  fileprivate func clamped(to range: ClosedRange<Self>) -> Self {
    min(max(self, range.lowerBound), range.upperBound)
  }
}
