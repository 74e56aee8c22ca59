import PointClouds

/// A seeded stratified assignment of rows to folds (ours, not scikit-learn's
/// `StratifiedKFold(shuffle=True)`, whose shuffling depends on numpy's generator): the rows of
/// each class, in increasing class order, are shuffled (Fisher–Yates with ``SeededGenerator``
/// stream `class` of `seed`) and dealt to folds 0, 1, …, F−1, 0, … with one counter running
/// across classes, so that every fold gets ⌊n_c/F⌋ or ⌈n_c/F⌉ rows of each class and the folds'
/// sizes differ by at most one.
public enum StratifiedFolds {
  /// The fold of each row, for rows labelled `labels` (class indices).
  public static func assign(labels: [Int], folds: Int, seed: UInt64) -> [Int] {
    precondition(folds >= 1, "at least one fold")
    var fold = [Int](repeating: 0, count: labels.count)
    var next = 0
    for c in Set(labels).sorted() {
      var rows = labels.indices.filter { labels[$0] == c }
      var generator = SeededGenerator.stream(c, of: seed)
      for i in stride(from: rows.count - 1, to: 0, by: -1) {
        rows.swapAt(i, generator.nextInt(below: i + 1))
      }
      for row in rows {
        fold[row] = next
        next = (next + 1) % folds
      }
    }
    return fold
  }
}
