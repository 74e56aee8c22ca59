import PointClouds

/// Why a persistence computation or its input was rejected.
public enum PersistenceError: Error, Equatable, Sendable {
  /// A parameter is outside its allowed range.
  case invalidParameter(name: String, value: String, allowed: String)
  /// Simplex indices of `simplexVertices` vertices on `points` points do not fit the index type.
  case indexOverflow(points: Int, simplexVertices: Int, indexType: String, maximum: String)
  /// A distance-matrix or point file is malformed (`line` and `column` are 1-based, 0 if unknown).
  case malformedInput(file: String, line: Int, column: Int, reason: String)
}

extension PersistenceError: TDAEvalError {
  public var description: String {
    switch self {
    case .invalidParameter(let name, let value, let allowed):
      return "\(name) must be \(allowed), got \(value)"
    case .indexOverflow(let points, let vertices, let type, let maximum):
      return
        "simplex indices overflow: \(vertices)-vertex simplices on \(points) points need C(\(points), \(vertices)), more than \(type) holds (max \(maximum)); lower the dimension or the number of points"
    case .malformedInput(let file, let line, let column, let reason):
      if line == 0 { return "\(file): \(reason)" }
      if column == 0 { return "\(file):\(line): \(reason)" }
      return "\(file):\(line):\(column): \(reason)"
    }
  }
}
