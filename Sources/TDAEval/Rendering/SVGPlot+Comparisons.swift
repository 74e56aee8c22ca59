import Foundation

extension SVGPlot {
  /// The real and the synthetic bars of one homology dimension, as the two series of a plot
  /// (an absent dimension is an empty series).
  public static func comparisonSeries(
    real: [PersistenceDiagram], synthetic: [PersistenceDiagram], dimension: Int
  ) -> [DiagramSeries] {
    func pairs(_ diagrams: [PersistenceDiagram]) -> [PersistencePair] {
      diagrams.first { $0.dimension == dimension }?.pairs ?? []
    }
    return [
      DiagramSeries(label: "real", pairs: pairs(real)),
      DiagramSeries(label: "synthetic", pairs: pairs(synthetic)),
    ]
  }

  /// One document with the persistence diagrams of both samples, one panel per homology dimension,
  /// left to right (what `tda-eval diagrams --plot` writes).
  public static func diagramComparison(
    real: [PersistenceDiagram], synthetic: [PersistenceDiagram]
  ) -> String {
    let dimensions = Set((real + synthetic).map(\.dimension)).sorted()
    let panels = dimensions.map { dimension in
      persistenceDiagram(
        title: "H\(dimension) persistence diagram",
        series: comparisonSeries(real: real, synthetic: synthetic, dimension: dimension))
    }
    return sideBySide(panels, size: .square)
  }

  /// The mean relative living times of both samples as a grouped histogram over the number of H1
  /// classes (what `tda-eval gscore --plot` writes and the HTML report shows). Categories run up
  /// to the last with mass ≥ 10⁻⁴ in either vector, plus one, at least 5.
  public static func mrltHistograms(real: [Double], synthetic: [Double]) -> String {
    let length = max(real.count, synthetic.count)
    let last =
      (0..<length).last { index in
        (index < real.count && real[index] >= 1e-4)
          || (index < synthetic.count && synthetic[index] >= 1e-4)
      } ?? 0
    let shown = min(length, max(5, last + 2))
    return histogram(
      title: "MRLT histograms", categories: (0..<shown).map(String.init),
      series: [
        BarSeries(label: "real", values: Array(real.prefix(shown))),
        BarSeries(label: "synthetic", values: Array(synthetic.prefix(shown))),
      ], xLabel: "number of H1 classes i", yLabel: "mean relative living time")
  }

  /// Standalone documents of one `size` placed left to right in one document.
  static func sideBySide(_ documents: [String], size: Size) -> String {
    let width = size.width * Double(max(1, documents.count))
    var svg =
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(number(width))\" height=\"\(number(size.height))\" viewBox=\"0 0 \(number(width)) \(number(size.height))\">\n"
    for (index, document) in documents.enumerated() {
      svg += "<g transform=\"translate(\(number(size.width * Double(index))),0)\">\n"
      svg += document
      svg += "</g>\n"
    }
    svg += "</svg>\n"
    return svg
  }
}
