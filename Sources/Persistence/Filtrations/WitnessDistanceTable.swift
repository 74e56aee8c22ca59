import PointClouds

/// The Euclidean distances from every witness to every landmark, landmark-major (row j holds
/// d(w, l_j) for every witness w, as the witness scan reads them), and their maximum.
///
/// Each distance is √(Σₖ (wₖ − lₖ)²) summed in coordinate order, the same rounding as SciPy's
/// `cdist`; the kernel runs over the landmarks of one coordinate at a time (landmarks stored
/// transposed), so the inner loop is a vectorisable stream with no reduction across lanes.
struct WitnessDistanceTable {
  let witnessCount: Int
  let landmarkCount: Int
  /// Landmark-major, `landmarkCount × witnessCount`.
  private(set) var distances: [Double]
  private(set) var maxDistance: Double

  init(witnesses: PointCloud, landmarks: PointCloud) {
    let dimension = witnesses.dimension
    let count = landmarks.count
    let n = witnesses.count
    witnessCount = n
    landmarkCount = count
    var transposed = [Double](repeating: 0, count: dimension * count)
    for j in 0..<count {
      for k in 0..<dimension { transposed[k * count + j] = landmarks[j, k] }
    }
    var largest = 0.0
    distances = [Double](unsafeUninitializedCapacity: n * count) { table, initialized in
      withUnsafeTemporaryAllocation(of: Double.self, capacity: count) { row in
        witnesses.withUnsafeCoordinates { points in
          transposed.withUnsafeBufferPointer { columns in
            for i in 0..<n {
              row.initialize(repeating: 0)
              let point = points.baseAddress! + i * dimension
              for k in 0..<dimension {
                let x = point[k]
                let column = columns.baseAddress! + k * count
                for j in 0..<count {
                  let t = x - column[j]
                  row[j] += t * t
                }
              }
              for j in 0..<count {
                let distance = row[j].squareRoot()
                (table.baseAddress! + j * n + i).initialize(to: distance)
                largest = max(largest, distance)
              }
            }
          }
        }
      }
      initialized = n * count
    }
    maxDistance = largest
  }

  /// Calls `body` with a pointer to each landmark's row of `witnessCount` distances.
  func withRows<R>(_ body: (UnsafeBufferPointer<UnsafePointer<Double>>) -> R) -> R {
    distances.withUnsafeBufferPointer { table in
      withUnsafeTemporaryAllocation(of: UnsafePointer<Double>.self, capacity: landmarkCount) {
        rows in
        for j in 0..<landmarkCount { rows[j] = table.baseAddress! + j * witnessCount }
        return body(UnsafeBufferPointer(rows))
      }
    }
  }
}
