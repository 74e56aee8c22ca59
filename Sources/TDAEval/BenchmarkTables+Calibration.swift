extension BenchmarkTables {
  /// The id of the null-calibration evaluation of `base` at `size` points with `seed`.
  static func calibrationID(_ base: BaseDistribution, _ size: Int, _ seed: UInt64) -> String {
    "calibration/\(base.rawValue)/\(size)/\(seed)"
  }

  /// Table 4: every metric (by its dotted path) between two seeded samples of each base
  /// distribution, per sample size: mean, sample standard deviation, minimum and maximum over
  /// the seeds.
  func calibrationTables(results: [String: JobResult]) throws -> [TableFile] {
    var csv = "base,n,metric,mean,sd,min,max,seeds\n"
    var markdown = "# Null calibration: every metric between two samples of one distribution\n\n"
    markdown += """
      Two seeded samples of the same base distribution (the faithful pair), n points each; \
      mean ± sample standard deviation [min, max] over \(calibrationSeeds.count) seeds. A \
      synthetic sample's metric means something only beyond this spread. Regenerate with \
      `tda-eval tables --only calibration`.

      """
    for base in calibrationBases {
      var columns: [[(metric: String, values: [Double])]] = []
      for size in calibrationSizes {
        var order: [String] = []
        var values: [String: [Double]] = [:]
        for seed in calibrationSeeds {
          let result = try Self.result(Self.calibrationID(base, size, seed), in: results)
          for (metric, value) in zip(result.metrics, result.values) {
            if values[metric] == nil { order.append(metric) }
            values[metric, default: []].append(value)
          }
        }
        columns.append(order.map { ($0, values[$0]!) })
        for metric in order {
          let list = values[metric]!
          let summary = Summary(list)
          let cells = [summary.mean, summary.deviation, list.min()!, list.max()!].map(
            Self.csvNumber)
          csv += "\(base.rawValue),\(size),\(metric),\(cells.joined(separator: ",")),"
          csv += "\(summary.samples)\n"
        }
      }
      let metrics = Self.union(columns.map { $0.map(\.metric) })
      let body = metrics.map { metric in
        [metric]
          + columns.map { column in
            column.first { $0.metric == metric }.map {
              let range = [$0.values.min()!, $0.values.max()!].map(Self.short)
              return "\(Self.cell(Summary($0.values))) [\(range.joined(separator: ", "))]"
            } ?? "—"
          }
      }
      markdown += "\n## \(base.rawValue) (d = \(base.dimension))\n\n"
      markdown += Self.markdownTable(
        header: ["metric"] + calibrationSizes.map { "n = \($0)" }, rows: body)
    }
    return [
      TableFile(name: "calibration.csv", contents: csv),
      TableFile(name: "calibration.md", contents: markdown),
    ]
  }
}
