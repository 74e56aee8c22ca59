import Foundation
import PointClouds

/// The landmark draws of a Geometry Score run: for each trial, the same number of 0-based row
/// indices into one point cloud (repeats allowed, as the reference draws with replacement).
///
/// Stored flat: trial `t` holds `indices[t * perTrial ..< (t + 1) * perTrial]`.
public struct LandmarkSets: Sendable, Equatable {
  /// The number of trials.
  public let trials: Int
  /// The number of landmarks of every trial (L₀).
  public let perTrial: Int
  /// All indices, trial after trial.
  public let indices: [Int]

  /// Landmark sets from one array of indices per trial.
  /// - Precondition: at least one trial, all of the same non-zero length.
  public init(_ trials: [[Int]]) {
    precondition(!trials.isEmpty && !trials[0].isEmpty, "at least one landmark in one trial")
    precondition(trials.allSatisfy { $0.count == trials[0].count }, "trials differ in length")
    self.trials = trials.count
    perTrial = trials[0].count
    indices = trials.flatMap { $0 }
  }

  /// The landmark indices of trial `trial`.
  public subscript(trial trial: Int) -> ArraySlice<Int> {
    indices[trial * perTrial..<(trial + 1) * perTrial]
  }

  /// `trials` draws of `perTrial` indices uniform in 0..<`pointCount`, with replacement (as the
  /// reference's `np.random.choice(N, L₀)`). Trial t of cloud c (0 real, 1 synthetic) draws from
  /// `SeededGenerator.stream(2t + c, of: seed)`, so every trial is reproducible on its own,
  /// whatever the number of trials or threads, and the two clouds never share a stream.
  public static func random(
    trials: Int, perTrial: Int, pointCount: Int, seed: UInt64, cloud: Int = 0
  ) -> LandmarkSets {
    precondition(trials >= 1 && perTrial >= 1 && pointCount >= 1, "empty landmark draw")
    precondition(cloud == 0 || cloud == 1, "cloud is 0 (real) or 1 (synthetic)")
    var flat = [Int]()
    flat.reserveCapacity(trials * perTrial)
    for trial in 0..<trials {
      var generator = SeededGenerator.stream(2 * trial + cloud, of: seed)
      for _ in 0..<perTrial { flat.append(generator.nextInt(below: pointCount)) }
    }
    return LandmarkSets(trials: trials, perTrial: perTrial, indices: flat)
  }

  private init(trials: Int, perTrial: Int, indices: [Int]) {
    self.trials = trials
    self.perTrial = perTrial
    self.indices = indices
  }

  /// Reads a landmark file: one trial per line, comma-separated 0-based row indices into a
  /// cloud of `pointCount` points (spaces around commas and blank lines at the end allowed).
  /// - Throws: ``LandmarkFileError`` naming the file, line and column of the first defect.
  public static func read(contentsOf path: String, pointCount: Int) throws -> LandmarkSets {
    let text: String
    do {
      text = try String(contentsOfFile: path, encoding: .utf8)
    } catch {
      throw LandmarkFileError.unreadable(file: path, reason: error.localizedDescription)
    }
    return try parse(text, file: path, pointCount: pointCount)
  }

  /// Parses the text of a landmark file (see ``read(contentsOf:pointCount:)``).
  public static func parse(_ text: String, file: String, pointCount: Int) throws -> LandmarkSets {
    if let sets = parseDigits(text, pointCount: pointCount) { return sets }
    return try parseCharacters(text, file: file, pointCount: pointCount)
  }

  /// The fast path of ``parse(_:file:pointCount:)`` over UTF-8 bytes, for the common file: ASCII,
  /// lines ended by "\n" or "\r\n", cells of digits with optional spaces or tabs around them,
  /// every index in range, every line as long as the first. Returns nil for anything else, which
  /// the character-based path then parses (or rejects with the exact position of the defect).
  static func parseDigits(_ text: String, pointCount: Int) -> LandmarkSets? {
    var text = text
    return text.withUTF8 { bytes -> LandmarkSets? in
      var end = bytes.count
      // Trailing blank lines (spaces, tabs, line breaks) are allowed.
      while end > 0, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[end - 1]) { end -= 1 }
      guard end > 0 else { return nil }
      var flat: [Int] = []
      flat.reserveCapacity(end / 2)
      var perTrial = 0
      var cells = 0, lines = 0
      var value = 0, digits = 0, sawSpaceAfter = false
      var position = 0
      while position <= end {
        let byte = position < end ? bytes[position] : 0x0A
        position += 1
        switch byte {
        case 0x30...0x39:
          guard !sawSpaceAfter && digits < 18 else { return nil }
          value = value * 10 + Int(byte - 0x30)
          digits += 1
        case 0x20, 0x09:
          if digits > 0 { sawSpaceAfter = true }
        case 0x2C, 0x0A, 0x0D:
          guard digits > 0 && value < pointCount else { return nil }
          flat.append(value)
          cells += 1
          (value, digits, sawSpaceAfter) = (0, 0, false)
          guard byte != 0x2C else { continue }
          if byte == 0x0D {
            guard position < end && bytes[position] == 0x0A else { return nil }
            position += 1
          }
          if lines == 0 { perTrial = cells } else if cells != perTrial { return nil }
          lines += 1
          cells = 0
        default:
          return nil
        }
      }
      return LandmarkSets(trials: lines, perTrial: perTrial, indices: flat)
    }
  }

  /// The general path of ``parse(_:file:pointCount:)``, over characters.
  static func parseCharacters(_ text: String, file: String, pointCount: Int) throws
    -> LandmarkSets
  {
    // "\r\n" is one Character, a newline like "\n".
    var lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
    while let last = lines.last, last.allSatisfy(\.isWhitespace) { lines.removeLast() }
    guard !lines.isEmpty else { throw LandmarkFileError.empty(file: file) }
    var flat = [Int]()
    var perTrial = 0
    for (lineIndex, line) in lines.enumerated() {
      let cells = line.split(separator: ",", omittingEmptySubsequences: false)
      for (columnIndex, cell) in cells.enumerated() {
        let text = cell.trimmingCharacters(in: .whitespaces)
        guard let index = Int(text) else {
          throw LandmarkFileError.notAnIndex(
            file: file, line: lineIndex + 1, column: columnIndex + 1, text: text)
        }
        guard index >= 0 && index < pointCount else {
          throw LandmarkFileError.indexOutOfRange(
            file: file, line: lineIndex + 1, column: columnIndex + 1, index: index,
            pointCount: pointCount)
        }
        flat.append(index)
      }
      if lineIndex == 0 {
        perTrial = cells.count
      } else if cells.count != perTrial {
        throw LandmarkFileError.raggedLine(
          file: file, line: lineIndex + 1, expected: perTrial, found: cells.count)
      }
    }
    return LandmarkSets(trials: lines.count, perTrial: perTrial, indices: flat)
  }
}

/// Why a landmark file was rejected; each case names the file and, where there is one, the
/// 1-based line and column.
public enum LandmarkFileError: Error, Equatable, Sendable {
  /// The file could not be read.
  case unreadable(file: String, reason: String)
  /// The file holds no trial.
  case empty(file: String)
  /// A cell is not a whole number.
  case notAnIndex(file: String, line: Int, column: Int, text: String)
  /// An index is not a row of the cloud.
  case indexOutOfRange(file: String, line: Int, column: Int, index: Int, pointCount: Int)
  /// A trial has a different number of landmarks than the first.
  case raggedLine(file: String, line: Int, expected: Int, found: Int)
  /// The real and the synthetic files differ in their number of trials or landmarks per trial.
  case mismatchedFiles(
    file: String, trials: Int, landmarks: Int, otherFile: String,
    otherTrials: Int, otherLandmarks: Int)
  /// An explicit option (`landmarks` or `trials`) disagrees with what the files hold.
  case disagreesWithFiles(option: String, value: Int, files: Int)
}

extension LandmarkFileError: LocalizedTDAEvalError {
  public var description: String {
    switch self {
    case .unreadable(let file, let reason):
      return "\(file): cannot read the landmark file (\(reason))"
    case .empty(let file):
      return "\(file): the landmark file holds no trial"
    case .notAnIndex(let file, let line, let column, let text):
      return "\(file):\(line):\(column): '\(text)' is not a row index"
    case .indexOutOfRange(let file, let line, let column, let index, let pointCount):
      return "\(file):\(line):\(column): row index \(index) is outside 0..<\(pointCount)"
    case .raggedLine(let file, let line, let expected, let found):
      return "\(file):\(line): expected \(expected) landmarks as on line 1, found \(found)"
    case .mismatchedFiles(
      let file, let trials, let landmarks, let otherFile, let otherTrials, let otherLandmarks):
      return
        "\(file) has \(trials) trials of \(landmarks) landmarks but \(otherFile) has "
        + "\(otherTrials) trials of \(otherLandmarks)"
    case .disagreesWithFiles(let option, let value, let files):
      let held = option == "landmarks" ? "\(files) per trial" : "\(files) trials"
      return "--\(option) \(value) disagrees with the landmark files (\(held))"
    }
  }
}
