import PointClouds

/// The kernel-density baseline of compared samples: the Gaussian KDE of point clouds (and of
/// all-numeric tables), or the product kernel of statsmodels' `KDEMultivariate` on mixed tables.
public enum KDEReport: Sendable, Encodable {
  case gaussian(KernelDensityBaseline)
  case productKernel(TableKernelDensity)

  public func encode(to encoder: any Encoder) throws {
    switch self {
    case .gaussian(let report): try report.encode(to: encoder)
    case .productKernel(let report): try report.encode(to: encoder)
    }
  }
}

/// Why a `--bandwidth` text was refused: the one-line message of the CLI.
public struct BandwidthError: LocalizedTDAEvalError {
  public let description: String
}

extension ComparedSamples {
  /// The KDE of these samples with the bandwidth `text` names: scott, silverman or a positive
  /// number for clouds and all-numeric tables; normal_reference (or the default, scott) or one
  /// positive bandwidth per used column, comma separated, for mixed tables, whose rows must be
  /// complete.
  /// - Throws: ``BandwidthError`` for a text that names no bandwidth of the samples' kind; the
  ///   errors of the KDEs.
  public func kde(bandwidth text: String, progress: ProgressHandler? = nil) throws -> KDEReport {
    let clouds: (real: PointCloud, synthetic: PointCloud)
    switch self {
    case .clouds(let real, let synthetic, _): clouds = (real, synthetic)
    case .tables(let tables):
      if tables.real.isAllNumeric, let real = tables.real.numericCloud,
        let synthetic = tables.synthetic.numericCloud
      {
        clouds = (real, synthetic)
      } else {
        return .productKernel(try Self.productKernel(tables, bandwidth: text, progress: progress))
      }
    }
    guard let kernel = Evaluation.bandwidth(named: text) else {
      throw BandwidthError(
        description:
          "--bandwidth must be scott, silverman or a positive finite number for numeric samples, got '\(text)'"
      )
    }
    return .gaussian(
      try KernelDensityBaseline.compute(
        real: clouds.real, synthetic: clouds.synthetic, bandwidth: kernel, progress: progress))
  }

  /// Whether `text` can name a bandwidth of some samples (checked before any file is read).
  public static func isBandwidth(_ text: String) -> Bool {
    Evaluation.bandwidth(named: text) != nil || text == "normal_reference" || text.contains(",")
  }

  private static func productKernel(
    _ tables: TableSamples, bandwidth text: String, progress: ProgressHandler?
  ) throws -> TableKernelDensity {
    for table in [tables.real, tables.synthetic] {
      if let error = table.missingCellError(
        handledBy: "the KDE needs complete rows: use --missing drop-rows (which drops such rows)")
      {
        throw error
      }
    }
    var bandwidths: [Double]? = nil
    if !["scott", "normal_reference"].contains(text) {
      let values = text.split(separator: ",").map {
        Double($0.trimmingCharacters(in: .whitespaces))
      }
      guard !values.isEmpty, values.allSatisfy({ $0 != nil && $0!.isFinite && $0! > 0 }) else {
        throw BandwidthError(
          description:
            "--bandwidth for a mixed table must be normal_reference or positive numbers, one per used column, got '\(text)'"
        )
      }
      bandwidths = values.map { $0! }
    }
    return try TableKernelDensity.compute(
      real: tables.real, synthetic: tables.synthetic, bandwidths: bandwidths, progress: progress)
  }
}
