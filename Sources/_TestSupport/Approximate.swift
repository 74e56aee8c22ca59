import Foundation
import RealModule
import TDAEval

/// Whether `a` and `b` agree to `relative` tolerance, or to `absolute` near zero; infinities agree
/// only with themselves.
public func isClose(_ a: Double, _ b: Double, relative: Double = 1e-9, absolute: Double = 1e-12)
  -> Bool
{
  if a.isInfinite || b.isInfinite { return a == b }
  return a.isApproximatelyEqual(to: b, absoluteTolerance: absolute, relativeTolerance: relative)
}

/// Whether two multisets of bars are equal up to `relative` tolerance on every coordinate,
/// comparing after sorting by (birth, death).
public func barsMatch(
  _ a: [PersistencePair], _ b: [PersistencePair], relative: Double = 1e-6, absolute: Double = 1e-9
) -> Bool {
  guard a.count == b.count else { return false }
  let order: (PersistencePair, PersistencePair) -> Bool = {
    ($0.birth, $0.death) < ($1.birth, $1.death)
  }
  return zip(a.sorted(by: order), b.sorted(by: order)).allSatisfy {
    isClose($0.birth, $1.birth, relative: relative, absolute: absolute)
      && isClose($0.death, $1.death, relative: relative, absolute: absolute)
  }
}

/// The path of a file in a test target's `Resources/` folder (`Bundle.module` of that target).
public func resourcePath(_ name: String, in bundle: Bundle) -> String {
  guard let url = bundle.url(forResource: name, withExtension: nil, subdirectory: "Resources")
  else { fatalError("missing test resource \(name)") }
  return url.path
}
