import TDAEval

/// The bottleneck distance between two diagrams by brute force, for tests of small diagrams:
/// ground metric L∞, a point may go to the diagonal at cost (death − birth)/2, essential points
/// only to essential points (matched in order of birth; +∞ if their numbers differ).
///
/// Tries every candidate cost in increasing order (binary search) and checks for a perfect
/// matching of A ∪ diagonal(B) with B ∪ diagonal(A) by augmenting paths. O(m² log m) per check.
public func bruteForceBottleneck(_ a: [PersistencePair], _ b: [PersistencePair]) -> Double {
  let essentialA = a.filter(\.isEssential).map(\.birth).sorted()
  let essentialB = b.filter(\.isEssential).map(\.birth).sorted()
  guard essentialA.count == essentialB.count else { return .infinity }
  var essentialCost = 0.0
  for (x, y) in zip(essentialA, essentialB) { essentialCost = max(essentialCost, abs(x - y)) }
  let left = a.filter { !$0.isEssential }
  let right = b.filter { !$0.isEssential }
  let size = left.count + right.count
  if size == 0 { return essentialCost }
  // Node i < left.count is a point of A, otherwise the diagonal copy of right[i − left.count];
  // node j < right.count is a point of B, otherwise the diagonal copy of left[j − right.count].
  func cost(_ i: Int, _ j: Int) -> Double {
    switch (i < left.count, j < right.count) {
    case (true, true):
      return max(abs(left[i].birth - right[j].birth), abs(left[i].death - right[j].death))
    case (true, false):
      return j - right.count == i ? left[i].persistence / 2 : .infinity
    case (false, true):
      return i - left.count == j ? right[j].persistence / 2 : .infinity
    case (false, false):
      return 0
    }
  }
  var candidates = Set<Double>()
  for i in 0..<size {
    for j in 0..<size where cost(i, j).isFinite { candidates.insert(cost(i, j)) }
  }
  let sorted = candidates.sorted()
  func perfect(_ bound: Double) -> Bool {
    var owner = [Int](repeating: -1, count: size)
    for i in 0..<size {
      var visited = [Bool](repeating: false, count: size)
      func augment(_ i: Int) -> Bool {
        for j in 0..<size where !visited[j] && cost(i, j) <= bound {
          visited[j] = true
          if owner[j] < 0 || augment(owner[j]) {
            owner[j] = i
            return true
          }
        }
        return false
      }
      if !augment(i) { return false }
    }
    return true
  }
  var low = 0
  var high = sorted.count - 1
  while low < high {
    let mid = (low + high) / 2
    if perfect(sorted[mid]) { high = mid } else { low = mid + 1 }
  }
  return max(essentialCost, sorted[low])
}
