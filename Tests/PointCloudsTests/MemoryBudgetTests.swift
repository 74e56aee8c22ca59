import Foundation
import PointClouds
import Testing

@Suite("MemoryBudget: sizes, limits and refusals")
struct MemoryBudgetTests {
  @Test("sizes parse with binary units; anything else is nil")
  func parsing() {
    #expect(MemoryBudget.parse("4G") == Double(4 << 30))
    #expect(MemoryBudget.parse("512M") == Double(512 << 20))
    #expect(MemoryBudget.parse("1.5g") == 1.5 * 1024 * 1024 * 1024)
    #expect(MemoryBudget.parse("2GiB") == Double(2 << 30))
    #expect(MemoryBudget.parse("64kb") == Double(64 << 10))
    #expect(MemoryBudget.parse("1000000") == Double(1_000_000))
    for bad in ["", "G", "0", "-1G", "12Q", "1e3G", "nan", "inf", "4 G B"] {
      #expect(MemoryBudget.parse(bad) == nil, "\(bad)")
    }
  }

  @Test("the available budget is positive and at most the physical memory")
  func available() {
    let budget = MemoryBudget.available
    #expect(budget.bytes > 0)
    let physical = Double(sysconf(Int32(_SC_PHYS_PAGES))) * Double(sysconf(Int32(_SC_PAGESIZE)))
    #expect(budget.bytes <= physical)
  }

  @Test("check refuses above the budget with one line naming the estimate and the remedy")
  func refusal() throws {
    let budget = MemoryBudget(bytes: 1024 * 1024, source: "--max-memory 1M")
    try budget.check(bytes: 1024 * 1024, what: "x", suggestion: "y")
    do {
      try budget.check(
        bytes: 3 * 1024 * 1024 * 1024, what: "a matrix", suggestion: "use fewer rows")
      Issue.record("expected a ResourceError")
    } catch {
      #expect(error.bytes == 3 * 1024 * 1024 * 1024)
      let text = error.description
      #expect(!text.contains("\n"))
      #expect(
        text.hasPrefix(
          "a matrix may need up to 3.0 GiB of memory, above the budget of 1.0 MiB (--max-memory 1M); use fewer rows"
        ))
    }
    #expect(throws: ResourceError.self) {
      try budget.check(bytes: .infinity, what: "x", suggestion: "y")
    }
    #expect(throws: ResourceError.self) {
      try budget.check(bytes: .nan, what: "x", suggestion: "y")
    }
  }

  @Test("sizes format in binary units; binomials do not overflow")
  func formatting() {
    #expect(MemoryBudget.format(512) == "512 B")
    #expect(MemoryBudget.format(1536) == "1.5 KiB")
    #expect(MemoryBudget.format(4 * 1024 * 1024 * 1024) == "4.0 GiB")
    #expect(MemoryBudget.binomial(1_000_000, 2) == 499_999_500_000)
    #expect(MemoryBudget.binomial(20_000, 3) == 1_333_133_340_000)
    #expect(MemoryBudget.binomial(3, 4) == 0)
    #expect(MemoryBudget.binomial(1e9, 40).isInfinite)
  }
}
