import Persistence
import PointClouds
import Testing
import _TestSupport

@testable import SampleMetrics

@Suite("Relative living times and landmark files")
struct GeometryScoreLivingTimesTests {
  func bar(_ birth: Double, _ death: Double) -> PersistencePair {
    PersistencePair(birth: birth, death: death)
  }

  @Test("no bars: all the time is spent with 0 holes")
  func noBars() {
    #expect(RelativeLivingTimes.vector(bars: [], maxAlpha: 3, imax: 4) == [1, 0, 0, 0])
  }

  @Test("one finite bar [0.25, 0.75) over [0, 1]: half the time 0 holes, half 1")
  func oneBar() {
    #expect(
      RelativeLivingTimes.vector(bars: [bar(0.25, 0.75)], maxAlpha: 1, imax: 3) == [
        0.5, 0.5, 0,
      ])
  }

  @Test("an infinite bar is cut at α_max")
  func infiniteBar() {
    #expect(
      RelativeLivingTimes.vector(bars: [bar(0.5, .infinity)], maxAlpha: 2, imax: 2) == [
        0.25, 0.75,
      ])
  }

  @Test("overlapping bars: the Betti count integrated piece by piece")
  func overlapping() {
    // Count 1 on [0, .5), 2 on [.5, 1), 1 on [1, 1.5), 2 on [1.5, 2].
    let bars = [bar(0, 1), bar(0.5, 2), bar(1.5, .infinity)]
    #expect(RelativeLivingTimes.vector(bars: bars, maxAlpha: 2, imax: 4) == [0, 0.5, 0.5, 0])
  }

  @Test("time with at least i_max holes is dropped, so the vector sums to less than 1")
  func moreBarsThanMaxBetti() {
    // Count 3 on [0, 1) (dropped), 2 on [1, 2), 1 on [2, 3), 0 on [3, 4].
    let bars = [bar(0, 1), bar(0, 2), bar(0, 3)]
    #expect(RelativeLivingTimes.vector(bars: bars, maxAlpha: 4, imax: 3) == [0.25, 0.25, 0.25])
    let many = Array(repeating: bar(0, .infinity), count: 5)
    #expect(RelativeLivingTimes.vector(bars: many, maxAlpha: 1, imax: 5) == [0, 0, 0, 0, 0])
  }

  @Test("zero-length bars and repeated endpoints change nothing")
  func degenerate() {
    let plain = RelativeLivingTimes.vector(bars: [bar(0.2, 0.6)], maxAlpha: 1, imax: 3)
    let padded = RelativeLivingTimes.vector(
      bars: [bar(0.2, 0.6), bar(0.4, 0.4), bar(0.6, 0.6), bar(0, 0)], maxAlpha: 1, imax: 3)
    #expect(zip(plain, padded).allSatisfy { isClose($0, $1) })
    #expect(isClose(plain[0], 0.6) && isClose(plain[1], 0.4))
  }

  @Test("random landmark draws are reproducible per seed and trial, with replacement")
  func randomLandmarks() {
    let first = LandmarkSets.random(trials: 50, perTrial: 8, pointCount: 5, seed: 3)
    let second = LandmarkSets.random(trials: 50, perTrial: 8, pointCount: 5, seed: 3)
    let other = LandmarkSets.random(trials: 50, perTrial: 8, pointCount: 5, seed: 4)
    #expect(first == second)
    #expect(first != other)
    #expect(first.indices.allSatisfy { (0..<5).contains($0) })
    // 8 draws from 5 points always repeat one.
    #expect((0..<50).allSatisfy { Set(first[trial: $0]).count < 8 })
    // A trial does not depend on how many trials were drawn.
    let fewer = LandmarkSets.random(trials: 3, perTrial: 8, pointCount: 5, seed: 3)
    #expect(Array(fewer[trial: 2]) == Array(first[trial: 2]))
  }

  @Test("a landmark file: one trial per line, spaces and a final newline allowed")
  func parseFile() throws {
    let sets = try LandmarkSets.parse("0,1,2\n 4 , 4,3\r\n\n", file: "l.txt", pointCount: 5)
    #expect(sets.trials == 2)
    #expect(sets.perTrial == 3)
    #expect(Array(sets[trial: 1]) == [4, 4, 3])
  }

  @Test("the byte-level fast path parses as the character-level path, or declines")
  func fastPathAgrees() throws {
    var generator = SeededGenerator(seed: 4)
    var text = ""
    for _ in 0..<30 {
      let cells = (0..<7).map { _ in
        String(repeating: " ", count: generator.nextInt(below: 2))
          + "\(generator.nextInt(below: 1000))"
          + String(repeating: "\t", count: generator.nextInt(below: 2))
      }
      text += cells.joined(separator: ",") + (generator.nextInt(below: 2) == 0 ? "\n" : "\r\n")
    }
    text += "\n  \n"
    let fast = try #require(LandmarkSets.parseDigits(text, pointCount: 1000))
    #expect(fast == (try LandmarkSets.parseCharacters(text, file: "l.txt", pointCount: 1000)))
    #expect(fast.trials == 30 && fast.perTrial == 7)
    // Anything unusual goes to the general path, which accepts or rejects it.
    for unusual in [
      "0,1\u{2028}2,3", "0,1\n\n2,3\n", "0,1,\n", "0,+1\n", "0,1\r2,3", "0,1 1\n", "0,1000\n",
    ] {
      #expect(LandmarkSets.parseDigits(unusual, pointCount: 1000) == nil, "\(unusual)")
    }
    #expect(try LandmarkSets.parse("0,+1\n", file: "l.txt", pointCount: 5).indices == [0, 1])
  }

  @Test(
    "bad landmark files name the file, line and column",
    arguments: [
      ("0,1\n2,x\n", "l.txt:2:2: 'x' is not a row index"),
      ("0,1\n2,1.5\n", "l.txt:2:2: '1.5' is not a row index"),
      ("0,1\n2,\n", "l.txt:2:2: '' is not a row index"),
      ("0,5\n", "l.txt:1:2: row index 5 is outside 0..<5"),
      ("0,-1\n", "l.txt:1:2: row index -1 is outside 0..<5"),
      ("0,1\n2\n", "l.txt:2: expected 2 landmarks as on line 1, found 1"),
      ("\n\n", "l.txt: the landmark file holds no trial"),
    ])
  func badFiles(text: String, message: String) {
    #expect {
      try LandmarkSets.parse(text, file: "l.txt", pointCount: 5)
    } throws: { error in
      String(describing: error) == message
    }
  }
}
