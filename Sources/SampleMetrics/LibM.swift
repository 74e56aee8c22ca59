#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The natural logarithm (libm).
@inline(__always) func _log(_ x: Double) -> Double { log(x) }

/// e^x (libm).
@inline(__always) func _exp(_ x: Double) -> Double { exp(x) }

/// x^y (libm).
@inline(__always) func _pow(_ x: Double, _ y: Double) -> Double { pow(x, y) }
