/// The `p`-th percentile (0…100) of `values`, interpolating linearly between order statistics
/// exactly as `numpy.percentile`'s default method: position (n − 1)·(p/100), and the interpolation
/// `a + (b − a)·t` for t < 0.5, `b − (b − a)·(1 − t)` otherwise.
/// - Precondition: `values` is not empty.
package func percentile(_ values: [Double], _ p: Double) -> Double {
  precondition(!values.isEmpty, "percentile of nothing")
  let sorted = values.sorted()
  let position = Double(sorted.count - 1) * (p / 100)
  let lower = Int(position.rounded(.down))
  let upper = min(lower + 1, sorted.count - 1)
  let t = position - Double(lower)
  let a = sorted[lower]
  let b = sorted[upper]
  return t < 0.5 ? a + (b - a) * t : b - (b - a) * (1 - t)
}

/// The arithmetic mean of `values` (0 for none), summed in index order.
func mean(_ values: [Double]) -> Double {
  values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count)
}
