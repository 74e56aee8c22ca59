/// Per-feature centring and scaling fitted to the rows of a design matrix, as scikit-learn's
/// scalers:
///
/// - `standard` (`StandardScaler`): the mean and the population standard deviation; a feature
///   whose variance is indistinguishable from 0 (scikit-learn's bound n·ε·var + (n·mean·ε)²) is
///   scaled by 1;
/// - `robust` (`RobustScaler`, what SDMetrics' detection uses): the median and the interquartile
///   range (numpy's linear percentiles); a range below 10·ε is replaced by 1.
public struct Scaler: Sendable, Equatable {
  /// How the centre and the scale are chosen.
  public enum Kind: String, Sendable, Codable {
    case standard, robust
  }

  /// Subtracted from each feature.
  public let centers: [Double]
  /// Each centred feature is divided by its scale.
  public let scales: [Double]

  /// Fits to `rows` of `x` (all rows when nil), scaling only the features `scaled` marks (all
  /// when nil); the others keep centre 0 and scale 1.
  public init(_ kind: Kind, fittedTo x: DesignMatrix, rows: [Int]? = nil, scaled: [Bool]? = nil) {
    let rows = rows ?? Array(0..<x.rowCount)
    var centers: [Double] = []
    var scales: [Double] = []
    let eps = Double.ulpOfOne
    for j in 0..<x.columnCount {
      guard scaled?[j] ?? true else {
        centers.append(0)
        scales.append(1)
        continue
      }
      let column = rows.map { x[$0, j] }
      let n = Double(column.count)
      switch kind {
      case .standard:
        let mean = column.isEmpty ? 0 : column.reduce(0, +) / n
        let variance = column.isEmpty ? 0 : column.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / n
        let constant = variance <= n * eps * variance + (n * mean * eps) * (n * mean * eps)
        centers.append(mean)
        scales.append(constant ? 1 : variance.squareRoot())
      case .robust:
        let sorted = column.sorted()
        let range = Self.percentile(sorted, 0.75) - Self.percentile(sorted, 0.25)
        centers.append(Self.percentile(sorted, 0.5))
        scales.append(range < 10 * eps ? 1 : range)
      }
    }
    self.centers = centers
    self.scales = scales
  }

  /// numpy's `percentile(…, method='linear')` of sorted values (0 for none).
  static func percentile(_ sorted: [Double], _ q: Double) -> Double {
    guard !sorted.isEmpty else { return 0 }
    let h = Double(sorted.count - 1) * q
    let low = Int(h.rounded(.down))
    let high = min(low + 1, sorted.count - 1)
    let t = h - Double(low)
    let (a, b) = (sorted[low], sorted[high])
    return t >= 0.5 ? b - (b - a) * (1 - t) : a + (b - a) * t
  }

  /// `x` centred and scaled.
  public func apply(_ x: DesignMatrix) -> DesignMatrix {
    var scaled = x
    let p = x.columnCount
    for row in 0..<x.rowCount {
      for j in 0..<p {
        scaled.values[row * p + j] = (x.values[row * p + j] - centers[j]) / scales[j]
      }
    }
    return scaled
  }
}
