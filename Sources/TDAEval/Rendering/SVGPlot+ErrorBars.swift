import Foundation

extension SVGPlot {
  /// A small inline chart of two error bars on one axis: the value with its interval (blue, top)
  /// and the baseline with its interval (grey, bottom), the axis spanning both intervals.
  public static func errorBars(_ bars: HTMLReport.ErrorBars) -> String {
    let width = 180.0, height = 30.0, margin = 6.0
    let low = min(bars.interval.lower, bars.baselineInterval.lower, bars.value, bars.baseline)
    let high = max(bars.interval.upper, bars.baselineInterval.upper, bars.value, bars.baseline)
    let span = high > low ? high - low : 1
    func x(_ v: Double) -> String {
      String(format: "%.1f", margin + (v - low) / span * (width - 2 * margin))
    }
    func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, _ color: String) -> String {
      "<line x1=\"\(x(x1))\" y1=\"\(y1)\" x2=\"\(x(x2))\" y2=\"\(y2)\" stroke=\"\(color)\"/>"
    }
    func bar(_ value: Double, _ interval: ClosedInterval, y: Double, color: String, label: String)
      -> String
    {
      let f = EvaluationReport.format
      return "<g><title>\(escape(label)) \(f(value)) [\(f(interval.lower)), \(f(interval.upper))]"
        + "</title>" + line(interval.lower, y, interval.upper, y, color)
        + line(interval.lower, y - 4, interval.lower, y + 4, color)
        + line(interval.upper, y - 4, interval.upper, y + 4, color)
        + "<circle cx=\"\(x(value))\" cy=\"\(y)\" r=\"3\" fill=\"\(color)\"/></g>"
    }
    let size = "width=\"\(Int(width))\" height=\"\(Int(height))\""
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"error-bars\" \(size) "
      + "viewBox=\"0 0 \(Int(width)) \(Int(height))\">"
      + bar(bars.value, bars.interval, y: 9, color: palette[0], label: "value")
      + bar(bars.baseline, bars.baselineInterval, y: 21, color: palette[7], label: "baseline")
      + "</svg>"
  }
}
