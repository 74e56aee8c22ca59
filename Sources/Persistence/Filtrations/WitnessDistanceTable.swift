import PointClouds

/// The Euclidean distances from every witness to every landmark, one row of `landmarkCount`
/// values per witness, and their maximum.
///
/// Each distance is √(Σₖ (wₖ − lₖ)²) summed in coordinate order, the same rounding as SciPy's
/// `cdist`; the kernel runs over the landmarks of one coordinate at a time (landmarks stored
/// transposed), so the inner loop is a vectorisable stream with no reduction across lanes.
struct WitnessDistanceTable {
  let witnessCount: Int
  let landmarkCount: Int
  /// Row-major, `witnessCount × landmarkCount`.
  private(set) var distances: [Double]
  private(set) var maxDistance: Double

  init(witnesses: PointCloud, landmarks: PointCloud) {
    let dimension = witnesses.dimension
    let count = landmarks.count
    witnessCount = witnesses.count
    landmarkCount = count
    var transposed = [Double](repeating: 0, count: dimension * count)
    for j in 0..<count {
      for k in 0..<dimension { transposed[k * count + j] = landmarks[j, k] }
    }
    var largest = 0.0
    distances = [Double](unsafeUninitializedCapacity: witnesses.count * count) {
      table, initialized in
      witnesses.withUnsafeCoordinates { points in
        transposed.withUnsafeBufferPointer { columns in
          for i in 0..<witnesses.count {
            let row = table.baseAddress! + i * count
            row.initialize(repeating: 0, count: count)
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
              row[j] = distance
              largest = max(largest, distance)
            }
          }
        }
      }
      initialized = witnesses.count * count
    }
    maxDistance = largest
  }

  /// Calls `body` with each witness's row of distances, in witness order.
  func forEachRow(_ body: (UnsafeBufferPointer<Double>) -> Void) {
    distances.withUnsafeBufferPointer { table in
      for i in 0..<witnessCount {
        body(UnsafeBufferPointer(rebasing: table[i * landmarkCount..<(i + 1) * landmarkCount]))
      }
    }
  }
}
