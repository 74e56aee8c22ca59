import PointClouds

/// Persistent cohomology of any `Filtration` over any `CoefficientField`: Ripser's algorithm.
///
/// Dimension 0 by union–find over the edges in filtration order (elder rule); dimensions
/// 1…maxDimension by reducing the coboundary matrix column by column in reverse filtration order,
/// with **clearing** (a simplex that died in the previous dimension is never a column), the
/// **implicit matrix** (only the reduction matrix V is stored; coboundaries are re-enumerated),
/// a **working-column heap** with lazy cancellation, and the **apparent and emergent pair**
/// shortcuts (zero-persistence pairs found without reduction; apparent pairs are never stored).
/// Columns are assembled and screened for apparent pairs in parallel; the reduction itself is
/// lock-free and concurrent (see `reduce(_:dimension:isTop:)`). The pivots found do not depend on
/// the threads' timing, so the diagrams are those of the sequential algorithm.
///
/// Conventions (Ripser's, `PersistenceDiagram`): a column reducing to pivot τ gives the bar
/// [value σ, value τ), dropped if of length zero; a column reducing to zero gives [value σ, ∞).
package enum PersistentCohomology {
  /// The diagrams of dimensions 0…`maxDimension` of `filtration` with coefficients in `field`.
  /// Dimensions above n − 2 (n the vertex count) are computed as empty.
  /// - Parameters:
  ///   - threads: worker threads (default: the processors online).
  ///   - progress: called with the phase and the number of columns done.
  package static func diagrams<F: Filtration, K: CoefficientField>(
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

  let filtration: F
  let field: K
  let threads: Int
  let progress: ProgressHandler?

  /// The simplices that died in the dimension reduced last (cleared as columns now).
  var previousPivots: PivotTable<Index>?

  /// Hand the columns out last first (for tests): every column then meets pivots that later
  /// columns own, so the take-over path of the reduction runs on every collision.
  let lastFirst: Bool

  init(
    filtration: F, field: K, threads: Int, progress: ProgressHandler?, lastFirst: Bool = false
  ) {
    self.filtration = filtration
    self.field = field
    self.threads = threads
    self.progress = progress
    self.lastFirst = lastFirst
  }

  mutating func run(maxDimension: Int) -> [PersistenceDiagram] {
    let n = filtration.vertexCount
    let top = min(maxDimension, n - 2)
    var diagrams: [PersistenceDiagram] = []
    var columns = dimensionZero(into: &diagrams, needColumns: top >= 1)
    if top >= 1 {
      for dimension in 1...top {
        if dimension > 1 {
          columns = assembleColumns(dimension: dimension)
          previousPivots = nil
        }
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
      for edge in block(part, of: cycles.count)
      where filtration.zeroApparentCofacet(of: cycles[edge], dimension: 1) == nil {
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
        if previousPivots?.contains(simplex.index) == true { return }
        if filtration.zeroApparentCofacet(of: simplex, dimension: dimension) != nil { return }
        if filtration.zeroApparentFacet(of: simplex, dimension: dimension) != nil { return }
        out.append(simplex)
      }
    }
    columns.sort { $1.precedes($0) }
    return columns
  }

  // MARK: Reduction

  typealias Record = RecordArena<Index, K.Element>.Header

  /// The owner of a pivot, decoded from its word in the pivot table. Most columns are reduced
  /// with V = 0, so that R = δσ and the pivot's coefficient is ±1: their word is the column
  /// number and the sign, tagged (bit 1 set); other columns' word is the address of their record
  /// in a `RecordArena` (bits 0 and 1 clear): the column, the pivot's coefficient and V. A record
  /// is immutable and stays valid after another column takes its pivot over: adding it to a
  /// later column is still a legal column operation that cancels that pivot.
  struct Owner {
    var column: Int
    var coefficient: K.Element
    /// V (empty for a bare column).
    var reduction: UnsafeBufferPointer<Entry>

    @inline(__always)
    init(word: Int, field: K) {
      if word & 2 != 0 {
        column = word >> 2
        coefficient = field.sign(negative: word & 1 != 0)
        reduction = UnsafeBufferPointer(start: nil, count: 0)
      } else {
        let record = UnsafePointer<Record>(bitPattern: word)!
        column = record.pointee.column
        coefficient = record.pointee.coefficient
        reduction = record.pointee.reduction
      }
    }
  }

  /// Scratch space of one thread.
  struct Workspace {
    var coboundary = WorkingColumn<Index, K.Element>()
    var reduction: [Entry] = []
    var cofacets: [Entry] = []
    /// The records this thread published (they must outlive the dimension's reduction).
    var records = RecordArena<Index, K.Element>()
  }

  /// Columns handed to a thread at a time.
  static var blockSize: Int { 8 }

  /// Reduces the `dimension`-columns; records the pivots for clearing the next dimension.
  ///
  /// Lock-free and concurrent (Morozov and Nigmetov's scheme, as in giotto-ph): threads take the
  /// columns in blocks in order; a column is reduced against the pivots published so far in a
  /// shared `PivotTable` (pivot → owner). A pivot owned by an earlier column is cancelled by
  /// adding that column's record; a pivot owned by a later column is taken over with
  /// compare-and-swap, and the thread goes on to reduce the column it displaced further; a new
  /// pivot is inserted. Every addition is of an earlier column to a later one, so the end state
  /// is a reduction of the matrix, and its pivots, which are unique, do not depend on the
  /// threads' timing. With one thread this is the sequential algorithm.
  mutating func reduce(_ columns: [Simplex], dimension: Int, isTop: Bool) -> PersistenceDiagram {
    let table = PivotTable<Index>(keyCount: columns.count)
    let workers = threads
    var arenas = [RecordArena<Index, K.Element>?](repeating: nil, count: workers)
    let counter = WorkCounter()
    // The value of each column's pivot, NaN while it has none (written by the one thread working
    // on the column, before it publishes the pivot).
    let deaths = UnsafeMutableBufferPointer<Double>.allocate(capacity: columns.count)
    deaths.initialize(repeating: .nan)
    defer { deaths.deallocate() }
    nonisolated(unsafe) let pivotValues = deaths
    let phase = "H\(dimension) reduction"
    let total = columns.count
    let progress = self.progress
    let reducer = self
    arenas.withUnsafeMutableBufferPointer { out in
      nonisolated(unsafe) let out = out
      forEachPart(workers, threads: workers) { worker in
        var workspace = Workspace()
        while true {
          let first = counter.take(Self.blockSize)
          if first >= total { break }
          for k in first..<min(total, first + Self.blockSize) {
            let j = reducer.lastFirst ? total - 1 - k : k
            reducer.settle(
              j, dimension: dimension, columns: columns, table: table, deaths: pivotValues,
              workspace: &workspace)
          }
          if worker == 0, let progress, first % 4096 < Self.blockSize {
            progress(ProgressUpdate(phase: phase, completed: first, total: total))
          }
        }
        out[worker] = workspace.records
      }
    }
    arenas = []
    var pairs: [PersistencePair] = []
    for (j, column) in columns.enumerated() {
      let death = deaths[j]
      if death.isNaN {
        pairs.append(PersistencePair(birth: column.value, death: .infinity))
      } else if death > column.value {
        pairs.append(PersistencePair(birth: column.value, death: death))
      }
    }
    progress?(ProgressUpdate(phase: phase, completed: total, total: total))
    previousPivots = isTop ? nil : table
    return PersistenceDiagram(dimension: dimension, pairs: pairs)
  }

  /// Reduces column `start` until its pivot is new (inserted in `table`) or it is zero; when it
  /// takes a pivot over from a later column, reduces that column further in turn, and so on.
  /// Sets `deaths[j]` to the value of column j's pivot, or NaN if it reduces to zero.
  func settle(
    _ start: Int, dimension: Int, columns: [Simplex], table: PivotTable<Index>,
    deaths: UnsafeMutableBufferPointer<Double>, workspace: inout Workspace
  ) {
    var j = start
    var base: Owner?
    while true {
      let column = columns[j]
      workspace.coboundary.removeAll()
      workspace.reduction.removeAll(keepingCapacity: true)
      var pivot: Entry?
      // Whether the working column holds δ(σ + V); not when an emergent pivot was taken at once.
      var built = true
      if let base {
        let reduction = base.reduction
        workspace.reduction.append(contentsOf: reduction)
        addCoboundary(of: column, times: field.one, dimension: dimension, to: &workspace.coboundary)
        for entry in reduction {
          addCoboundary(
            of: entry.simplex, times: entry.coefficient, dimension: dimension,
            to: &workspace.coboundary)
        }
        pivot = workspace.coboundary.pivot(in: field)
      } else {
        pivot = initialPivot(of: column, dimension: dimension, workspace: &workspace, table: table)
        built = !workspace.coboundary.isEmpty || pivot == nil
      }
      base = nil
      while let current = pivot {
        if let slot = table.slot(of: current.simplex.index) {
          let word = table.value(at: slot)
          let owner = Owner(word: word, field: field)
          if owner.column > j {
            // Take the pivot over; the displaced column is reduced next.
            deaths[j] = current.simplex.value
            if table.replace(
              at: slot, expected: word, with: publish(j, pivot: current, workspace: &workspace))
            {
              j = owner.column
              base = owner
              break
            }
            continue  // the slot changed meanwhile: look again
          }
          if !built {
            addCoboundary(
              of: column, times: field.one, dimension: dimension, to: &workspace.coboundary)
            built = true
          }
          let factor = field.negation(
            field.product(current.coefficient, field.inverse(owner.coefficient)))
          let other = columns[owner.column]
          workspace.reduction.append(Entry(other, factor))
          // The owner's column is zero before its pivot, the current one: the terms of its
          // pieces that precede the pivot cancel, and are left out.
          addCoboundary(
            of: other, times: factor, dimension: dimension, to: &workspace.coboundary,
            from: current.simplex)
          for entry in owner.reduction {
            let scaled = field.product(factor, entry.coefficient)
            workspace.reduction.append(Entry(entry.simplex, scaled))
            addCoboundary(
              of: entry.simplex, times: scaled, dimension: dimension, to: &workspace.coboundary,
              from: current.simplex)
          }
        } else if let (facet, negative) = filtration.zeroApparentFacet(
          of: current.simplex, dimension: dimension + 1)
        {
          // The column of an apparent pair is its simplex alone: δ(facet) has the pivot with ±1.
          if !built {
            addCoboundary(
              of: column, times: field.one, dimension: dimension, to: &workspace.coboundary)
            built = true
          }
          let factor = field.negation(
            field.product(current.coefficient, field.inverse(field.sign(negative: negative))))
          workspace.reduction.append(Entry(facet, factor))

          addCoboundary(of: facet, times: factor, dimension: dimension, to: &workspace.coboundary)
        } else {
          deaths[j] = current.simplex.value
          if table.insert(
            current.simplex.index, value: publish(j, pivot: current, workspace: &workspace)) == nil
          {
            return
          }
          continue  // another column published this pivot meanwhile: look again
        }
        pivot = workspace.coboundary.pivot(in: field)
      }
      if base == nil {  // the column is zero
        deaths[j] = .nan
        return
      }
    }
  }

  /// The table word of column `j` with `pivot` and the reduction gathered in `workspace`: bare
  /// if V = 0, else the address of a new record in the workspace's arena.
  func publish(_ j: Int, pivot: Entry, workspace: inout Workspace) -> Int {
    let reduction = compacted(workspace.reduction)
    if reduction.isEmpty {
      // R = δσ: the pivot's coefficient is ±1.
      let negative = !field.isZero(field.sum(pivot.coefficient, field.negation(field.one)))
      assert(!negative || field.isZero(field.sum(pivot.coefficient, field.one)))
      return j << 2 | 2 | (negative ? 1 : 0)
    }
    let record = workspace.records.store(
      column: j, coefficient: pivot.coefficient, reduction: reduction)
    return Int(bitPattern: record)
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

  /// Adds `factor` · δ`simplex` to the working coboundary; with `first`, only its terms that do
  /// not precede `first` in the filtration.
  ///
  /// The working column holds no term preceding its pivot p (`pivot(in:)` pops them), and the
  /// column of p's owner, R = δ(τ + V), is zero before p. So when that column is added, the terms
  /// of its pieces δτ and δv (v in V) that precede p sum to zero: leaving them out changes
  /// neither the sum nor anything that follows, and spares the working column's heap the pushes
  /// and pops of terms that would only cancel in pairs (most of them, for a long V).
  @inline(__always)
  func addCoboundary(
    of simplex: Simplex, times factor: K.Element, dimension: Int,
    to coboundary: inout WorkingColumn<Index, K.Element>, from first: Simplex? = nil
  ) {
    filtration.forEachCofacet(of: simplex, dimension: dimension) { cofacet, negative in
      if let first, cofacet.precedes(first) { return true }
      coboundary.push(Entry(cofacet, negative ? field.negation(factor) : factor))
      return true
    }
  }

  /// Fills the working coboundary with δσ and returns its pivot, or returns an emergent pivot at
  /// once (leaving the heap empty): the earliest cofacet, of σ's own value, that is no pivot yet
  /// and not in an apparent pair.
  func initialPivot(
    of column: Simplex, dimension: Int, workspace: inout Workspace, table: PivotTable<Index>
  ) -> Entry? {
    var checkEmergent = true
    var emergent: Entry?
    workspace.cofacets.removeAll(keepingCapacity: true)
    filtration.forEachCofacet(of: column, dimension: dimension) { cofacet, negative in
      let entry = Entry(cofacet, field.sign(negative: negative))
      if checkEmergent && cofacet.value == column.value {
        if !table.contains(cofacet.index)
          && filtration.zeroApparentFacet(of: cofacet, dimension: dimension + 1) == nil
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
