import PointClouds

/// Column-wise z-scoring fitted to the real set: x′_c = (x_c − mean_c) / sd_c, applied with the
/// real set's means and standard deviations to every set (real, synthetic, holdout) so distances
/// do not depend on the units of each column.
///
/// sd is the population standard deviation (divisor N, as `sklearn.preprocessing.StandardScaler`
/// and `numpy.std`). A column that is constant in the real set is only centred (scale 1) and
/// listed in ``constantColumns``, never divided by zero.
public struct Standardization: Codable, Sendable, Equatable {
  /// The real set's column means.
  public var means: [Double]
  /// The divisor of each column: its standard deviation, or 1 for a constant column.
  public var scales: [Double]
  /// The 0-based indices of the columns that are constant in the real set.
  public var constantColumns: [Int]

  enum CodingKeys: String, CodingKey {
    case means, scales
    case constantColumns = "constant_columns"
  }

  /// Fits the means and standard deviations of `real`'s columns.
  /// - Throws: ``SampleMetricsError`` for an empty set or non-finite values.
  public init(fittedTo real: PointCloud) throws {
    try validate(real, named: "real", minimum: 1)
    let n = real.count
    let d = real.dimension
    var means = [Double](repeating: 0, count: d)
    var scales = [Double](repeating: 1, count: d)
    var constant: [Int] = []
    for c in 0..<d {
      var sum = 0.0
      var low = Double.infinity
      var high = -Double.infinity
      for i in 0..<n {
        let x = real[i, c]
        sum += x
        low = min(low, x)
        high = max(high, x)
      }
      let mean = sum / Double(n)
      means[c] = mean
      if low == high {
        constant.append(c)
        continue
      }
      var squares = 0.0
      for i in 0..<n {
        let t = real[i, c] - mean
        squares += t * t
      }
      scales[c] = (squares / Double(n)).squareRoot()
    }
    self.means = means
    self.scales = scales
    constantColumns = constant
  }

  /// `cloud` with every column centred and scaled by the fitted values.
  /// - Precondition: `cloud` has the fitted dimension.
  public func apply(to cloud: PointCloud) -> PointCloud {
    precondition(cloud.dimension == means.count, "dimension differs from the fitted one")
    let d = cloud.dimension
    var coordinates = cloud.coordinates
    for index in coordinates.indices {
      let c = index % d
      coordinates[index] = (coordinates[index] - means[c]) / scales[c]
    }
    return PointCloud(
      count: cloud.count, dimension: d, coordinates: coordinates, columnNames: cloud.columnNames)
  }
}
