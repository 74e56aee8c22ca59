import Foundation

/// Small, dependency-free plots as standalone SVG documents: persistence diagrams, barcodes,
/// grouped histograms and line charts.
///
/// Every function is pure: the same input gives the same bytes (coordinates are printed with two
/// decimals, no timestamps, no random identifiers), so plots can be committed and compared. The
/// output is well-formed XML with an `xmlns`, so it can be saved as a `.svg` file or inlined in
/// HTML. Texts are escaped. Elements carry classes tests and style sheets can rely on:
/// `point` (one per drawn diagram point, with `data-series`), `bar` (one per histogram or barcode
/// bar), `line` (one per line-chart series), `axis`, `legend`, `title`; the plot area is a
/// `<g class="plot-area">` whose `data-x-min`, `data-x-max`, `data-y-min`, `data-y-max` give the
/// data ranges of the axes.
public enum SVGPlot {
  /// The size of a plot in CSS pixels.
  public struct Size: Sendable, Equatable {
    public var width: Double
    public var height: Double

    public init(width: Double, height: Double) {
      self.width = width
      self.height = height
    }

    /// 420 × 380, for square plots such as persistence diagrams.
    public static let square = Size(width: 420, height: 380)
    /// 560 × 340, for histograms, barcodes and line charts.
    public static let wide = Size(width: 560, height: 340)
  }

  /// The bars of one sample in one homology dimension, with the name shown in the legend.
  public struct DiagramSeries: Sendable, Equatable {
    public var label: String
    public var pairs: [PersistencePair]

    public init(label: String, pairs: [PersistencePair]) {
      self.label = label
      self.pairs = pairs
    }
  }

  /// Values of one sample over the categories of a histogram.
  public struct BarSeries: Sendable, Equatable {
    public var label: String
    public var values: [Double]

    public init(label: String, values: [Double]) {
      self.label = label
      self.values = values
    }
  }

  /// One curve of a line chart: (x, y) points drawn in order. Non-finite y values are gaps.
  public struct LineSeries: Sendable, Equatable {
    public var label: String
    public var points: [(x: Double, y: Double)]

    public init(label: String, points: [(x: Double, y: Double)]) {
      self.label = label
      self.points = points
    }

    public static func == (a: LineSeries, b: LineSeries) -> Bool {
      a.label == b.label && a.points.elementsEqual(b.points) { $0.x == $1.x && $0.y == $1.y }
    }
  }

  /// Series colours, in order (the first two are the real and the synthetic sample); they repeat
  /// after eight series.
  public static let palette = [
    "#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
  ]

  /// `text` with the five XML special characters replaced by entities, safe in element content
  /// and in double- or single-quoted attributes.
  public static func escape(_ text: String) -> String {
    var escaped = ""
    escaped.reserveCapacity(text.count)
    for character in text {
      switch character {
      case "&": escaped += "&amp;"
      case "<": escaped += "&lt;"
      case ">": escaped += "&gt;"
      case "\"": escaped += "&quot;"
      case "'": escaped += "&apos;"
      default: escaped.append(character)
      }
    }
    return escaped
  }
}
