/// Solves `a x = b` for a symmetric positive definite `a` (`n × n`, row-major) by the Cholesky
/// factorisation a = L Lᵀ; nil when a pivot is not positive (`a` is not positive definite to
/// working precision). O(n³/3).
func choleskySolve(_ a: [Double], _ b: [Double], n: Int) -> [Double]? {
  var l = a
  for j in 0..<n {
    var pivot = l[j * n + j]
    for k in 0..<j { pivot -= l[j * n + k] * l[j * n + k] }
    guard pivot > 0, pivot.isFinite else { return nil }
    let root = pivot.squareRoot()
    l[j * n + j] = root
    for i in (j + 1)..<max(j + 1, n) {
      var sum = l[i * n + j]
      for k in 0..<j { sum -= l[i * n + k] * l[j * n + k] }
      l[i * n + j] = sum / root
    }
  }
  var x = b
  for i in 0..<n {
    var sum = x[i]
    for k in 0..<i { sum -= l[i * n + k] * x[k] }
    x[i] = sum / l[i * n + i]
  }
  for i in stride(from: n - 1, through: 0, by: -1) {
    var sum = x[i]
    for k in (i + 1)..<max(i + 1, n) { sum -= l[k * n + i] * x[k] }
    x[i] = sum / l[i * n + i]
  }
  return x
}
