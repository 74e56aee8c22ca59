import Foundation
import Testing
import _TestSupport

@testable import TDAEval

#if canImport(FoundationXML)
  import FoundationXML
#endif

@Suite("HTML report")
struct HTMLReportTests {
  let page = HTMLReport(
    title: "tda-eval: a.csv vs b.csv",
    subtitle: "real a.csv (3 × 2), synthetic b.csv <odd & name> (2 × 2)",
    parameters: [.init("k", "5"), .init("balls", "open")],
    metrics: [
      .init(name: "precision", value: "0.5", reading: "half of the synthetic points are realistic"),
      .init(name: "recall", value: "1", reading: "every real point is covered"),
    ],
    realDiagrams: [
      PersistenceDiagram(
        dimension: 0,
        pairs: [
          .init(birth: 0, death: .infinity), .init(birth: 0, death: 1), .init(birth: 0, death: 2),
        ]),
      PersistenceDiagram(dimension: 1, pairs: [.init(birth: 1, death: 1.7)]),
    ],
    syntheticDiagrams: [
      PersistenceDiagram(dimension: 0, pairs: [.init(birth: 0, death: .infinity)]),
      PersistenceDiagram(dimension: 1, pairs: []),
    ],
    realMRLT: [0.2, 0.8] + Array(repeating: 0, count: 98),
    syntheticMRLT: [1] + Array(repeating: 0, count: 99),
    notes: ["kde was not computed"], timings: [.init("persistence", "0.01")])

  @Test("the page is well-formed, self-contained, and shows every part")
  func structure() throws {
    let html = page.render()
    let document = try XMLDocument(xmlString: html, options: [])
    func nodes(_ path: String) throws -> [XMLNode] { try document.nodes(forXPath: path) }
    // No script, no external resource: nothing is fetched.
    for element in ["script", "link", "img", "iframe", "object"] {
      #expect(try nodes("//\(element)").isEmpty)
    }
    #expect(!html.contains("src=") && !html.contains("href=") && !html.contains("url("))
    // Two metric rows, two parameters, a timing.
    #expect(try nodes("//table[@class='metrics']/tbody/tr").count == 2)
    #expect(try nodes("//table[@class='parameters']/tbody/tr").count == 2)
    #expect(try nodes("//table[@class='timings']/tbody/tr").count == 1)
    // A diagram and a barcode per dimension, and the MRLT histogram: five inline SVGs.
    let svgs = html.components(separatedBy: "<svg xmlns=").count - 1
    #expect(svgs == 5)
    // The histogram stops after the last category with mass (2 categories → at least 5 shown).
    #expect(html.contains("<title>real 4: 0.0</title>") && !html.contains("<title>real 5: "))
    // Text is escaped, once.
    #expect(html.contains("b.csv &lt;odd &amp; name&gt;"))
    #expect(try nodes("//li").first?.stringValue == "kde was not computed")
    #expect(html == page.render())
  }

  @Test("the MRLT histogram keeps at least 5 categories, and one past the last with mass")
  func histogramLength() {
    func categories(_ real: [Double], _ synthetic: [Double]) -> Int {
      SVGPlot.mrltHistograms(real: real, synthetic: synthetic)
        .components(separatedBy: "data-series=\"0\"").count - 1
    }
    #expect(categories([1, 0, 0, 0, 0, 0, 0], [1]) == 5)
    #expect(categories([0, 0, 0, 0, 0, 0, 0.5, 0, 0, 0], [0]) == 8)
    #expect(categories([0.5, 0.5], [1]) == 2)
  }
}
