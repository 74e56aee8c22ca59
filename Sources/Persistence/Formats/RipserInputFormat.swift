import Foundation
import PointClouds

/// The input of a Vietoris–Rips computation, as read from a file.
public enum RipsInput: Sendable {
  /// Points (Euclidean unless a metric is chosen).
  case cloud(PointCloud)
  /// A dense distance matrix.
  case dense(DistanceMatrix)
  /// A sparse distance matrix.
  case sparse(SparseDistanceMatrix)

  /// The number of points.
  public var count: Int {
    switch self {
    case .cloud(let cloud): return cloud.count
    case .dense(let matrix): return matrix.count
    case .sparse(let matrix): return matrix.count
    }
  }
}

/// Ripser's input formats, read exactly as Ripser reads them except that
/// every value is a `Double` and every defect is an error naming the file, line and column.
///
/// Text formats separate numbers by any character that cannot be part of a number (comma,
/// whitespace, semicolon, …). Distances must be non-negative (`inf` is allowed and means "never an
/// edge"); coordinates must be finite.
public enum RipserInputFormat: String, Sendable, CaseIterable {
  /// One point per line, coordinates separated by any non-numeric character; blank lines skipped.
  case pointCloud = "point-cloud"
  /// The strict lower triangle, row by row: d(1,0); d(2,0), d(2,1); …
  case lowerDistance = "lower-distance"
  /// The strict upper triangle, row by row (MATLAB `pdist` order): d(0,1), d(0,2), …, d(1,2), …
  case upperDistance = "upper-distance"
  /// The full square matrix, one row per line; only the strict lower triangle is used.
  case distance
  /// DIPHA's binary distance matrix: int64 8067171840, int64 7, int64 n, n² float64, little-endian.
  case dipha
  /// Text lines `i j d` (0-based vertices); pairs not listed are absent; n = largest index + 1.
  case sparse
  /// The strict lower triangle as raw little-endian float32, no header.
  case binary

  /// The format named `name`; like Ripser, `lower…`, `upper…`, `dist…`, `point…` match by prefix.
  public init?(name: String) {
    if let exact = Self(rawValue: name) {
      self = exact
      return
    }
    if name.hasPrefix("lower") {
      self = .lowerDistance
    } else if name.hasPrefix("upper") {
      self = .upperDistance
    } else if name.hasPrefix("dist") {
      self = .distance
    } else if name.hasPrefix("point") {
      self = .pointCloud
    } else {
      return nil
    }
  }

  /// Reads the file at `path` ("-" reads standard input).
  /// Pipes, FIFOs, `/dev/fd/N` and `/dev/null` (empty) work alike (``InputFile``); standard input
  /// is named `<stdin>` in messages.
  public func read(contentsOf path: String) throws(PersistenceError) -> RipsInput {
    let bytes: [UInt8]
    do {
      bytes = try InputFile.read(path)
    } catch {
      let reason: String
      if case .unreadable(_, let why) = error as? PointCloudError {
        reason = why
      } else {
        reason = "\(error)"
      }
      throw .malformedInput(
        file: InputFile.name(path), line: 0, column: 0, reason: "cannot read the file (\(reason))")
    }
    return try parse(bytes, file: InputFile.name(path))
  }

  /// Parses the bytes of a file named `file` (the name is used in error messages).
  public func parse(_ bytes: [UInt8], file: String) throws(PersistenceError) -> RipsInput {
    switch self {
    case .dipha: return try Self.parseDipha(bytes, file: file)
    case .binary: return try Self.parseBinary(bytes, file: file)
    default: break
    }
    let lines = try NumberScanner.lines(bytes, file: file)
    func fail(_ line: Int, _ column: Int, _ reason: String) -> PersistenceError {
      .malformedInput(file: file, line: line, column: column, reason: reason)
    }
    func distance(_ number: NumberScanner.Number) throws(PersistenceError) -> Double {
      guard number.value >= 0 else {  // also NaN
        throw fail(number.line, number.column, "'\(number.text)' is not a non-negative distance")
      }
      return number.value
    }
    switch self {
    case .pointCloud:
      let rows = lines.filter { !$0.isEmpty }
      guard let width = rows.first?.count else { throw fail(0, 0, "the file holds no points") }
      var coordinates: [Double] = []
      coordinates.reserveCapacity(rows.count * width)
      for row in rows {
        guard row.count == width else {
          throw fail(row[0].line, 0, "expected \(width) coordinates, found \(row.count)")
        }
        for number in row {
          guard number.value.isFinite else {
            throw fail(number.line, number.column, "'\(number.text)' is not a finite number")
          }
          coordinates.append(number.value)
        }
      }
      return .cloud(PointCloud(count: rows.count, dimension: width, coordinates: coordinates))
    case .lowerDistance, .upperDistance:
      let numbers = Array(lines.joined())
      let m = numbers.count
      let n = Int(((1 + (1 + 8 * Double(m)).squareRoot()) / 2).rounded())
      guard n * (n - 1) / 2 == m else {
        throw fail(0, 0, "\(m) numbers do not form a strict triangle n(n − 1)/2")
      }
      var entries = [Double](repeating: 0, count: m)
      if self == .lowerDistance {
        for (k, number) in numbers.enumerated() { entries[k] = try distance(number) }
      } else {
        var k = 0
        for i in 0..<n {
          for j in (i + 1)..<max(n, i + 1) {
            entries[j * (j - 1) / 2 + i] = try distance(numbers[k])
            k += 1
          }
        }
      }
      return .dense(DistanceMatrix(count: n, lowerTriangle: entries))
    case .distance:
      let rows = lines.filter { !$0.isEmpty }
      let n = rows.count
      var entries: [Double] = []
      entries.reserveCapacity(n * (n - 1) / 2)
      for (i, row) in rows.enumerated() {
        guard row.count == n else {
          throw fail(
            row[0].line, 0,
            "the matrix is not square: row \(i + 1) has \(row.count) entries, expected \(n)")
        }
        for j in 0..<i { entries.append(try distance(row[j])) }
      }
      return .dense(DistanceMatrix(count: n, lowerTriangle: entries))
    case .sparse:
      var pairs: [(i: Int, j: Int, distance: Double)] = []
      var count = 0
      for row in lines where !row.isEmpty {
        guard row.count == 3 else {
          throw fail(row[0].line, 0, "expected 'i j distance', found \(row.count) numbers")
        }
        var vertices = (0, 0)
        for (position, number) in row.prefix(2).enumerated() {
          guard let v = Int(exactly: number.value), v >= 0, v < Int(Int32.max) else {
            throw fail(number.line, number.column, "'\(number.text)' is not a vertex number")
          }
          if position == 0 { vertices.0 = v } else { vertices.1 = v }
        }
        count = max(count, vertices.0 + 1, vertices.1 + 1)
        pairs.append((vertices.0, vertices.1, try distance(row[2])))
      }
      return .sparse(try SparseDistanceMatrix(count: count, pairs: pairs))
    case .dipha, .binary:
      fatalError("binary formats are parsed above")
    }
  }

  static func parseDipha(_ bytes: [UInt8], file: String) throws(PersistenceError) -> RipsInput {
    func fail(_ reason: String) -> PersistenceError {
      .malformedInput(file: file, line: 0, column: 0, reason: reason)
    }
    func int64(at offset: Int) -> Int64 {
      var value: UInt64 = 0
      for k in 0..<8 { value |= UInt64(bytes[offset + k]) << (8 * k) }
      return Int64(bitPattern: value)
    }
    guard bytes.count >= 24 else { throw fail("too short for a DIPHA header") }
    guard int64(at: 0) == 8_067_171_840 else { throw fail("not a DIPHA file (wrong magic number)") }
    guard int64(at: 8) == 7 else {
      throw fail("not a DIPHA distance matrix (type \(int64(at: 8)), expected 7)")
    }
    let n = int64(at: 16)
    guard n >= 0, n < 1 << 26, bytes.count == 24 + 8 * Int(n) * Int(n) else {
      // In Double: n² overflows Int64 for the n of a hostile header (FuzzRipserFormats).
      let needed = 24 + 8 * Double(max(0, n)) * Double(max(0, n))
      throw fail(
        "a DIPHA matrix of \(n) points needs \(String(format: "%.0f", needed)) bytes, "
          + "the file has \(bytes.count)")
    }
    let count = Int(n)
    var entries: [Double] = []
    entries.reserveCapacity(count * (count - 1) / 2)
    for i in 0..<count {
      for j in 0..<i {
        let value = Double(bitPattern: UInt64(bitPattern: int64(at: 24 + 8 * (i * count + j))))
        guard value >= 0 else {
          throw fail("entry (\(i), \(j)) = \(value) is not a non-negative distance")
        }
        entries.append(value)
      }
    }
    return .dense(DistanceMatrix(count: count, lowerTriangle: entries))
  }

  static func parseBinary(_ bytes: [UInt8], file: String) throws(PersistenceError) -> RipsInput {
    func fail(_ reason: String) -> PersistenceError {
      .malformedInput(file: file, line: 0, column: 0, reason: reason)
    }
    guard bytes.count % 4 == 0 else {
      throw fail("\(bytes.count) bytes are not a whole number of float32 values")
    }
    let m = bytes.count / 4
    let n = Int(((1 + (1 + 8 * Double(m)).squareRoot()) / 2).rounded())
    guard n * (n - 1) / 2 == m else {
      throw fail("\(m) values do not form a strict triangle n(n − 1)/2")
    }
    var entries = [Double](repeating: 0, count: m)
    for k in 0..<m {
      let bits =
        UInt32(bytes[4 * k]) | UInt32(bytes[4 * k + 1]) << 8 | UInt32(bytes[4 * k + 2]) << 16
        | UInt32(bytes[4 * k + 3]) << 24
      let value = Double(Float(bitPattern: bits))
      guard value >= 0 else {
        throw fail("value \(k + 1) = \(value) is not a non-negative distance")
      }
      entries[k] = value
    }
    return .dense(DistanceMatrix(count: n, lowerTriangle: entries))
  }
}

/// Splits text into lines of numbers separated by any character that cannot be part of one.
enum NumberScanner {
  struct Number {
    var value: Double
    var line: Int
    var column: Int
    var text: String
  }

  static func isNumberByte(_ b: UInt8) -> Bool {
    (b >= 48 && b <= 57) || b == 46 || b == 43 || b == 45 || (b >= 65 && b <= 90)
      || (b >= 97 && b <= 122)
  }

  static func lines(_ bytes: [UInt8], file: String) throws(PersistenceError) -> [[Number]] {
    var lines: [[Number]] = []
    var current: [Number] = []
    var line = 1
    var lineStart = 0
    var k = 0
    let count = bytes.count
    while k < count {
      let b = bytes[k]
      if b == 10 {
        lines.append(current)
        current = []
        line += 1
        k += 1
        lineStart = k
        continue
      }
      if !isNumberByte(b) {
        k += 1
        continue
      }
      let start = k
      while k < count && isNumberByte(bytes[k]) { k += 1 }
      let text = String(decoding: bytes[start..<k], as: UTF8.self)
      guard let value = Double(text) else {
        throw .malformedInput(
          file: file, line: line, column: start - lineStart + 1, reason: "'\(text)' is not a number"
        )
      }
      current.append(Number(value: value, line: line, column: start - lineStart + 1, text: text))
    }
    if !current.isEmpty { lines.append(current) }
    return lines
  }
}
