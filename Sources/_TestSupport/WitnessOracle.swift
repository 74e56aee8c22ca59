import TDAEval

/// Slow, obvious oracles for the witness filtration and its H1 barcode (tests only).
public enum WitnessOracle {
  /// Every vertex, edge and triangle of the weak relaxed witness complex with its filtration
  /// value, straight from the definition: for each simplex σ and witness w, test
  /// `max_{σ} d − α ≤ min_{∉σ} d` over all landmarks, take `[max_{σ} d − min_{∉σ} d]₊`, minimise
  /// over witnesses, then raise to the facets' values (absent facet ⇒ absent). Keys are sorted
  /// vertex lists. O(|W| · L⁴).
  public static func filtration(witnesses: [[Double]], landmarks: [[Double]], maxAlpha: Double)
    -> [[Int]: Double]
  {
    let distances = witnesses.map { w in
      landmarks.map { l in zip(w, l).map { ($0 - $1) * ($0 - $1) }.reduce(0, +).squareRoot() }
    }
    let count = landmarks.count
    func own(_ simplex: [Int]) -> Double {
      var best = Double.infinity
      for row in distances {
        let far = simplex.map { row[$0] }.max()!
        let left = (0..<count).filter { !simplex.contains($0) }.map { row[$0] }.min() ?? .infinity
        if far - maxAlpha <= left { best = min(best, max(0, far - left)) }
      }
      return best
    }
    var values: [[Int]: Double] = [:]
    func consider(_ simplex: [Int]) {
      var value = own(simplex)
      if simplex.count > 1 {
        for skipped in simplex.indices {
          var facet = simplex
          facet.remove(at: skipped)
          value = max(value, values[facet] ?? .infinity)
        }
      }
      if value < .infinity { values[simplex] = value }
    }
    for a in 0..<count { consider([a]) }
    for b in 0..<count { for a in 0..<b { consider([a, b]) } }
    for c in 0..<count { for b in 0..<c { for a in 0..<b { consider([a, b, c]) } } }
    return values
  }

  /// H1 bars of a filtered 2-complex by the textbook reduction of the Z/2 boundary matrix
  /// (all simplices ordered by value, then dimension), zero-length bars dropped, unmatched
  /// 1-cycles essential. `simplices` maps sorted vertex lists to values.
  public static func h1Bars(_ simplices: [[Int]: Double]) -> [PersistencePair] {
    let order = simplices.keys.sorted { a, b in
      let (first, second) = (simplices[a]!, simplices[b]!)
      if first != second { return first < second }
      if a.count != b.count { return a.count < b.count }
      return a.lexicographicallyPrecedes(b)
    }
    let position = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })
    var columns: [Set<Int>] = order.map { simplex in
      guard simplex.count > 1 else { return [] }
      return Set(
        simplex.indices.map { skipped in
          var facet = simplex
          facet.remove(at: skipped)
          return position[facet]!
        })
    }
    var pivotOwner: [Int: Int] = [:]
    var killed = Set<Int>()
    var bars: [PersistencePair] = []
    for j in columns.indices {
      while let low = columns[j].max(), let other = pivotOwner[low] {
        columns[j].formSymmetricDifference(columns[other])
      }
      if let low = columns[j].max() {
        pivotOwner[low] = j
        killed.insert(low)
        if order[j].count == 3 {
          let birth = simplices[order[low]]!, death = simplices[order[j]]!
          if death > birth { bars.append(PersistencePair(birth: birth, death: death)) }
        }
      }
    }
    for j in columns.indices where order[j].count == 2 && columns[j].isEmpty && !killed.contains(j)
    {
      bars.append(PersistencePair(birth: simplices[order[j]]!, death: .infinity))
    }
    return bars
  }
}
