import Foundation
import TDAEval
import Testing
import _TestSupport

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// The parsed SVG and helpers to query it.
private struct ParsedSVG {
  let document: XMLDocument

  init(_ text: String) throws {
    document = try XMLDocument(xmlString: text, options: [])
  }

  /// Elements (any name) whose class list contains `name`.
  func elements(withClass name: String) throws -> [XMLElement] {
    try document.nodes(forXPath: "//*[contains(concat(' ', @class, ' '), ' \(name) ')]")
      .compactMap { $0 as? XMLElement }
  }

  func double(_ element: XMLElement, _ attribute: String) -> Double {
    Double(element.value(of: attribute) ?? "") ?? .nan
  }

  /// The data ranges of the plot area: (x min, x max, y min, y max).
  func ranges() throws -> (Double, Double, Double, Double) {
    let area = try #require(try elements(withClass: "plot-area").first)
    return (
      double(area, "data-x-min"), double(area, "data-x-max"), double(area, "data-y-min"),
      double(area, "data-y-max")
    )
  }
}

extension XMLElement {
  /// The value of attribute `name` (looked up in `attributes`: corelibs-foundation's
  /// `attribute(forName:)` misses attributes of elements in a default namespace).
  func value(of name: String) -> String? {
    attributes?.first { $0.name == name }?.stringValue
  }
}

@Suite("SVG plots")
struct SVGPlotTests {
  let real = SVGPlot.DiagramSeries(
    label: "real <R&D>",
    pairs: [
      PersistencePair(birth: 0, death: .infinity), PersistencePair(birth: 0.5, death: 1.75),
      PersistencePair(birth: 0.25, death: 0.5),
    ])
  let synthetic = SVGPlot.DiagramSeries(
    label: "synthetic",
    pairs: [PersistencePair(birth: 1, death: 2.5), PersistencePair(birth: 0.1, death: 0.2)])

  @Test("escape replaces the five XML special characters")
  func escaping() {
    #expect(SVGPlot.escape(#"a<b>&"c'"#) == "a&lt;b&gt;&amp;&quot;c&apos;")
    #expect(SVGPlot.escape("σ = 0.1 ∞") == "σ = 0.1 ∞")
  }

  @Test("a persistence diagram draws every pair where its birth and death say, ∞ on top")
  func persistenceDiagram() throws {
    let text = SVGPlot.persistenceDiagram(title: "H1 <of> both", series: [real, synthetic])
    let svg = try ParsedSVG(text)
    let points = try svg.elements(withClass: "point")
    #expect(points.count == 5)
    #expect(points.filter { $0.value(of: "data-series") == "0" }.count == 3)
    // Both axes cover [0, 2.5] with nice bounds.
    let (xMin, xMax, yMin, yMax) = try svg.ranges()
    #expect(xMin == 0 && yMin == 0 && xMax == yMax && xMax >= 2.5 && xMax <= 3)
    // The diagonal runs from (min, min) to (max, max): it gives the pixel mapping.
    let diagonal = try #require(try svg.elements(withClass: "diagonal").first)
    let (x1, x2) = (svg.double(diagonal, "x1"), svg.double(diagonal, "x2"))
    let (y1, y2) = (svg.double(diagonal, "y1"), svg.double(diagonal, "y2"))
    func px(_ v: Double) -> Double { x1 + (v - xMin) / (xMax - xMin) * (x2 - x1) }
    func py(_ v: Double) -> Double { y1 + (v - yMin) / (yMax - yMin) * (y2 - y1) }
    let infinity = try #require(try svg.elements(withClass: "infinity").first)
    let infinityY = svg.double(infinity, "y1")
    #expect(infinityY < y2)  // above the top of the plot area
    let expected =
      [(0.0, infinityY), (px(0.5), py(1.75)), (px(0.25), py(0.5))]
      .map { ($0.0 == 0 ? px(0) : $0.0, $0.1) }
      + [(px(1), py(2.5)), (px(0.1), py(0.2))]
    for (point, (x, y)) in zip(points, expected) {
      // Circles have (cx, cy); triangles start their path at (x, y − 4).
      if point.name == "circle" {
        #expect(abs(svg.double(point, "cx") - x) < 0.02 && abs(svg.double(point, "cy") - y) < 0.02)
      } else {
        let d = point.value(of: "d") ?? ""
        #expect(d.hasPrefix("M\(String(format: "%.2f", x)) \(String(format: "%.2f", y - 4))"))
      }
    }
    // The ∞ tick is labelled, the legend and title are escaped text.
    #expect(try svg.elements(withClass: "tick").contains { $0.stringValue == "∞" })
    #expect(try svg.elements(withClass: "title").first?.stringValue == "H1 <of> both")
    #expect(
      try svg.elements(withClass: "legend").first?.stringValue?.contains("real <R&D>") == true)
    #expect(text == SVGPlot.persistenceDiagram(title: "H1 <of> both", series: [real, synthetic]))
  }

  @Test("an empty diagram is still a well-formed plot")
  func emptyDiagram() throws {
    let svg = try ParsedSVG(
      SVGPlot.persistenceDiagram(title: "H2", series: [.init(label: "real", pairs: [])]))
    #expect(try svg.elements(withClass: "point").isEmpty)
    #expect(try svg.elements(withClass: "infinity").isEmpty)
  }

  @Test("a barcode draws one bar per pair, the longest ones when cut, arrows for essential bars")
  func barcode() throws {
    let svg = try ParsedSVG(SVGPlot.barcode(title: "H0", series: [real, synthetic]))
    let bars = try svg.elements(withClass: "bar")
    #expect(bars.count == 5)
    #expect(try svg.elements(withClass: "essential").count == 1)
    // Each bar's width is proportional to its length: 1.25 for [0.5, 1.75), 0.25 for [0.25, 0.5).
    let widths = bars.map { svg.double($0, "width") }
    let realFinite = widths[1...2].sorted()
    #expect(abs(realFinite[1] / realFinite[0] - 5) < 0.01)

    let many = SVGPlot.DiagramSeries(
      label: "many", pairs: (1...100).map { PersistencePair(birth: 0, death: Double($0)) })
    let cut = try ParsedSVG(SVGPlot.barcode(title: "H0", series: [many], maxBars: 10))
    let kept = try cut.elements(withClass: "bar")
    #expect(kept.count == 10)
    let keptDeaths = kept.compactMap { $0.stringValue }.sorted()
    #expect(keptDeaths.allSatisfy { $0.contains("[0.0, 9") || $0.contains("[0.0, 100") })
    #expect(
      try cut.elements(withClass: "label").contains {
        $0.stringValue?.contains("10 longest") == true
      })
  }

  @Test("a histogram draws categories × series bars from 0, heights proportional to values")
  func histogram() throws {
    let svg = try ParsedSVG(
      SVGPlot.histogram(
        title: "MRLT", categories: ["0", "1", "2", "3"],
        series: [
          .init(label: "real", values: [0.1, 0.6, 0.3, 0]),
          .init(label: "synthetic", values: [0.5, 0.5]),
        ], xLabel: "H1 classes", yLabel: "relative living time"))
    let bars = try svg.elements(withClass: "bar")
    #expect(bars.count == 8)
    let (_, _, yMin, yMax) = try svg.ranges()
    #expect(yMin == 0 && yMax >= 0.6 && yMax <= 1)
    let heights = bars.map { svg.double($0, "height") }
    #expect(abs(heights[1] / heights[0] - 6) < 0.01)
    #expect(heights[3] == 0 && heights[6] == 0 && heights[7] == 0)
    #expect(abs(heights[4] - heights[5]) < 1e-9)
  }

  @Test("a line chart draws one line per series, breaks at NaN, and uses decades on a log axis")
  func lineChart() throws {
    let text = SVGPlot.lineChart(
      title: "runtime", xLabel: "n", yLabel: "seconds",
      series: [
        .init(label: "rips", points: [(500, 0.01), (1000, 0.05), (5000, .nan), (20000, 3)]),
        .init(label: "prdc", points: [(500, 0.002), (20000, 0.4)]),
      ], xScale: .logarithmic, yScale: .logarithmic)
    let svg = try ParsedSVG(text)
    let lines = try svg.elements(withClass: "line")
    #expect(lines.count == 2)
    let firstPath = lines[0].value(of: "d") ?? ""
    #expect(firstPath.filter { $0 == "M" }.count == 2)  // broken at the NaN
    #expect(try svg.elements(withClass: "point").count == 5)
    let (xMin, xMax, yMin, yMax) = try svg.ranges()
    #expect(xMin == 100 && xMax == 100_000 && yMin == 0.001 && yMax == 10)
    let xTicks = try svg.elements(withClass: "tick").filter {
      $0.value(of: "class") == "tick x"
    }.compactMap(\.stringValue)
    #expect(xTicks == ["100", "1000", "10000", "100000"])
  }

  @Test("linear axes get nice bounds and ticks at 1, 2 or 5 times a power of ten")
  func niceTicks() throws {
    let svg = try ParsedSVG(
      SVGPlot.lineChart(
        title: "t", xLabel: "σ", yLabel: "precision",
        series: [.init(label: "a", points: [(0, 0.07), (0.5, 0.93)])]))
    let (xMin, xMax, yMin, yMax) = try svg.ranges()
    #expect(xMin == 0 && xMax == 0.5 && yMin == 0 && yMax == 1)
    let yTicks = try svg.elements(withClass: "tick").filter {
      $0.value(of: "class") == "tick y"
    }.compactMap(\.stringValue)
    #expect(yTicks == ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"])
  }

  @Test("a heatmap draws one cell per entry, blue below 0, white at 0, red above, grey for NaN")
  func heatmap() throws {
    let svg = SVGPlot.heatmap(
      title: "h", labels: ["a", "b", "c"], values: [[1, -1, 0.5], [0, .nan, 0], [0, 0, 0]])
    #expect(svg.components(separatedBy: "class=\"cell\"").count - 1 == 9)
    #expect(svg.contains("fill=\"#b2182b\"") && svg.contains("fill=\"#2166ac\""))
    #expect(svg.contains("fill=\"#ffffff\" stroke") && svg.contains("fill=\"#bdbdbd\""))
    #expect(svg.contains("fill=\"#d98c95\""))  // halfway to red: 255 + (178 − 255)/2 → 217
  }
}
