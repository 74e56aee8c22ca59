import PointClouds

/// Persistent cohomology of any `Filtration` over any `CoefficientField`: Ripser's algorithm.
///
/// Dimension 0 by union–find over the edges in filtration order (elder rule); dimensions
/// 1…maxDimension by reducing the coboundary matrix column by column in reverse filtration order,
/// with **clearing** (a simplex that died in the previous dimension is never a column), the
/// **implicit matrix** (only the reduction matrix V is stored; coboundaries are re-enumerated),
/// a **working-column heap** with lazy cancellation, and the **apparent and emergent pair**
/// shortcuts (zero-persistence pairs found without reduction; apparent pairs are never stored).
/// Columns are assembled and screened for apparent pairs in parallel; the reduction itself runs
/// in chunks: every column of a chunk is reduced concurrently against the pivots known at the
/// chunk's start, then the chunk is finished in order against the pivots it created itself. The
/// pivots found do not depend on the order of column additions, so the result is the sequential
/// one.
///
/// Conventions (Ripser's, `PersistenceDiagram`): a column reducing to pivot τ gives the bar
/// [value σ, value τ), dropped if of length zero; a column reducing to zero gives [value σ, ∞).
public enum PersistentCohomology {
  /// The diagrams of dimensions 0…`maxDimension` of `filtration` with coefficients in `field`.
  /// Dimensions above n − 2 (n the vertex count) are computed as empty.
  /// - Parameters:
  ///   - threads: worker threads (default: the processors online).
  ///   - progress: called with the phase and the number of columns done.
  public static func diagrams<F: Filtration, K: CoefficientField>(
    of filtration: F, field: K, maxDimension: Int, threads: Int = defaultThreadCount,
    progress: ProgressHandler? = nil
  ) -> [PersistenceDiagram] {
    var reducer = CohomologyReducer(
      filtration: filtration, field: field, threads: max(1, threads), progress: progress)
    return reducer.run(maxDimension: maxDimension)
  }
}

/// The state of one run of `PersistentCohomology`.
struct CohomologyReducer<F: Filtration, K: CoefficientField> {
  typealias Index = F.Index
  typealias Simplex = FilteredSimplex<Index>
  typealias Entry = Term<Index, K.Element>

  /// Where the pivot of a finished column lives: its column number and its coefficient there.
  struct PivotRecord {
    var column: Int
    var coefficient: K.Element
  }

  let filtration: F
  let field: K
  let threads: Int
  let progress: ProgressHandler?

  /// The simplices that died in the dimension reduced last (cleared as columns now).
  var previousPivots: [Index: PivotRecord] = [:]

  init(filtration: F, field: K, threads: Int, progress: ProgressHandler?) {
    self.filtration = filtration
    self.field = field
    self.threads = threads
    self.progress = progress
  }

  mutating func run(maxDimension: Int) -> [PersistenceDiagram] {
    let n = filtration.vertexCount
    let top = min(maxDimension, n - 2)
    var diagrams: [PersistenceDiagram] = []
    var columns = dimensionZero(into: &diagrams, needColumns: top >= 1)
    if top >= 1 {
      for dimension in 1...top {
        if dimension > 1 { columns = assembleColumns(dimension: dimension) }
        diagrams.append(reduce(columns, dimension: dimension, isTop: dimension == top))
        columns = []
      }
    }
    while diagrams.count <= maxDimension {
      diagrams.append(PersistenceDiagram(dimension: diagrams.count, pairs: []))
    }
    return diagrams
  }

  // MARK: Dimension 0

  /// Union–find over the edges in filtration order; returns the H1 columns (edges closing a
  /// cycle, without a zero-apparent cofacet) in reverse filtration order.
  func dimensionZero(into diagrams: inout [PersistenceDiagram], needColumns: Bool) -> [Simplex] {
    let n = filtration.vertexCount
    let parts = threads == 1 ? 1 : 16 * threads
    var edges = gatherParts(parts, threads: threads) { part, out in
      filtration.forEachSimplex(ofDimension: 1, part: part, of: parts) { out.append($0) }
    }
    edges.sort { $0.precedes($1) }
    var sets = UnionFind(births: (0..<n).map(filtration.vertexValue))
    var pairs: [PersistencePair] = []
    var cycles: [Simplex] = []
    var vertices = (0, 0)
    for edge in edges {
      withUnsafeMutableBytes(of: &vertices) { raw in
        filtration.binomials.decode(
          edge.index, dimension: 1, into: raw.baseAddress!.assumingMemoryBound(to: Int.self))
      }
      let a = sets.find(vertices.0)
      let b = sets.find(vertices.1)
      if a != b {
        let younger = sets.birth[a] > sets.birth[b] ? sets.birth[a] : sets.birth[b]
        if edge.value > younger { pairs.append(PersistencePair(birth: younger, death: edge.value)) }
        _ = sets.union(roots: a, b)
      } else if needColumns {
        cycles.append(edge)
      }
    }
    for v in 0..<n where sets.find(v) == v {
      pairs.append(PersistencePair(birth: sets.birth[v], death: .infinity))
    }
    diagrams.append(PersistenceDiagram(dimension: 0, pairs: pairs))
    guard needColumns else { return [] }
    // Screen for zero-apparent cofacets in parallel, keeping reverse filtration order.
    cycles.reverse()
    let screened = gatherParts(blockCount(cycles.count), threads: threads) { part, out in
      for edge in block(part, of: cycles.count) where zeroApparentCofacet(of: cycles[edge], dimension: 1) == nil {
        out.append(cycles[edge])
      }
    }
    return screened
  }

  // MARK: Columns

  func blockCount(_ count: Int) -> Int { threads == 1 ? 1 : max(1, min(count / 256, 64 * threads)) }

  func block(_ part: Int, of count: Int) -> Range<Int> {
    let parts = blockCount(count)
    return (count * part / parts)..<(count * (part + 1) / parts)
  }

  /// The `dimension`-simplices that are columns: not cleared (not a pivot of the previous
  /// dimension) and not in a zero-apparent pair; in reverse filtration order.
  func assembleColumns(dimension: Int) -> [Simplex] {
    let parts = threads == 1 ? 1 : 64 * threads
    var columns = gatherParts(parts, threads: threads) { part, out in
      filtration.forEachSimplex(ofDimension: dimension, part: part, of: parts) { simplex in
        if zeroApparentCofacet(of: simplex, dimension: dimension) != nil { return }
        if zeroApparentFacet(of: simplex, dimension: dimension) != nil { return }
        if previousPivots[simplex.index] != nil { return }
        out.append(simplex)
      }
    }
    columns.sort { $1.precedes($0) }
    return columns
  }

  // MARK: Apparent pairs

  /// The earliest cofacet, if it has the simplex's own value.
  @inline(__always)
  func zeroPivotCofacet(of simplex: Simplex, dimension: Int) -> Simplex? {
    var found: Simplex?
    filtration.forEachCofacet(of: simplex, dimension: dimension) { cofacet, _ in
      if cofacet.value == simplex.value {
        found = cofacet
        return false
      }
      return true
    }
    return found
  }

  /// The latest facet, if it has the simplex's own value, with its incidence sign.
  @inline(__always)
  func zeroPivotFacet(of simplex: Simplex, dimension: Int) -> (Simplex, Bool)? {
    var found: (Simplex, Bool)?
    filtration.forEachFacet(of: simplex, dimension: dimension) { facet, negative in
      if facet.value == simplex.value {
        found = (facet, negative)
        return false
      }
      return true
    }
    return found
  }

  /// τ such that (simplex, τ) is a zero-persistence apparent pair.
  func zeroApparentCofacet(of simplex: Simplex, dimension: Int) -> Simplex? {
    guard let cofacet = zeroPivotCofacet(of: simplex, dimension: dimension),
      let (facet, _) = zeroPivotFacet(of: cofacet, dimension: dimension + 1),
      facet.index == simplex.index
    else { return nil }
    return cofacet
  }

  /// σ (and the sign of [simplex : σ]) such that (σ, simplex) is a zero-persistence apparent pair.
  func zeroApparentFacet(of simplex: Simplex, dimension: Int) -> (Simplex, Bool)? {
    guard dimension >= 1, let (facet, negative) = zeroPivotFacet(of: simplex, dimension: dimension),
      let cofacet = zeroPivotCofacet(of: facet, dimension: dimension - 1),
      cofacet.index == simplex.index
    else { return nil }
    return (facet, negative)
  }

  // MARK: Reduction

  /// The reduction matrix V, column by column (without its unit diagonal), append-only.
  struct ReductionMatrix {
    var bounds: [Int] = [0]
    var entries: [Entry] = []

    mutating func append(_ column: [Entry]) {
      entries.append(contentsOf: column)
      bounds.append(entries.count)
    }
  }

  /// Scratch space of one thread.
  struct Workspace {
    var coboundary = WorkingColumn<Index, K.Element>()
    var reduction: [Entry] = []
    var cofacets: [Entry] = []
  }

  /// What the concurrent phase learnt about a column.
  struct Partial {
    var pivot: Entry?
    var reduction: [Entry]
  }

  /// Columns per unit of work in the concurrent phase of the reduction.
  static var blockSize: Int { 8 }

  /// Reduces the `dimension`-columns; records the pivots for clearing the next dimension.
  mutating func reduce(_ columns: [Simplex], dimension: Int, isTop: Bool) -> PersistenceDiagram {
    var pivots: [Index: PivotRecord] = [:]
    pivots.reserveCapacity(columns.count)
    var matrix = ReductionMatrix()
    matrix.bounds.reserveCapacity(columns.count + 1)
    var pairs: [PersistencePair] = []
    var workspace = Workspace()
    let phase = "H\(dimension) reduction"
    let chunk = threads == 1 ? columns.count : 512 * threads
    var start = 0
    while start < columns.count {
      let end = min(columns.count, start + chunk)
      // Concurrent phase: reduce against the pivots of earlier chunks (read-only here).
      var partials = [Partial?](repeating: nil, count: end - start)
      if threads > 1 {
        partials.withUnsafeMutableBufferPointer { out in
          nonisolated(unsafe) let out = out
          withUnsafePointer(to: pivots) { known in
            withUnsafePointer(to: matrix) { stored in
              nonisolated(unsafe) let known = known
              nonisolated(unsafe) let stored = stored
              // Small blocks handed out dynamically: column costs are very uneven.
              let blocks = (end - start + Self.blockSize - 1) / Self.blockSize
              forEachPart(blocks, threads: threads) { block in
                var local = Workspace()
                let first = start + block * Self.blockSize
                for j in first..<min(end, first + Self.blockSize) {
                  local.coboundary.removeAll()
                  local.reduction.removeAll(keepingCapacity: true)
                  let pivot = reduceColumn(
                    columns[j], dimension: dimension, fresh: true, workspace: &local,
                    columns: columns, matrix: stored.pointee, pivots: known.pointee)
                  out[j - start] = Partial(pivot: pivot, reduction: compacted(local.reduction))
                }
              }
            }
          }
        }
      }
      // Ordered phase: finish each column against every pivot known now, then publish it.
      for j in start..<end {
        let column = columns[j]
        workspace.coboundary.removeAll()
        workspace.reduction.removeAll(keepingCapacity: true)
        var pivot: Entry?
        if let partial = partials[j - start] {
          partials[j - start] = nil
          pivot = partial.pivot
          workspace.reduction = partial.reduction
          if let found = pivot, pivots[found.simplex.index] != nil {
            // A column of this chunk took that pivot: rebuild R = δ(σ + V) and go on.
            pivot = reduceColumn(
              column, dimension: dimension, fresh: false, workspace: &workspace,
              columns: columns, matrix: matrix, pivots: pivots)
            workspace.reduction = compacted(workspace.reduction)
          }
        } else {
          pivot = reduceColumn(
            column, dimension: dimension, fresh: true, workspace: &workspace, columns: columns,
            matrix: matrix, pivots: pivots)
          workspace.reduction = compacted(workspace.reduction)
        }
        if let pivot {
          if pivot.simplex.value > column.value {
            pairs.append(PersistencePair(birth: column.value, death: pivot.simplex.value))
          }
          pivots[pivot.simplex.index] = PivotRecord(column: j, coefficient: pivot.coefficient)
          matrix.append(workspace.reduction)
        } else {
          pairs.append(PersistencePair(birth: column.value, death: .infinity))
          matrix.append([])
        }
      }
      start = end
      progress?(ProgressUpdate(phase: phase, completed: start, total: columns.count))
    }
    previousPivots = isTop ? [:] : pivots
    return PersistenceDiagram(dimension: dimension, pairs: pairs)
  }

  /// Sums the duplicate simplices of a reduction column and drops zeros.
  func compacted(_ column: [Entry]) -> [Entry] {
    if column.count <= 1 { return column }
    let sorted = column.sorted { $0.simplex.index < $1.simplex.index }
    var out: [Entry] = []
    out.reserveCapacity(sorted.count)
    for entry in sorted {
      if let last = out.last, last.simplex.index == entry.simplex.index {
        let sum = field.sum(last.coefficient, entry.coefficient)
        if field.isZero(sum) { out.removeLast() } else { out[out.count - 1].coefficient = sum }
      } else {
        out.append(entry)
      }
    }
    return out
  }

  /// Adds `factor` · δ`simplex` to the working coboundary.
  @inline(__always)
  func addCoboundary(
    of simplex: Simplex, times factor: K.Element, dimension: Int,
    to coboundary: inout WorkingColumn<Index, K.Element>
  ) {
    filtration.forEachCofacet(of: simplex, dimension: dimension) { cofacet, negative in
      coboundary.push(Entry(cofacet, negative ? field.negation(factor) : factor))
      return true
    }
  }

  /// Reduces one column until its pivot is not a pivot in `pivots` and not the cofacet of a
  /// zero-apparent pair; returns that pivot (nil: the column is zero). With `fresh`, starts from
  /// δσ (trying the emergent-pair shortcut); otherwise from δ(σ + V) with V in
  /// `workspace.reduction`. The V entries added are appended to `workspace.reduction`.
  func reduceColumn(
    _ column: Simplex, dimension: Int, fresh: Bool, workspace: inout Workspace,
    columns: [Simplex], matrix: ReductionMatrix, pivots: [Index: PivotRecord]
  ) -> Entry? {
    var pivot: Entry?
    if fresh {
      pivot = initialPivot(of: column, dimension: dimension, workspace: &workspace, pivots: pivots)
    } else {
      addCoboundary(of: column, times: field.one, dimension: dimension, to: &workspace.coboundary)
      for entry in workspace.reduction {
        addCoboundary(
          of: entry.simplex, times: entry.coefficient, dimension: dimension,
          to: &workspace.coboundary)
      }
      pivot = workspace.coboundary.pivot(in: field)
    }
    while let current = pivot {
      if let record = pivots[current.simplex.index] {
        let factor = field.negation(
          field.product(current.coefficient, field.inverse(record.coefficient)))
        let other = columns[record.column]
        workspace.reduction.append(Entry(other, factor))
        addCoboundary(of: other, times: factor, dimension: dimension, to: &workspace.coboundary)
        for k in matrix.bounds[record.column]..<matrix.bounds[record.column + 1] {
          let entry = matrix.entries[k]
          let scaled = field.product(factor, entry.coefficient)
          workspace.reduction.append(Entry(entry.simplex, scaled))
          addCoboundary(of: entry.simplex, times: scaled, dimension: dimension, to: &workspace.coboundary)
        }
      } else if let (facet, negative) = zeroApparentFacet(of: current.simplex, dimension: dimension + 1) {
        // The column of an apparent pair is its simplex alone: δ(facet) has the pivot with ±1.
        let factor = field.negation(
          field.product(current.coefficient, field.inverse(field.sign(negative: negative))))
        workspace.reduction.append(Entry(facet, factor))
        addCoboundary(of: facet, times: factor, dimension: dimension, to: &workspace.coboundary)
      } else {
        return current
      }
      pivot = workspace.coboundary.pivot(in: field)
    }
    return nil
  }

  /// Fills the working coboundary with δσ and returns its pivot, or returns an emergent pivot at
  /// once (leaving the heap empty): the earliest cofacet, of σ's own value, that is no pivot yet
  /// and not in an apparent pair.
  func initialPivot(
    of column: Simplex, dimension: Int, workspace: inout Workspace, pivots: [Index: PivotRecord]
  ) -> Entry? {
    var checkEmergent = true
    var emergent: Entry?
    workspace.cofacets.removeAll(keepingCapacity: true)
    filtration.forEachCofacet(of: column, dimension: dimension) { cofacet, negative in
      let entry = Entry(cofacet, field.sign(negative: negative))
      if checkEmergent && cofacet.value == column.value {
        if pivots[cofacet.index] == nil
          && zeroApparentFacet(of: cofacet, dimension: dimension + 1) == nil
        {
          emergent = entry
          return false
        }
        checkEmergent = false
      }
      workspace.cofacets.append(entry)
      return true
    }
    if let emergent { return emergent }
    for entry in workspace.cofacets { workspace.coboundary.push(entry) }
    return workspace.coboundary.pivot(in: field)
  }
}
