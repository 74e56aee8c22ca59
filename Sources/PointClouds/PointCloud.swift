/// A finite sample of `count` points in R^`dimension`, stored flat and row-major.
///
/// Point `i` occupies `coordinates[i * dimension ..< (i + 1) * dimension]`. Hot loops read the
/// storage through ``withUnsafeCoordinates(_:)``; `[[Double]]` appears only at the edges of the
/// API.
public struct PointCloud: Sendable, Equatable {
  /// The number of points.
  public let count: Int
  /// The number of coordinates of each point.
  public let dimension: Int
  /// All coordinates, row-major: `count * dimension` values.
  public let coordinates: [Double]
  /// Column names from a header row, when the source had one.
  public var columnNames: [String]?

  /// Creates a cloud from flat row-major coordinates.
  /// - Precondition: `coordinates.count == count * dimension`, and both are non-negative.
  public init(count: Int, dimension: Int, coordinates: [Double], columnNames: [String]? = nil) {
    precondition(count >= 0 && dimension >= 0, "count and dimension must be non-negative")
    precondition(coordinates.count == count * dimension, "expected \(count) × \(dimension) values")
    self.count = count
    self.dimension = dimension
    self.coordinates = coordinates
    self.columnNames = columnNames
  }

  /// Creates a cloud from one array per point.
  /// - Precondition: every row has the same length.
  public init(rows: [[Double]], columnNames: [String]? = nil) {
    let dimension = rows.first?.count ?? 0
    precondition(rows.allSatisfy { $0.count == dimension }, "rows must have equal lengths")
    self.init(
      count: rows.count, dimension: dimension, coordinates: rows.flatMap { $0 },
      columnNames: columnNames)
  }

  /// The coordinates of point `index`.
  @inlinable
  public subscript(point index: Int) -> ArraySlice<Double> {
    coordinates[index * dimension..<(index + 1) * dimension]
  }

  /// Coordinate `column` of point `row`.
  @inlinable
  public subscript(row: Int, column: Int) -> Double {
    coordinates[row * dimension + column]
  }

  /// One array per point (for small clouds, tests and printing).
  public var rows: [[Double]] {
    (0..<count).map { Array(self[point: $0]) }
  }

  /// Calls `body` with the flat row-major coordinates.
  @inlinable
  public func withUnsafeCoordinates<R>(_ body: (UnsafeBufferPointer<Double>) throws -> R) rethrows
    -> R
  {
    try coordinates.withUnsafeBufferPointer(body)
  }

  /// The cloud made of the points at `indices`, in that order (indices may repeat).
  public func selecting(points indices: some Sequence<Int>) -> PointCloud {
    var selected: [Double] = []
    var taken = 0
    for index in indices {
      selected.append(contentsOf: self[point: index])
      taken += 1
    }
    return PointCloud(
      count: taken, dimension: dimension, coordinates: selected, columnNames: columnNames)
  }
}
