import Foundation

/// One self-contained HTML page presenting the evaluation of a real/synthetic pair: the
/// parameters, a table of every metric with a one-line reading, the persistence diagrams and
/// barcodes of both samples, and the MRLT histograms of the geometry score.
///
/// The page needs nothing else: styles are inline, plots are inline SVG (``SVGPlot``), there is no
/// JavaScript and no external resource. The markup is also well-formed XML (every element closed,
/// text escaped), so tests can parse it. Rendering is pure: the same page gives the same bytes.
public struct HTMLReport: Sendable, Equatable {
  /// A named value (a parameter or a timing).
  public struct Entry: Sendable, Equatable {
    public var name: String
    public var value: String

    public init(_ name: String, _ value: String) {
      self.name = name
      self.value = value
    }
  }

  /// One row of the metric table.
  public struct MetricRow: Sendable, Equatable {
    /// The metric, e.g. "precision" or "bottleneck H1".
    public var name: String
    /// Its value as shown.
    public var value: String
    /// One sentence saying what the value means for this pair.
    public var reading: String
    /// The synthetic sample's value at the baseline's sizes against the baseline's reference.
    public var matched = ""
    /// What a second real sample gets, as shown ("" without a baseline).
    public var baseline = ""
    /// `consistent` or `differs` ("" without a baseline).
    public var verdict = ""
    /// The value and the baseline as numbers, and their bootstrap intervals (error bars).
    public var bars: ErrorBars?

    public init(name: String, value: String, reading: String) {
      self.name = name
      self.value = value
      self.reading = reading
    }
  }

  /// A (matched) value and its baseline with their bootstrap intervals, drawn as two error bars.
  public struct ErrorBars: Sendable, Equatable {
    public var value: Double
    public var interval: ClosedInterval
    public var baseline: Double
    public var baselineInterval: ClosedInterval

    public init(
      value: Double, interval: ClosedInterval, baseline: Double, baselineInterval: ClosedInterval
    ) {
      self.value = value
      self.interval = interval
      self.baseline = baseline
      self.baselineInterval = baselineInterval
    }
  }

  /// A titled table of results (e.g. detection, utility).
  public struct ResultTable: Sendable, Equatable {
    public var title: String
    public var header: [String]
    public var rows: [[String]]

    public init(title: String, header: [String], rows: [[String]]) {
      self.title = title
      self.header = header
      self.rows = rows
    }
  }

  /// The page title.
  public var title: String
  /// A line under the title (e.g. the two files and their sizes).
  public var subtitle: String
  /// The parameters of the evaluation.
  public var parameters: [Entry]
  /// The metric table.
  public var metrics: [MetricRow]
  /// Persistence diagrams of the real sample, by dimension (empty when not computed).
  public var realDiagrams: [PersistenceDiagram]
  /// Persistence diagrams of the synthetic sample, by dimension.
  public var syntheticDiagrams: [PersistenceDiagram]
  /// Mean relative living times of the real and the synthetic sample (geometry score), if any.
  public var realMRLT: [Double]?
  public var syntheticMRLT: [Double]?
  /// The privacy section's figures (standalone SVG documents), when computed.
  public var privacyFigures: [String]
  /// The fidelity section's figures (standalone SVG documents): per-column distributions and
  /// association heatmaps, when computed.
  public var fidelityFigures: [String]
  /// The detection and utility tables, when computed.
  public var learningTables: [ResultTable]
  /// Remarks shown at the end (e.g. metrics that were not computed, and why).
  public var notes: [String]
  /// Wall-clock time of each part.
  public var timings: [Entry]

  public init(
    title: String, subtitle: String, parameters: [Entry], metrics: [MetricRow],
    realDiagrams: [PersistenceDiagram] = [], syntheticDiagrams: [PersistenceDiagram] = [],
    realMRLT: [Double]? = nil, syntheticMRLT: [Double]? = nil, privacyFigures: [String] = [],
    fidelityFigures: [String] = [], learningTables: [ResultTable] = [],
    notes: [String] = [], timings: [Entry] = []
  ) {
    self.privacyFigures = privacyFigures
    self.fidelityFigures = fidelityFigures
    self.learningTables = learningTables
    self.title = title
    self.subtitle = subtitle
    self.parameters = parameters
    self.metrics = metrics
    self.realDiagrams = realDiagrams
    self.syntheticDiagrams = syntheticDiagrams
    self.realMRLT = realMRLT
    self.syntheticMRLT = syntheticMRLT
    self.notes = notes
    self.timings = timings
  }

  /// The page as one HTML document.
  public func render() -> String {
    let e = SVGPlot.escape
    var html = """
      <!DOCTYPE html>
      <html lang="en">
      <head>
      <meta charset="utf-8"/>
      <meta name="viewport" content="width=device-width, initial-scale=1"/>
      <title>\(e(title))</title>
      <style>
      \(Self.style)
      </style>
      </head>
      <body>
      <h1>\(e(title))</h1>
      <p class="subtitle">\(e(subtitle))</p>

      """
    html += "<h2>Metrics</h2>\n"
    if metrics.contains(where: { !$0.baseline.isEmpty }) {
      html +=
        "<p class=\"note\">Each value beside what a second real sample gets. Baseline: the metric between two real samples (two seeded halves of the real sample, or the real sample and the holdout); matched: the synthetic sample against the same reference real rows at the same size. A reading differs when the matched value lies beyond the baseline's tolerance on the metric's worse side (and, with bootstrap intervals, the two intervals do not overlap). Error bars: 95% bootstrap percentile intervals of the matched value (blue) and the baseline (grey).</p>\n"
      html += metricTableWithBaseline()
    } else {
      html += table(
        header: ["metric", "value", "reading"],
        rows: metrics.map { [$0.name, $0.value, $0.reading] },
        numericColumns: 1..<2, cssClass: "metrics")
    }
    let dimensions = max(realDiagrams.count, syntheticDiagrams.count)
    if dimensions > 0 {
      html += "<h2>Persistence</h2>\n"
      html +=
        "<p class=\"note\">Vietoris–Rips filtration (a simplex enters at its diameter). Points far from the diagonal are long-lived features; essential classes sit on the ∞ line.</p>\n"
      for dimension in 0..<dimensions {
        let series = SVGPlot.comparisonSeries(
          real: realDiagrams, synthetic: syntheticDiagrams, dimension: dimension)
        html += "<div class=\"row\">\n"
        html +=
          "<figure>"
          + SVGPlot.persistenceDiagram(title: "H\(dimension) persistence diagram", series: series)
          + "</figure>\n"
        html +=
          "<figure>"
          + SVGPlot.barcode(title: "H\(dimension) barcode", series: series) + "</figure>\n"
        html += "</div>\n"
      }
    }
    if let realMRLT, let syntheticMRLT {
      html += "<h2>Geometry score</h2>\n"
      html +=
        "<p class=\"note\">Mean relative living time of i H1 classes in witness complexes: the share of the filtration during which exactly i one-dimensional holes are alive.</p>\n"
      html +=
        "<figure>" + SVGPlot.mrltHistograms(real: realMRLT, synthetic: syntheticMRLT)
        + "</figure>\n"
    }
    html += figureRow(
      "Privacy", figures: privacyFigures,
      note:
        "Synthetic rows much closer to the training rows than fresh (holdout) rows are, or a membership attack well above the diagonal, mean the generator copies its training data."
    )
    html += figureRow(
      "Fidelity", figures: fidelityFigures,
      note:
        "Each column's real and synthetic distribution (shares of rows per bin or category), then the column associations (Pearson's ρ between numeric columns, Cramér's V otherwise) of both tables and their difference, synthetic − real."
    )
    if !learningTables.isEmpty {
      html += "<h2>Detection and utility</h2>\n"
      html +=
        "<p class=\"note\">Detection: a classifier telling synthetic rows from real ones; an AUC or 1-NN accuracy near 0.5 means it cannot. Utility: models trained on the real and on the synthetic rows, scored on the held-out real rows; gap = synthetic − real.</p>\n"
      for result in learningTables {
        html += "<h3>\(e(result.title))</h3>\n"
        html += table(
          header: result.header, rows: result.rows, numericColumns: 2..<result.header.count,
          cssClass: "learning")
      }
    }
    html += "<h2>Parameters</h2>\n"
    html += table(
      header: ["parameter", "value"], rows: parameters.map { [$0.name, $0.value] },
      numericColumns: 1..<2, cssClass: "parameters")
    if !timings.isEmpty {
      html += "<h2>Timings</h2>\n"
      html += table(
        header: ["part", "seconds"], rows: timings.map { [$0.name, $0.value] },
        numericColumns: 1..<2, cssClass: "timings")
    }
    if !notes.isEmpty {
      html += "<h2>Notes</h2>\n<ul class=\"notes\">\n"
      for note in notes { html += "<li>\(e(note))</li>\n" }
      html += "</ul>\n"
    }
    html += "<footer>Generated by tda-eval.</footer>\n</body>\n</html>\n"
    return html
  }

  /// The metric table with the baseline, the verdict and, where there are intervals, error bars.
  private func metricTableWithBaseline() -> String {
    let e = SVGPlot.escape
    var html = "<table class=\"metrics\">\n<thead><tr>"
    for cell in ["metric", "value", "matched", "baseline", "verdict", "intervals", "reading"] {
      html += "<th>\(cell)</th>"
    }
    html += "</tr></thead>\n<tbody>\n"
    for row in metrics {
      let verdictClass = row.verdict == "differs" ? " class=\"differs\"" : ""
      html += "<tr><td>\(e(row.name))</td><td class=\"num\">\(e(row.value))</td>"
      html += "<td class=\"num\">\(e(row.matched))</td><td class=\"num\">\(e(row.baseline))</td>"
      html += "<td\(verdictClass)>\(e(row.verdict))</td>"
      html += "<td>\(row.bars.map(SVGPlot.errorBars) ?? "")</td><td>\(e(row.reading))</td></tr>\n"
    }
    html += "</tbody>\n</table>\n"
    return html
  }

  /// An HTML table; cells of `numericColumns` are right-aligned.
  /// A section of figures side by side under a heading and a note; nothing without figures.
  private func figureRow(_ title: String, figures: [String], note: String) -> String {
    guard !figures.isEmpty else { return "" }
    var html = "<h2>\(title)</h2>\n<p class=\"note\">\(note)</p>\n<div class=\"row\">\n"
    for figure in figures { html += "<figure>" + figure + "</figure>\n" }
    return html + "</div>\n"
  }

  private func table(
    header: [String], rows: [[String]], numericColumns: Range<Int>, cssClass: String
  ) -> String {
    let e = SVGPlot.escape
    var html = "<table class=\"\(cssClass)\">\n<thead><tr>"
    for cell in header { html += "<th>\(e(cell))</th>" }
    html += "</tr></thead>\n<tbody>\n"
    for row in rows {
      html += "<tr>"
      for (column, cell) in row.enumerated() {
        html +=
          numericColumns.contains(column)
          ? "<td class=\"num\">\(e(cell))</td>" : "<td>\(e(cell))</td>"
      }
      html += "</tr>\n"
    }
    html += "</tbody>\n</table>\n"
    return html
  }

  /// The style sheet.
  static let style = """
    body { font-family: Helvetica, Arial, sans-serif; margin: 24px auto; max-width: 1040px; color: #222; }
    h1 { font-size: 22px; margin-bottom: 4px; }
    h2 { font-size: 17px; margin-top: 28px; border-bottom: 1px solid #ddd; padding-bottom: 4px; }
    .subtitle, .note, footer { color: #555; font-size: 13px; }
    table { border-collapse: collapse; font-size: 13px; }
    th, td { border-bottom: 1px solid #e3e3e3; padding: 4px 10px; text-align: left; vertical-align: top; }
    th { background: #f5f5f5; }
    td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
    table.metrics td:first-child { white-space: nowrap; }
    td.differs { color: #b2182b; font-weight: bold; }
    .row { display: flex; flex-wrap: wrap; gap: 12px; }
    figure { margin: 8px 0; }
    footer { margin-top: 32px; }
    """
}
