/// Doubles in ascending order by a least-significant-digit radix sort of their bit patterns (six
/// passes of 11 bits), several times faster than a comparison sort on long columns. The order is
/// that of `sorted()` except that −0.0 comes before +0.0. NaN is not allowed.
func radixSorted(_ values: [Double]) -> [Double] {
  guard values.count > 256 else { return values.sorted() }
  // Order-preserving keys: negative numbers with every bit flipped, others with the sign set.
  var keys = values.map { value -> UInt64 in
    let bits = value.bitPattern
    return bits >> 63 == 1 ? ~bits : bits | (1 << 63)
  }
  var buffer = [UInt64](repeating: 0, count: keys.count)
  for pass in 0..<6 {
    let shift = UInt64(pass * 11)
    var counts = [Int](repeating: 0, count: 2049)
    for key in keys { counts[Int((key >> shift) & 2047) + 1] += 1 }
    for digit in 1...2048 { counts[digit] += counts[digit - 1] }
    for key in keys {
      let digit = Int((key >> shift) & 2047)
      buffer[counts[digit]] = key
      counts[digit] += 1
    }
    swap(&keys, &buffer)
  }
  return keys.map { key in
    Double(bitPattern: key >> 63 == 1 ? key & ~(1 << 63) : ~key)
  }
}
