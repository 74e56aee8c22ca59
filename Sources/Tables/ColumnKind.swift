/// How a column of a table enters the row distances and the metrics.
public enum ColumnKind: String, Codable, Sendable, CaseIterable {
  /// Real numbers: range-normalised differences (Gower), z-scored coordinates (Euclidean).
  case numeric
  /// Unordered labels, text or numbers: equal or not (Gower), one-hot indicators (Euclidean).
  case categorical
  /// Ordered labels: numbers ordered by value, or text in the order the schema lists; compared
  /// through their ranks (Podani 1999).
  case ordinal
  /// Identifiers, row names: read, checked for presence, never used.
  case ignore
}

/// The distance between rows that the k-NN metrics, persistence and the geometry score use.
public enum RowDistanceKind: String, Codable, Sendable, CaseIterable {
  /// Euclidean: raw coordinates of numeric samples; on mixed tables, the ``EuclideanEmbedding``.
  case euclidean
  /// Gower's distance (``GowerDistance``), which handles mixed kinds and missing cells.
  case gower
}

/// The row distance asked for (`--distance`): one of the kinds, or `auto`, which is Euclidean when
/// every used column is numeric and complete (point clouds) and Gower's otherwise.
public enum RowDistanceChoice: String, Sendable, CaseIterable {
  case auto, euclidean, gower

  /// The kind asked for; nil for `auto`.
  public var kind: RowDistanceKind? { RowDistanceKind(rawValue: rawValue) }
}

/// What becomes of the rows with a missing cell (`--missing`) where the distance cannot skip it.
public enum IncompleteRows: String, Sendable, CaseIterable {
  /// Refuse the input, naming the first missing cell.
  case error
  /// Drop those rows, and say how many.
  case dropRows = "drop-rows"
}
