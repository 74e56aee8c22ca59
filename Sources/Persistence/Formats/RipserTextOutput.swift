import Foundation
import PointClouds

/// Ripser's own text output, so that `tda-eval rips --output ripser` can stand
/// in for the `ripser` program: the header of the input path taken, then
/// `persistence intervals in dim k:` and one ` [birth,death)` or ` [birth, )` line per bar, numbers
/// in C++'s default 6-significant-digit form.
public enum RipserTextOutput {
  /// The header lines Ripser prints for `input`, with `threshold` the one given (nil: default).
  public static func header(for input: RipsInput, threshold: Double?) -> [String] {
    var lines: [String] = []
    switch input {
    case .cloud(let cloud):
      lines.append("point cloud with \(cloud.count) points in dimension \(cloud.dimension)")
      if threshold == nil {
        lines += denseHeader(DistanceMatrix(cloud), threshold: nil)
      }
    case .dense(let matrix):
      lines += denseHeader(matrix, threshold: threshold)
    case .sparse(let matrix):
      lines.append(sparseLine(points: matrix.count, entries: matrix.pairCount))
    }
    return lines
  }

  static func denseHeader(_ matrix: DistanceMatrix, threshold: Double?) -> [String] {
    let low = matrix.entries.min() ?? 0
    let high = matrix.entries.filter(\.isFinite).max() ?? 0
    var lines = ["value range: [\(number(low)),\(number(high))]"]
    if let threshold {
      let entries = matrix.entries.reduce(0) { $0 + ($1 <= threshold ? 1 : 0) }
      lines.append(sparseLine(points: matrix.count, entries: entries))
    } else {
      lines.append(
        "distance matrix with \(matrix.count) points, using threshold at enclosing radius \(number(matrix.enclosingRadius))"
      )
    }
    return lines
  }

  static func sparseLine(points: Int, entries: Int) -> String {
    "sparse distance matrix with \(points) points and \(entries)/\(points * (points - 1) / 2) entries"
  }

  /// The interval lines of `diagrams`; finite bars of dimension ≥ 1 are printed only when
  /// death > ratio · birth (Ripser's `--ratio`, default 1).
  public static func intervals(_ diagrams: [PersistenceDiagram], ratio: Double = 1) -> [String] {
    var lines: [String] = []
    for diagram in diagrams {
      lines.append("persistence intervals in dim \(diagram.dimension):")
      var pairs = diagram.pairs
      if diagram.dimension == 0 {
        // Merges in order of death, then the components.
        pairs.sort { ($0.isEssential ? 1 : 0, $0.death) < ($1.isEssential ? 1 : 0, $1.death) }
      }
      for pair in pairs {
        if pair.isEssential {
          lines.append(" [\(number(pair.birth)), )")
        } else if diagram.dimension == 0 || pair.death > ratio * pair.birth {
          lines.append(" [\(number(pair.birth)),\(number(pair.death)))")
        }
      }
    }
    return lines
  }

  /// `value` as C++ streams print a float by default (`%g`, 6 significant digits).
  public static func number(_ value: Double) -> String { String(format: "%g", value) }
}
