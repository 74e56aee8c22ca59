import ArgumentParser
import TDAEval

/// A comma-separated list of an option's named values (`--skip kde,gscore`): `help` lists the
/// names, and an unknown or empty one is refused as for a single value.
struct CommaSeparated<Element: ExpressibleByArgument & CaseIterable>: ExpressibleByArgument {
  /// The values, in the order given.
  var elements: [Element]

  init?(argument: String) {
    var elements: [Element] = []
    for name in argument.split(separator: ",", omittingEmptySubsequences: false) {
      guard let element = Element(argument: String(name)) else { return nil }
      elements.append(element)
    }
    self.elements = elements
  }

  static var allValueStrings: [String] { Element.allValueStrings }
}

/// `--skip` of `evaluate`: the parts of an evaluation.
extension Evaluation.Part: ExpressibleByArgument {}

/// `--only` of `tables`.
extension BenchmarkTables.Table: ExpressibleByArgument {}

/// `--task` of `evaluate` and `utility`.
extension UtilityReport.Task: ExpressibleByArgument {}

/// `--delimiter`: `comma`, `tab` or `whitespace` (also `,` and `\t`).
extension Delimiter: ExpressibleByArgument {
  public init?(argument: String) { self.init(name: argument) }
  public static var allValueStrings: [String] { ["comma", "tab", "whitespace"] }
}

/// `--bandwidth` of `evaluate`: `scott`, `silverman` or a positive number h.
extension KernelBandwidth: ExpressibleByArgument {
  public init?(argument: String) {
    guard let bandwidth = Evaluation.bandwidth(named: argument) else { return nil }
    self = bandwidth
  }

  public var defaultValueDescription: String {
    if case .fixed(let h) = self { return "\(h)" }
    return name
  }
}
