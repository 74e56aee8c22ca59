import PointClouds
import Testing

@testable import SampleMetrics

@Suite("Radix sort of doubles")
struct RadixSortTests {
  @Test("equals sorted() on long arrays with negatives, ties, zeros of both signs and infinities")
  func equalsSorted() {
    var generator = SeededGenerator(seed: 5)
    for count in [0, 1, 300, 5000] {
      var values = (0..<count).map { _ in
        (Double.random(in: -1...1, using: &generator) * 1e3).rounded() / 8
      }
      if count > 10 {
        values.replaceSubrange(3..<7, with: [-0.0, .infinity, -.infinity, 0])
      }
      #expect(radixSorted(values) == values.sorted())
    }
  }
}
