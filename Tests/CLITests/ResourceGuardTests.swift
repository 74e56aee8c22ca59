import Foundation
import TDAEval
import Testing
import _TestSupport

/// Computations too large for the memory budget are refused before they allocate: exit 2 and one
/// line with the estimate and the remedy (issue 21).
@Suite("Resource guard: refusals before large allocations")
struct ResourceGuardTests {
  /// The estimator's numbers for the reproductions of the issue, checked without the inputs.
  @Test("the Rips estimate bounds the matrix, the simplices and the threads")
  func ripsEstimates() {
    // rips on 1 000 000 rows, maxdim 0: the dense matrix alone is 4 TB.
    let million = RipsPersistence.estimateMemory(
      points: 1_000_000, maxDimension: 0, denseMatrix: true, sparseMatrix: false, threads: 2)
    #expect(million.denseMatrixBytes == 499_999_500_000 * 8)
    #expect(million.total > 3.9e12)
    // Two 50 000-point clouds (diagrams): 10 GB of matrix each.
    let fifty = RipsPersistence.estimateMemory(
      points: 50_000, maxDimension: 1, denseMatrix: true, sparseMatrix: false, threads: 2)
    #expect(fifty.denseMatrixBytes == 1_249_975_000 * 8)
    // 20 000 points, maxdim 2: the edges are bounded; higher simplices are not estimated (the
    // clique bound would refuse geometric complexes that fit easily).
    let triangles = RipsPersistence.estimateMemory(
      points: 20_000, maxDimension: 2, denseMatrix: true, sparseMatrix: false, threads: 2)
    #expect(triangles.simplices == [199_990_000])
    #expect(triangles.simplexBytes == 199_990_000 * 24)
    let sparse = RipsPersistence.estimateMemory(
      points: 20_000, maxDimension: 2, edges: 105, denseMatrix: false, sparseMatrix: true,
      threads: 1)
    #expect(sparse.simplices == [105])
    #expect(sparse.denseMatrixBytes == 0 && sparse.sparseMatrixBytes == 105 * 40)
    // --threads 1e9: the per-thread buffers.
    let threads = RipsPersistence.estimateMemory(
      points: 10, maxDimension: 1, denseMatrix: true, sparseMatrix: false, threads: 1_000_000_000)
    #expect(threads.threadBytes == 4096e9)
    // The edges under a threshold are counted for small clouds.
    let square = PointCloud(count: 4, dimension: 2, coordinates: [0, 0, 1, 0, 0, 1, 1, 1])
    #expect(RipsPersistence.estimatedEdges(square, metric: .euclidean, threshold: 1) == 4)
    #expect(RipsPersistence.estimatedEdges(square, metric: .euclidean, threshold: 2) == 6)
  }

  @Test("a small budget refuses rips, diagrams and evaluate with one line naming the remedy")
  func refusals() throws {
    let directory = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let rows = (0..<600).map { "\(Double($0 % 30) * 0.1),\(Double($0 / 30) * 0.1)" }
    let cloud = try writeFile(rows.joined(separator: "\n") + "\n", named: "grid.csv", in: directory)
    let cases: [([String], String)] = [
      (
        ["rips", cloud, "--maxdim", "0", "--max-memory", "100K"],
        "rips on 600 points (maxdim 0) may need up to"
      ),
      (["diagrams", cloud, cloud, "--max-memory", "1M"], "rips on 600 points (maxdim 1)"),
      (["evaluate", cloud, cloud, "--max-memory", "1M"], "--persistence-points"),
      // H0 on the whole sample: its spanning tree alone is above 100K.
      (
        ["evaluate", cloud, cloud, "--maxdim", "0", "--max-memory", "100K"],
        "H0 is computed on the whole sample"
      ),
      (["rips", cloud, "--threads", "1000000000"], "use at most"),
      (
        ["generate", "cube", "--n", "100000000", "--dimension", "100000"],
        "use a smaller --n or --dimension"
      ),
      (
        ["gscore", cloud, cloud, "--trials", "100000000", "--imax", "1000000"], "use fewer --trials"
      ),
    ]
    for (arguments, expected) in cases {
      let result = try runTDAEval(arguments)
      #expect(result.status == 2, "\(arguments): \(result.stderr)")
      #expect(result.stdout.isEmpty)
      #expect(result.stderr.hasPrefix("tda-eval: "), "\(arguments)")
      #expect(result.stderr.contains(expected), "\(arguments): \(result.stderr)")
      #expect(result.stderr.split(separator: "\n").count == 1, "\(arguments): \(result.stderr)")
    }
    // A threshold makes it fit: the edges under it are counted.
    let fits = try runTDAEval([
      "rips", cloud, "--maxdim", "1", "--threshold", "0.15", "--max-memory", "1M", "--json",
    ])
    #expect(fits.status == 0, "\(fits.stderr)")
    // A bad size is a bad option.
    let bad = try runTDAEval(["rips", cloud, "--max-memory", "lots"])
    #expect(bad.status == 2)
    #expect(bad.stderr.contains("--max-memory must be a positive size"))
  }

  @Test(
    "kde with a fixed bandwidth never builds a d × d matrix; the rules refuse a wide sample at once"
  )
  func wideKDE() throws {
    let directory = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    // 3 rows × 20 000 columns: a d × d matrix would be 3.2 GB.
    func row(_ offset: Int) -> String {
      var cells: [String] = []
      for c in 0..<20_000 {
        let value = Double((c * 7 + offset) % 13) / 13
        cells.append(String(value))
      }
      return cells.joined(separator: ",")
    }
    let wideText: String = [row(0), row(1), row(2)].joined(separator: "\n") + "\n"
    let wide = try writeFile(wideText, named: "wide.csv", in: directory)
    let fixed = try runTDAEval([
      "kde", wide, wide, "--bandwidth", "0.5", "--max-memory", "64M", "--json",
    ])
    #expect(fixed.status == 0, "\(fixed.stderr)")
    let scott = try runTDAEval(["kde", wide, wide, "--max-memory", "64M"])
    #expect(scott.status == 2)
    #expect(scott.stderr.contains("singular"), "\(scott.stderr)")
    // More rows than columns but a covariance above the budget: refused before it is built.
    var tallRows: [String] = []
    for i in 0..<40 {
      var cells: [String] = []
      for c in 0..<30 { cells.append(String(Double((i * 31 + c * 17) % 23))) }
      tallRows.append(cells.joined(separator: ","))
    }
    let tall = try writeFile(
      tallRows.joined(separator: "\n") + "\n", named: "tall.csv", in: directory)
    let guarded = try runTDAEval(["kde", tall, tall, "--max-memory", "1K"])
    #expect(guarded.status == 2)
    #expect(guarded.stderr.contains("use a fixed --bandwidth H"), "\(guarded.stderr)")
  }

  @Test("hostile options: --bins above the real size, a tiny bandwidth, a death of 1e400")
  func hostileOptions() throws {
    let directory = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let points =
      (0..<12).map { "\(Double($0)),\(Double($0 * $0 % 7))" }.joined(separator: "\n") + "\n"
    let cloud = try writeFile(points, named: "c.csv", in: directory)
    let bins = try runTDAEval(["metrics", cloud, cloud, "--bins", "1000000"])
    #expect(bins.status == 2)
    #expect(
      bins.stderr.contains("--bins must be between 0 and the real sample's 12 rows"),
      "\(bins.stderr)")
    // The default 20 is capped at the 12 rows.
    let capped = try runTDAEval(["metrics", cloud, cloud, "--json"])
    #expect(capped.status == 0, "\(capped.stderr)")
    let evaluate = try runTDAEval(["evaluate", cloud, cloud, "--bins", "13", "--skip", "gscore"])
    #expect(evaluate.status == 2)
    #expect(evaluate.stderr.contains("--bins"), "\(evaluate.stderr)")

    let tiny = try runTDAEval(["kde", cloud, cloud, "--bandwidth", "1e-300"])
    #expect(tiny.status == 2)
    #expect(!tiny.stderr.contains("use a fixed bandwidth"), "\(tiny.stderr)")
    #expect(tiny.stderr.contains("at least 1.49"), "\(tiny.stderr)")

    let huge = try writeFile("0,1e400\n", named: "huge.csv", in: directory)
    let essential = try writeFile("0,inf\n", named: "inf.csv", in: directory)
    let overflow = try runTDAEval(["distance", huge, essential, "--bottleneck"])
    #expect(overflow.status == 2)
    #expect(
      overflow.stderr.hasPrefix("tda-eval: \(huge):1:2: '1e400' is beyond the float64 range"),
      "\(overflow.stderr)")
    let infinite = try runTDAEval(["distance", essential, essential, "--bottleneck", "--json"])
    #expect(infinite.status == 0, "\(infinite.stderr)")
  }
}
