/// The cell texts read as missing.
public struct MissingValues: Sendable, Equatable {
  /// The tokens, compared with the whole cell (after surrounding blanks are trimmed).
  public var tokens: Set<String>

  public init(tokens: some Sequence<String>) { self.tokens = Set(tokens) }

  /// pandas' default `na_values` (so that a frame written by `DataFrame.to_csv` reads back with
  /// the same missing cells as `pandas.read_csv` finds), the empty cell included.
  public static let pandasDefault = MissingValues(tokens: [
    "", "#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN", "-nan", "1.#IND", "1.#QNAN",
    "<NA>", "N/A", "NA", "NULL", "NaN", "None", "n/a", "nan", "null",
  ])

  /// The tokens of a comma-separated list as given on the command line (`--na-values`); an empty
  /// entry (`--na-values ",NA"`) stands for the empty cell.
  public init(list: String) {
    self.init(tokens: list.split(separator: ",", omittingEmptySubsequences: false).map(String.init))
  }

  /// Whether `cell` is missing.
  @inlinable
  public func isMissing(_ cell: String) -> Bool { tokens.contains(cell) }
}
