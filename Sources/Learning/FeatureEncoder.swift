import Tables

/// Turns the used columns of a table into model features, as a scikit-learn pipeline does before
/// scaling:
///
/// - a numeric column is its values, an ordinal column its ranks (0, 1, … in level order); a
///   missing cell is imputed with the mean of the fitted table's present values (0 when it has
///   none), and — when a fitted table has a missing cell in the column — a 0/1 indicator column
///   `name=<missing>` follows, so that where values are missing is itself a feature;
/// - a categorical column is one 0/1 indicator per category seen in the fitted tables, categories
///   in label order (``ClassLabels``), a missing cell a category of its own (`name=<missing>`,
///   last), as `OneHotEncoder(handle_unknown='ignore')`: a category the encoder was not fitted on
///   is all zeros.
///
/// Columns keep the table's order; each column's features are contiguous.
public struct FeatureEncoder: Sendable, Equatable {
  enum Feature: Sendable, Equatable {
    /// The column's value (NaN imputed with `fill`).
    case value(column: Int, fill: Double)
    /// 1 where the column's cell is missing.
    case missing(column: Int)
    /// 1 where the column's code is `code`.
    case category(column: Int, code: Double)
  }

  let features: [Feature]
  /// The features' names: the column name, `name=label` for a category, `name=<missing>`.
  public let names: [String]

  /// Which features are values (numeric, ordinal) rather than 0/1 indicators (categories,
  /// missing cells): a scikit-learn `ColumnTransformer` scales only the former.
  public var isValue: [Bool] {
    features.map { if case .value = $0 { true } else { false } }
  }

  /// Fits to `table`: imputation means from `table`; categories and indicator columns from
  /// `table` and `others` (tables encoded together with it).
  public init(fittedTo table: Table, alsoSeeing others: [Table] = []) {
    var features: [Feature] = []
    var names: [String] = []
    let tables = [table] + others
    for (c, column) in table.columns.enumerated() {
      let anyMissing = tables.contains { $0.columns[c].values.contains { $0.isNaN } }
      switch column.kind {
      case .numeric, .ordinal:
        let present = column.values.filter { !$0.isNaN }
        let fill = present.isEmpty ? 0 : present.reduce(0, +) / Double(present.count)
        features.append(.value(column: c, fill: fill))
        names.append(column.name)
      case .categorical:
        var seen = Set<Double>()
        for t in tables { for v in t.columns[c].values where !v.isNaN { seen.insert(v) } }
        let labels = ClassLabels(codes: Array(seen), column: column)
        for (code, label) in zip(labels.codes, labels.names) {
          features.append(.category(column: c, code: code))
          names.append("\(column.name)=\(label)")
        }
      case .ignore:
        continue
      }
      if anyMissing && column.kind != .ignore {
        features.append(.missing(column: c))
        names.append("\(column.name)=<missing>")
      }
    }
    self.features = features
    self.names = names
  }

  /// The features of `table` (encoded together with the fitted table).
  public func encode(_ table: Table) -> DesignMatrix {
    let n = table.rowCount
    let p = features.count
    var values = [Double](repeating: 0, count: n * p)
    for (j, feature) in features.enumerated() {
      switch feature {
      case .value(let c, let fill):
        for (row, v) in table.columns[c].values.enumerated() {
          values[row * p + j] = v.isNaN ? fill : v
        }
      case .missing(let c):
        for (row, v) in table.columns[c].values.enumerated() where v.isNaN {
          values[row * p + j] = 1
        }
      case .category(let c, let code):
        for (row, v) in table.columns[c].values.enumerated() where v == code {
          values[row * p + j] = 1
        }
      }
    }
    return DesignMatrix(rowCount: n, columnCount: p, values: values, names: names)
  }
}
