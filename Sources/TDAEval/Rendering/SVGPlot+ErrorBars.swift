import Foundation

extension SVGPlot {
  /// A small inline chart of two error bars on one axis: the value with its interval (blue, top)
  /// and the baseline with its interval (grey, bottom), the axis spanning both intervals.
  public static func errorBars(_ bars: HTMLReport.ErrorBars) -> String {
    let width = 180.0, height = 30.0, margin = 6.0
    let low = min(bars.interval.lower, bars.baselineInterval.lower, bars.value, bars.baseline)
    let high = max(bars.interval.upper, bars.baselineInterval.upper, bars.value, bars.baseline)
    let span = high > low ? high - low : 1
    func x(_ v: Double) -> String { String(format: "%.1f", margin + (v - low) / span * (width - 2 * margin)) }
    func bar(_ value: Double, _ interval: ClosedInterval, y: Double, color: String, label: String)
      -> String
    {
      "<g><title>\(escape(label)) \(EvaluationReport.format(value)) [\(EvaluationReport.format(interval.lower)), \(EvaluationReport.format(interval.upper))]</title>"
        + "<line x1=\"\(x(interval.lower))\" y1=\"\(y)\" x2=\"\(x(interval.upper))\" y2=\"\(y)\" stroke=\"\(color)\" stroke-width=\"2\"/>"
        + "<line x1=\"\(x(interval.lower))\" y1=\"\(y - 4)\" x2=\"\(x(interval.lower))\" y2=\"\(y + 4)\" stroke=\"\(color)\"/>"
        + "<line x1=\"\(x(interval.upper))\" y1=\"\(y - 4)\" x2=\"\(x(interval.upper))\" y2=\"\(y + 4)\" stroke=\"\(color)\"/>"
        + "<circle cx=\"\(x(value))\" cy=\"\(y)\" r=\"3\" fill=\"\(color)\"/></g>"
    }
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"error-bars\" width=\"\(Int(width))\" height=\"\(Int(height))\" viewBox=\"0 0 \(Int(width)) \(Int(height))\">"
      + bar(bars.value, bars.interval, y: 9, color: palette[0], label: "value")
      + bar(bars.baseline, bars.baselineInterval, y: 21, color: palette[7], label: "baseline")
      + "</svg>"
  }
}
