/// One scalar metric of a report: its name in the benchmark tables, its dotted path in the JSON
/// report, its value and the rule that reads it against the baseline.
public struct ScalarMetric: Sendable, Equatable {
  /// The stable short name of the benchmark tables (e.g. `precision`, `bottleneck_h1`).
  public var name: String
  /// The dotted path of the value in `evaluate`'s JSON (e.g. `metrics.recall`,
  /// `diagrams.1.bottleneck`).
  public var path: String
  public var value: Double
  public var rule: ReadingRule
  /// Whether the benchmark tables list it (``EvaluationReport/scalars``).
  var tabulated = true
}

extension EvaluationReport {
  /// Every scalar metric of the report in a fixed order, with its reading rule. Parts not
  /// computed contribute nothing.
  public var scalarMetrics: [ScalarMetric] {
    var values: [ScalarMetric] = []
    func add(_ name: String, _ path: String, _ value: Double, _ rule: ReadingRule) {
      values.append(ScalarMetric(name: name, path: path, value: value, rule: rule))
    }
    let offSupport = "synthetic points fall off the real support (noise, shift, scale or shape)"
    let missing = "parts of the real distribution are missing (collapsed or dropped modes)"
    if let m = sampleMetrics {
      add(
        "precision", "metrics.precision", m.precision,
        .lower(absolute: 0.05, sampling: 1, offSupport))
      add("recall", "metrics.recall", m.recall, .lower(absolute: 0.05, sampling: 1, missing))
      add(
        "density", "metrics.density", m.density,
        .either(
          absolute: 0.1, sampling: 2,
          higher: "synthetic points crowd into dense real neighbourhoods (collapse or copies)",
          lower: "synthetic points sit in sparse real regions or off the support"))
      add(
        "coverage", "metrics.coverage", m.coverage,
        .lower(
          absolute: 0.05, sampling: 1, "real neighbourhoods are left without synthetic points"))
      add(
        "realism_median", "metrics.realism.median", m.realism.median,
        .lower(relative: 0.75, sampling: 2, "synthetic points are less typical of the real sample"))
      add(
        "realism_at_least_one", "metrics.realism.at_least_one", m.realism.atLeastOne,
        .lower(
          absolute: 0.05, sampling: 1, "fewer synthetic points lie inside a real neighbourhood"))
      let dcr = m.dcr.synthetic
      add(
        "dcr_median", "metrics.dcr.median", dcr.median,
        .either(
          relative: 0.5,
          higher: "synthetic rows lie farther from the real rows (off the support)",
          lower: "synthetic rows sit closer to real rows than new real rows do (memorisation)"))
      add(
        "dcr_p5", "metrics.dcr.p5", dcr.p5,
        .lower(relative: 0.75, "some synthetic rows nearly copy real rows"))
      add(
        "dcr_exact_copies", "metrics.dcr.exact_copies", dcr.exactCopies,
        .higher(absolute: 0.01, "synthetic rows copy real rows exactly"))
      if let holdout = m.dcr.holdout, holdout.median > 0 {
        add(
          "dcr_median_over_holdout", "metrics.dcr.median_over_holdout",
          dcr.median / holdout.median,
          .either(
            relative: 0.5, null: 1,
            higher: "synthetic rows lie farther from the training rows than held-out rows do",
            lower: "synthetic rows sit closer to the training rows than held-out rows do"))
      }
      if let vq = m.vq {
        add(
          "ndb_over_k", "metrics.vq.ndb_over_k", vq.ndbOverK,
          .higher(absolute: 0.25, "the samples put different shares of mass in the k-means bins"))
      }
    }
    let leaves = "synthetic points leave the regions where the real sample has mass"
    let misses = "real regions are missing from the synthetic sample"
    // Mean log-densities: their spread between two samples grows with the dimension.
    let nats = 0.5 + 0.25 * Double(real.dimension)
    if let kde {
      let rule = { (meaning: String) in
        ReadingRule.lower(absolute: nats, relative: 0.05, meaning)
      }
      add("kde_synth_given_real", "kde.synth_given_real", kde.synthGivenReal, rule(leaves))
      add("kde_real_given_synth", "kde.real_given_synth", kde.realGivenSynth, rule(misses))
    }
    if let kde = tableKDE {
      let rule = { (meaning: String) in
        ReadingRule.lower(absolute: nats, relative: 0.05, meaning)
      }
      values.append(
        .init(
          name: "kde_synth_given_real", path: "kde_table.synth_given_real",
          value: kde.synthGivenReal, rule: rule(leaves), tabulated: false))
      values.append(
        .init(
          name: "kde_real_given_synth", path: "kde_table.real_given_synth",
          value: kde.realGivenSynth, rule: rule(misses), tabulated: false))
    }
    if let geometryScore {
      add(
        "gscore", "gscore.gscore", geometryScore.gscore,
        .higher(absolute: 0.25, relative: 3, "the H1 structure of the witness complexes differs"))
    }
    if let privacy {
      add(
        "identifiability", "privacy.identifiability.value", privacy.identifiability.value,
        .higher(
          absolute: 0.05, sampling: 1.5,
          "more real rows have a synthetic row closer than any other real row"))
      add(
        "nndr_median", "privacy.nndr.median", privacy.nndr.median,
        .lower(absolute: 0.05, sampling: 1.5, "synthetic rows sit on single real rows"))
      if let closer = privacy.dcr.closerToTraining {
        add(
          "closer_to_training", "privacy.dcr.closer_to_training.value", closer.value,
          .higher(
            absolute: 0.1, null: closer.fresh ?? 0.5,
            "more synthetic rows lie closer to the training rows than to the holdout"))
      }
      if let membership = privacy.membership {
        add(
          "membership_auc", "privacy.membership.auc", membership.auc,
          .higher(absolute: 0.1, null: 0.5, "distances tell training rows from held-out rows"))
        add(
          "membership_tpr_at_fpr_0.01", "privacy.membership.tpr_at_fpr_0.01",
          membership.tprAtFPR001,
          .higher(absolute: 0.1, null: 0.01, "some training rows are recognisable"))
      }
    }
    if let distances = persistence?.distances {
      let measures: [(String, KeyPath<DiagramDistanceSummary, Double>)] = [
        ("bottleneck", \.bottleneck), ("wasserstein1", \.wasserstein1),
        ("wasserstein2", \.wasserstein2),
      ]
      for (name, value) in measures {
        for distance in distances {
          let h = distance.dimension
          add(
            "\(name)_h\(h)", "diagrams.\(h).\(name)", distance[keyPath: value],
            .higher(
              relative: 3,
              "the H\(h) features differ more than between two real samples"))
        }
      }
    }
    if let fidelity {
      let scores: [(String, Double?, String)] = [
        ("quality", fidelity.quality, "the columns and their pairs differ"),
        ("column_shapes", fidelity.columnShapes, "column distributions differ"),
        ("column_pair_trends", fidelity.columnPairTrends, "pairs of columns relate differently"),
      ]
      for (key, score, meaning) in scores {
        guard let score else { continue }
        values.append(
          .init(
            name: key, path: "fidelity.\(key)", value: score,
            rule: .lower(absolute: 0.1, meaning), tabulated: false))
      }
    }
    return values
  }

  /// Every scalar metric of the benchmark tables under its stable name, in a fixed order.
  public var scalars: [NamedValue] {
    scalarMetrics.filter(\.tabulated).map { NamedValue($0.name, $0.value) }
  }
}
