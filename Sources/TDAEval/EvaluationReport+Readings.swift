import Foundation

/// One number of a report under a stable name (e.g. `precision`, `bottleneck_h1`), for tables.
public struct NamedValue: Sendable, Equatable {
  public var name: String
  public var value: Double

  public init(_ name: String, _ value: Double) {
    self.name = name
    self.value = value
  }
}

extension EvaluationReport {
  /// One row per metric with its value and a one-line reading of what it says about this pair;
  /// with a baseline, the rows of metrics with a reading show the baseline, the verdict and the
  /// reading's text (and error bars with bootstrap intervals), and the readings without a row of
  /// their own follow under their dotted paths.
  public var metricRows: [HTMLReport.MetricRow] {
    guard let readings else { return describedRows }
    var unshown = Dictionary(readings.map { ($0.metric, $0) }, uniquingKeysWith: { a, _ in a })
    var rows = describedRows.map { row in
      guard let path = Self.path(ofRow: row.name, tableKDE: tableKDE != nil),
        let reading = unshown.removeValue(forKey: path)
      else { return row }
      return Self.row(row, reading: reading)
    }
    for reading in readings where unshown[reading.metric] != nil {
      rows.append(
        Self.row(
          .init(name: reading.metric, value: Self.format(reading.value), reading: ""),
          reading: reading))
    }
    return rows
  }

  /// `row` showing `reading`.
  static func row(_ row: HTMLReport.MetricRow, reading: Reading) -> HTMLReport.MetricRow {
    var row = row
    row.matched = format(reading.matched)
    row.baseline = format(reading.baseline)
    row.verdict = reading.verdict.rawValue
    row.reading = reading.text
    if let interval = reading.matchedInterval, let baselineInterval = reading.baselineInterval {
      row.bars = .init(
        value: reading.matched, interval: interval, baseline: reading.baseline,
        baselineInterval: baselineInterval)
    }
    return row
  }

  /// The dotted path of the reading shown in the described row `name`, if any.
  static func path(ofRow name: String, tableKDE: Bool) -> String? {
    let kde = tableKDE ? "kde_table" : "kde"
    let paths = [
      "precision": "metrics.precision", "recall": "metrics.recall", "density": "metrics.density",
      "coverage": "metrics.coverage", "realism (median)": "metrics.realism.median",
      "distance to closest record (median)": "metrics.dcr.median",
      "NDB/K": "metrics.vq.ndb_over_k",
      "KDE log-likelihood synth | real": "\(kde).synth_given_real",
      "KDE log-likelihood real | synth": "\(kde).real_given_synth",
      "identifiability": "privacy.identifiability.value", "NNDR median": "privacy.nndr.median",
      "closer to training": "privacy.dcr.closer_to_training.value",
      "membership AUC": "privacy.membership.auc", "geometry score": "gscore.gscore",
    ]
    if let path = paths[name] { return path }
    for (prefix, key) in [
      ("bottleneck H", "bottleneck"), ("Wasserstein-1 H", "wasserstein1"),
      ("Wasserstein-2 H", "wasserstein2"),
    ] where name.hasPrefix(prefix) {
      return "diagrams.\(name.dropFirst(prefix.count)).\(key)"
    }
    return nil
  }

  /// One row per metric with its value and a one-line description of what it says.
  var describedRows: [HTMLReport.MetricRow] {
    var rows: [HTMLReport.MetricRow] = []
    if let m = sampleMetrics {
      let k = m.k
      rows.append(
        .init(
          name: "precision", value: Self.format(m.precision),
          reading:
            "\(Self.percent(m.precision)) of synthetic points lie in the real k-NN manifold; "
            + (m.precision >= 0.9
              ? "fidelity is good."
              : m.precision >= 0.6
                ? "some synthetic points fall off the real support (noise, shift or scale)."
                : "many synthetic points fall off the real support (noise, shift, scale or wrong shape).")
        ))
      rows.append(
        .init(
          name: "recall", value: Self.format(m.recall),
          reading: "\(Self.percent(m.recall)) of real points lie in the synthetic k-NN manifold; "
            + (m.recall >= 0.9
              ? "the synthetic sample spans the real one."
              : "parts of the real distribution are missing (collapsed or dropped modes, too few samples).")
        ))
      rows.append(
        .init(
          name: "density", value: Self.format(m.density),
          reading: m.density > 1.2
            ? "Above 1: synthetic points crowd into dense real neighbourhoods (collapse or copies)."
            : m.density < 0.8
              ? "Below 1: synthetic points sit in sparse real regions or off the support."
              : "About 1, as for two samples of one distribution."))
      let expected = Self.expectedCoverage(k: k, real: real.points, synthetic: synthetic.points)
      rows.append(
        .init(
          name: "coverage", value: Self.format(m.coverage),
          reading:
            "\(Self.percent(m.coverage)) of real neighbourhoods hold a synthetic point (≈ \(Self.format(expected)) expected for identical distributions); "
            + (m.coverage >= expected - 0.1
              ? "no region is left out." : "some real regions are not produced.")))
      rows.append(
        .init(
          name: "realism (median)", value: Self.format(m.realism.median),
          reading:
            "\(Self.percent(m.realism.atLeastOne)) of synthetic points score ≥ 1 (inside a kept real ball); higher is more typical."
        ))
      let dcr = m.dcr.synthetic
      var dcrReading =
        dcr.exactCopies > 0
        ? "\(Self.percent(dcr.exactCopies)) of synthetic rows are exact copies of real rows: memorisation."
        : "No synthetic row copies a real row exactly."
      if let holdout = m.dcr.holdout {
        dcrReading +=
          " Held-out real rows: median \(Self.format(holdout.median))"
          + (dcr.median < 0.5 * holdout.median
            ? ", so synthetic rows sit suspiciously close to the training rows." : ".")
      }
      rows.append(
        .init(
          name: "distance to closest record (median)", value: Self.format(dcr.median),
          reading: dcrReading))
      if let vq = m.vq {
        rows.append(
          .init(
            name: "NDB/K", value: Self.format(vq.ndbOverK),
            reading:
              "\(vq.different) of \(vq.bins) k-means bins hold significantly different shares of real and synthetic points"
              + (vq.ndbOverK <= 0.1
                ? " (about the 5% false-alarm rate)."
                : ": the two samples distribute mass differently.")))
      }
    }
    if let kde {
      rows.append(
        .init(
          name: "KDE log-likelihood synth | real", value: Self.format(kde.synthGivenReal),
          reading:
            "Mean log-density (nats) of synthetic points under the real KDE; it falls when synthetic points leave the real support."
        ))
      rows.append(
        .init(
          name: "KDE log-likelihood real | synth", value: Self.format(kde.realGivenSynth),
          reading:
            "Mean log-density of real points under the synthetic KDE; it falls when real regions are missing from the synthetic sample."
        ))
    }
    if let kde = tableKDE {
      rows.append(
        .init(
          name: "KDE log-likelihood synth | real", value: Self.format(kde.synthGivenReal),
          reading:
            "Mean log-density of synthetic rows under the real product-kernel KDE (statsmodels' KDEMultivariate)."
        ))
      rows.append(
        .init(
          name: "KDE log-likelihood real | synth", value: Self.format(kde.realGivenSynth),
          reading: "Mean log-density of real rows under the synthetic product-kernel KDE."))
    }
    if let privacy {
      let readings = privacy.readings
      rows.append(
        .init(
          name: "identifiability", value: Self.format(privacy.identifiability.value),
          reading: readings["identifiability"] ?? ""))
      rows.append(
        .init(
          name: "NNDR median", value: Self.format(privacy.nndr.median),
          reading: readings["nndr"] ?? ""))
      if let closer = privacy.dcr.closerToTraining {
        rows.append(
          .init(
            name: "closer to training", value: Self.format(closer.value),
            reading: readings["closer_to_training"] ?? ""))
      }
      if let membership = privacy.membership {
        rows.append(
          .init(
            name: "membership AUC", value: Self.format(membership.auc),
            reading: readings["membership"] ?? ""))
      }
    }
    if let g = geometryScore {
      let realHoles = Self.dominantBetti(g.mrltReal)
      let syntheticHoles = Self.dominantBetti(g.mrltSynthetic)
      rows.append(
        .init(
          name: "geometry score", value: Self.format(g.gscore),
          reading:
            "Squared L2 distance of the MRLT histograms (0 = same H1 structure); most of the time \(realHoles) hole\(realHoles == 1 ? "" : "s") in the real and \(syntheticHoles) in the synthetic witness complexes."
        ))
    }
    if let persistence {
      for dimension in 0...persistence.real.maxdim {
        let realBars = Self.diagram(persistence.real, dimension)
        let syntheticBars = Self.diagram(persistence.synthetic, dimension)
        let realLongest = Self.longestFinite(realBars)
        let syntheticLongest = Self.longestFinite(syntheticBars)
        rows.append(
          .init(
            name: "H\(dimension) bars real / synthetic",
            value: "\(realBars.count) / \(syntheticBars.count)",
            reading:
              "Longest finite bar \(Self.format(realLongest)) (real) vs \(Self.format(syntheticLongest)) (synthetic)."
          ))
        if let distance = persistence.distances?.first(where: { $0.dimension == dimension }) {
          // Leaving the longest bar unmatched costs half its length: the natural unit.
          let scale = max(realLongest, syntheticLongest, 1e-12) / 2
          let ratio = distance.bottleneck / scale
          let share = Self.percent(ratio)
          let reading: String
          if !distance.bottleneck.isFinite {
            reading = "Infinite: the numbers of essential H\(dimension) classes differ."
          } else if ratio < 0.3 {
            reading =
              "\(share) of the cost of dropping the longest bar: the H\(dimension) features agree."
          } else if ratio < 0.8 {
            reading =
              "\(share) of the cost of dropping the longest bar: H\(dimension) features are distorted."
          } else {
            reading =
              "\(share) of the cost of dropping the longest bar: a major H\(dimension) feature is missing or spurious (topology differs)."
          }
          rows.append(
            .init(
              name: "bottleneck H\(dimension)", value: Self.format(distance.bottleneck),
              reading: reading))
          rows.append(
            .init(
              name: "Wasserstein-1 H\(dimension)", value: Self.format(distance.wasserstein1),
              reading:
                "Total cost of matching every H\(dimension) bar (small bars add up: grows with noise)."
            ))
          rows.append(
            .init(
              name: "Wasserstein-2 H\(dimension)", value: Self.format(distance.wasserstein2),
              reading: "Like Wasserstein-1 but weighs large mismatches more."))
        }
      }
    }
    return rows
  }

  /// The HTML page of this report; `realName` and `syntheticName` label the samples, whose
  /// `tables` (read under one schema), when given, give the fidelity section's column plots.
  public func htmlReport(
    realName: String, syntheticName: String, tables: (real: Table, synthetic: Table)? = nil
  ) -> HTMLReport {
    var notes = omitted.sorted { $0.key < $1.key }.map { "\($0.key) not computed: \($0.value)." }
    if let note = persistence.flatMap(persistenceNote) { notes.append(note) }
    notes += standardizationNotes
    if let baseline {
      notes.append(
        "Baseline: the same metrics between \(Reading.describe(baseline.source)) (\(baseline.report.real.points) and \(baseline.report.synthetic.points) rows), with the same parameters."
      )
    }
    return HTMLReport(
      title: "tda-eval: \(syntheticName) against \(realName)",
      subtitle:
        "real \(realName) (\(real.points) × \(real.dimension)), synthetic \(syntheticName) (\(synthetic.points) × \(synthetic.dimension))",
      parameters: parameters.parameterEntries, metrics: metricRows,
      realDiagrams: persistence?.real.diagrams ?? [],
      syntheticDiagrams: persistence?.synthetic.diagrams ?? [],
      realMRLT: geometryScore?.mrltReal, syntheticMRLT: geometryScore?.mrltSynthetic,
      privacyFigures: privacy.map(Self.privacyFigures) ?? [],
      fidelityFigures: fidelity.map { Self.fidelityFigures($0, tables: tables) } ?? [],
      learningTables: learningTables, notes: notes,
      timings: timings.sorted { $0.key < $1.key }.map {
        .init($0.key, String(format: "%.3f", $0.value))
      })
  }

  /// On which points the diagrams were computed, in words, when not all on the whole samples.
  func persistenceNote(_ persistence: PersistenceComparison) -> String? {
    let (r, s) = (persistence.real, persistence.synthetic)
    guard r.points < real.points || s.points < synthetic.points else { return nil }
    let subsets =
      "seeded random subsets of \(r.points) real and \(s.points) synthetic points"
    guard r.h0Points == real.points && s.h0Points == synthetic.points else {
      return "Persistence was computed on \(subsets)."
    }
    return "H0 was computed on the whole samples (\(real.points) real and \(synthetic.points) "
      + "synthetic points), H1 and up on \(subsets)."
  }

  /// What `--standardize` did, in words (nothing without it).
  public var standardizationNotes: [String] {
    guard parameters.standardize, let standardized else { return [] }
    if standardized.isEmpty {
      return [
        "--standardize changes nothing here: Gower's distance already divides every column by its range."
      ]
    }
    return [
      "Standardised: every sample z-scored with the real sample's column means and standard deviations (on mixed tables, their Euclidean embedding) for \(standardized.joined(separator: ", "))."
    ]
  }

  /// Each column's real and synthetic distributions (with `tables`), the association heatmaps
  /// of both tables and their difference.
  static func fidelityFigures(
    _ fidelity: FidelityReport, tables: (real: Table, synthetic: Table)?
  ) -> [String] {
    var figures: [String] = []
    if let tables {
      for (real, synthetic) in zip(tables.real.columns, tables.synthetic.columns)
      where real.kind != .ignore {
        figures.append(SVGPlot.columnComparison(real: real, synthetic: synthetic))
      }
    }
    let associations = fidelity.associations
    guard !associations.columns.isEmpty else { return figures }
    let difference = zip(associations.synthetic, associations.real).map { zip($0, $1).map(-) }
    for (title, values) in [
      ("Associations (real)", associations.real),
      ("Associations (synthetic)", associations.synthetic),
      ("Associations: synthetic − real", difference),
    ] {
      figures.append(SVGPlot.heatmap(title: title, labels: associations.columns, values: values))
    }
    return figures
  }

  /// The detection and utility tables, when computed.
  var learningTables: [HTMLReport.ResultTable] {
    var tables: [HTMLReport.ResultTable] = []
    if let detection {
      tables.append(
        .init(
          title: "Detection", header: DetectionReport.tableHeader,
          rows: detection.tableRows(Self.format)))
    }
    if let utility {
      tables.append(
        .init(
          title: "Utility: \(utility.summary)", header: utility.tableHeader,
          rows: utility.tableRows(Self.format)))
    }
    return tables
  }

  /// The DCR histograms of synthetic and holdout rows and the membership ROC curve.
  static func privacyFigures(_ privacy: PrivacyReport) -> [String] {
    let histogram = privacy.dcrHistogram
    let categories = histogram.edges.dropLast().indices.map {
      format((histogram.edges[$0] + histogram.edges[$0 + 1]) / 2)
    }
    func shares(_ counts: [Int]) -> [Double] {
      let total = max(1, counts.reduce(0, +))
      return counts.map { Double($0) / Double(total) }
    }
    var series = [SVGPlot.BarSeries(label: "synthetic rows", values: shares(histogram.synthetic))]
    if let holdout = histogram.holdout {
      series.append(SVGPlot.BarSeries(label: "holdout rows", values: shares(holdout)))
    }
    var figures = [
      SVGPlot.histogram(
        title: "Distance to the closest real (training) row", categories: categories,
        series: series,
        xLabel: "distance (\(privacy.distance.rawValue))", yLabel: "share of rows")
    ]
    if let membership = privacy.membership {
      let curve = membership.curve
      figures.append(
        SVGPlot.lineChart(
          title: "Membership attack: ROC curve (AUC \(format(membership.auc)))",
          xLabel: "false positive rate (holdout rows)",
          yLabel: "true positive rate (training rows)",
          series: [
            .init(
              label: "distance attack",
              points: Array(zip(curve.falsePositiveRates, curve.truePositiveRates))),
            .init(label: "no leak", points: [(0, 0), (1, 1)]),
          ]))
    }
    return figures
  }

  /// A value as tables show it: 4 significant digits, `inf` for infinity.
  static func format(_ value: Double) -> String {
    value.isInfinite ? (value > 0 ? "inf" : "-inf") : String(format: "%.4g", value)
  }

  /// A share as a whole percentage.
  static func percent(_ share: Double) -> String { String(format: "%.0f%%", 100 * share) }

  /// Naeem et al.'s expected coverage for identical distributions:
  /// 1 − Π_{j<k} (N − 1 − j)/(M + N − 1 − j).
  static func expectedCoverage(k: Int, real: Int, synthetic: Int) -> Double {
    let n = Double(real)
    let m = Double(synthetic)
    var product = 1.0
    for j in 0..<k {
      let jj = Double(j)
      product *= (n - 1 - jj) / (m + n - 1 - jj)
    }
    return 1 - product
  }

  /// The number of H1 classes alive longest (the mode of an MRLT vector).
  static func dominantBetti(_ mrlt: [Double]) -> Int {
    mrlt.indices.max { mrlt[$0] < mrlt[$1] } ?? 0
  }

  private static func diagram(_ summary: RipsSummary, _ dimension: Int) -> [PersistencePair] {
    dimension < summary.diagrams.count ? summary.diagrams[dimension].pairs : []
  }

  private static func longestFinite(_ pairs: [PersistencePair]) -> Double {
    pairs.filter { !$0.isEssential }.map(\.persistence).max() ?? 0
  }
}
