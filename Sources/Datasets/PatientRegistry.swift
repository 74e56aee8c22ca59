import PointClouds
import Tables

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A real registry and the synthetic registry a controlled failure produces from the same
/// distribution.
public struct RegistryPair: Sendable, Equatable {
  /// The failure that produced `synthetic`.
  public var failure: TableFailure
  /// A sample of the registry: ``PatientRegistry/sample(count:seed:missingRate:file:)`` of the
  /// same count, seed and missing rate.
  public var real: RawTable
  /// The synthetic registry, with as many rows as `real`.
  public var synthetic: RawTable
  /// For each synthetic row, the real row it copies (`.memorisation` only), else `nil`.
  public var copiedRows: [Int?]
}

/// A synthetic patient registry: a seeded mixed-type table with medical-like columns, missing
/// cells, and known relations between columns, so that table metrics have something to find.
///
/// Columns, in order (cells as written to CSV; an empty cell is missing, as pandas reads it):
///
/// | column | kind | values |
/// | --- | --- | --- |
/// | `patient_id` | ignore | `P` and 6 digits, distinct within a table; never missing |
/// | `age` | numeric | integer years, N(54, 16²) truncated to 18 … 90 |
/// | `sex` | categorical | `F` (52%), `M` |
/// | `bmi` | numeric | 1 decimal, ≈ 27.5 + 5 z, correlated with age (ρ ≈ 0.35), +0.6 for men |
/// | `systolic_bp` | numeric | integer mmHg, ≈ 126 + 17 z, correlated with age and bmi, +4 for men, +3 for smokers |
/// | `cholesterol` | numeric | 1 decimal (mmol/L), ≈ 5.2 + 1.0 z, weakly correlated with age |
/// | `hba1c` | numeric | 1 decimal (%), ≈ 5.6 + 0.7 z, correlated with bmi |
/// | `smoking` | categorical | `never` (55%), `former` (25%), `current` (20%) |
/// | `diabetes` | categorical | `0`/`1`, a logistic function of hba1c centred at 6.5 |
/// | `stage` | ordinal | `I` (40%), `II` (30%), `III` (22%), `IV` (8%), higher with age |
/// | `site` | categorical | `1` … `5` (30, 25, 20, 15, 10%): numbers that are labels |
/// | `edss` | numeric | a score 0.0 … 9.5 in steps of 0.5, ≈ 1 + 1.2 × stage index + z |
///
/// The z of the numeric columns are the coordinates of one latent Gaussian vector per row. Every
/// cell but the identifier is then missing, independently, with probability `missingRate`.
/// ``schema`` gives the intended kinds.
///
/// Random streams (``SeededGenerator/stream(_:of:)`` of `seed`): 0 draws the real rows, 1 their
/// identifiers, 2 their missing cells; 3, 4 and 5 the same for the synthetic rows of
/// ``pair(count:seed:missingRate:failure:)``, 6 the shuffles of `.brokenCorrelations`, 7 the rows
/// copied by `.memorisation`. So for one seed, `.shiftedLabs(sigma: 0)`,
/// `.missingInflation(rate: missingRate)` and `.memorisation(fraction: 0)` equal `.faithful`
/// exactly, and `.brokenCorrelations` is the faithful synthetic table with its numeric columns
/// permuted.
public enum PatientRegistry {
  /// The column names, in file order.
  public static let columnNames = [
    "patient_id", "age", "sex", "bmi", "systolic_bp", "cholesterol", "hba1c", "smoking",
    "diabetes", "stage", "site", "edss",
  ]

  /// The numeric columns (shuffled by `.brokenCorrelations`).
  public static let numericColumns = ["age", "bmi", "systolic_bp", "cholesterol", "hba1c", "edss"]

  /// The labs moved by `.shiftedLabs`, with the standard deviation of each in the real
  /// distribution (the unit of the shift).
  public static let labScales: [String: Double] = [
    "systolic_bp": 17, "cholesterol": 1.0, "hba1c": 0.7,
  ]

  /// The levels of `stage`, in order.
  public static let stages = ["I", "II", "III", "IV"]

  /// The intended kinds: `patient_id` ignored; `sex`, `smoking`, `diabetes`, `site` categorical
  /// (their labels sorted, as schema inference lists them); `stage` ordinal with levels
  /// ``stages``; the others numeric.
  public static let schema = TableSchema(columns: [
    ColumnSchema(name: "patient_id", kind: .ignore),
    ColumnSchema(name: "age", kind: .numeric),
    ColumnSchema(name: "sex", kind: .categorical, categories: ["F", "M"]),
    ColumnSchema(name: "bmi", kind: .numeric),
    ColumnSchema(name: "systolic_bp", kind: .numeric),
    ColumnSchema(name: "cholesterol", kind: .numeric),
    ColumnSchema(name: "hba1c", kind: .numeric),
    ColumnSchema(name: "smoking", kind: .categorical, categories: ["current", "former", "never"]),
    ColumnSchema(name: "diabetes", kind: .categorical, categories: ["0", "1"]),
    ColumnSchema(name: "stage", kind: .ordinal, categories: stages),
    ColumnSchema(name: "site", kind: .categorical, categories: ["1", "2", "3", "4", "5"]),
    ColumnSchema(name: "edss", kind: .numeric),
  ])

  /// `count` rows of the registry, every cell but the identifier missing with probability
  /// `missingRate`. `file` names the table in messages.
  /// - Precondition: `count` in 1 … 999 999 and `missingRate` in [0, 1].
  public static func sample(
    count: Int, seed: UInt64, missingRate: Double = 0.05, file: String = "registry-real.csv"
  ) -> RawTable {
    precondition((1...999_999).contains(count), "count must be in 1 … 999 999")
    precondition(missingRate >= 0 && missingRate <= 1, "missingRate must be in [0, 1]")
    var rowStream = SeededGenerator.stream(0, of: seed)
    var idStream = SeededGenerator.stream(1, of: seed)
    var maskStream = SeededGenerator.stream(2, of: seed)
    var columns = cells(of: patients(count: count, using: &rowStream))
    blank(&columns, rate: missingRate, using: &maskStream)
    return table(
      file: file, identifiers: identifiers(count: count, using: &idStream), columns: columns)
  }

  /// Draws a real registry of `count` rows and the synthetic registry of `failure` (also `count`
  /// rows); `missingRate` is the rate of both (except under `.missingInflation`).
  /// - Throws: `PointCloudError.invalidParameter` for a parameter out of range, a `count` outside
  ///   1 … 999 999 or a `missingRate` outside [0, 1].
  public static func pair(
    count: Int, seed: UInt64, missingRate: Double = 0.05, failure: TableFailure
  ) throws -> RegistryPair {
    guard (1...999_999).contains(count) else {
      throw PointCloudError.invalidParameter(
        name: "count", value: "\(count)", allowed: "in 1 … 999999")
    }
    guard missingRate >= 0 && missingRate <= 1 else {
      throw PointCloudError.invalidParameter(
        name: "missingRate", value: "\(missingRate)", allowed: "in [0, 1]")
    }
    try failure.validate()
    let real = sample(count: count, seed: seed, missingRate: missingRate)
    var rowStream = SeededGenerator.stream(3, of: seed)
    var idStream = SeededGenerator.stream(4, of: seed)
    var maskStream = SeededGenerator.stream(5, of: seed)
    let drawn = patients(
      count: count, collapsed: failure == .modeCollapse,
      droppingStageIV: failure == .rareCategoryDropped, using: &rowStream)
    var labShift = 0.0
    var rate = missingRate
    switch failure {
    case .shiftedLabs(let sigma): labShift = sigma
    case .missingInflation(let inflated): rate = inflated
    default: break
    }
    var columns = cells(of: drawn, labShift: labShift)
    blank(&columns, rate: rate, using: &maskStream)
    var copiedRows = [Int?](repeating: nil, count: count)
    switch failure {
    case .brokenCorrelations:
      var shuffleStream = SeededGenerator.stream(6, of: seed)
      for name in numericColumns {
        let c = columnNames.firstIndex(of: name)! - 1
        shuffle(&columns[c], using: &shuffleStream)
      }
    case .memorisation(let fraction):
      var copyStream = SeededGenerator.stream(7, of: seed)
      let copies = Int((fraction * Double(count)).rounded())
      let sources = ControlledFailures.distinctIndices(copies, below: count, using: &copyStream)
      for (row, source) in sources.enumerated() {
        for c in columns.indices { columns[c][row] = real.cells[c + 1][source] }
        copiedRows[row] = source
      }
    default:
      break
    }
    let synthetic = table(
      file: "registry-synth.csv", identifiers: identifiers(count: count, using: &idStream),
      columns: columns)
    return RegistryPair(failure: failure, real: real, synthetic: synthetic, copiedRows: copiedRows)
  }

  // MARK: - Rows

  /// One patient before formatting.
  struct Patient {
    var age: Int
    var male: Bool
    var bmi: Double
    var systolic: Double
    var cholesterol: Double
    var hba1c: Double
    /// 0 never, 1 former, 2 current.
    var smoking: Int
    var diabetes: Bool
    /// 0 … 3: I … IV.
    var stage: Int
    /// 1 … 5.
    var site: Int
    var edss: Double
  }

  /// `count` patients; `collapsed` makes every one a woman who never smoked (the draws are
  /// unchanged, only overridden), `droppingStageIV` redraws every stage-IV patient.
  static func patients(
    count: Int, collapsed: Bool = false, droppingStageIV: Bool = false,
    using random: inout SeededGenerator
  ) -> [Patient] {
    var patients: [Patient] = []
    patients.reserveCapacity(count)
    while patients.count < count {
      let patient = patient(collapsed: collapsed, using: &random)
      if droppingStageIV && patient.stage == 3 { continue }
      patients.append(patient)
    }
    return patients
  }

  /// One patient, its draws in a fixed order: sex, smoking, the latent age (redrawn until the age
  /// is in 18 … 90), bmi, systolic pressure, cholesterol, HbA1c, diabetes, stage, EDSS, site.
  static func patient(collapsed: Bool, using random: inout SeededGenerator) -> Patient {
    let male = random.nextUniform() >= 0.52 && !collapsed
    let u = random.nextUniform()
    let smoking = collapsed ? 0 : u < 0.55 ? 0 : u < 0.80 ? 1 : 2
    var zAge = 0.0
    var age = 0
    repeat {
      zAge = random.nextGaussian()
      age = Int((54 + 16 * zAge).rounded())
    } while !(18...90).contains(age)
    // A lower-triangular (Cholesky) mix of independent deviates: each latent is standard normal.
    let zBMI = 0.35 * zAge + (1 - 0.35 * 0.35).squareRoot() * random.nextGaussian()
    let zPressure = 0.45 * zAge + 0.30 * zBMI + 0.6130.squareRoot() * random.nextGaussian()
    let zCholesterol = 0.25 * zAge + (1 - 0.25 * 0.25).squareRoot() * random.nextGaussian()
    let zGlucose = 0.5 * zBMI + 0.15 * zAge + 0.675.squareRoot() * random.nextGaussian()
    let bmi = clamp(27.5 + 5 * zBMI + (male ? 0.6 : 0), 16, 55)
    let systolic = clamp(
      126 + 17 * zPressure + (male ? 4 : 0) + (smoking == 2 ? 3 : 0), 85, 220)
    let cholesterol = clamp(5.2 + 1.0 * zCholesterol, 2.5, 10)
    let hba1c = clamp(5.6 + 0.7 * zGlucose, 4, 14)
    let diabetes = random.nextUniform() < 1 / (1 + exp(-(hba1c - 6.5) / 0.2))
    let zStage = 0.4 * zAge + 0.84.squareRoot() * random.nextGaussian()
    let stage = zStage < -0.253347 ? 0 : zStage < 0.524401 ? 1 : zStage < 1.405072 ? 2 : 3
    let edss = clamp(((1 + 1.2 * Double(stage) + random.nextGaussian()) * 2).rounded() / 2, 0, 9.5)
    let s = random.nextUniform()
    let site = s < 0.30 ? 1 : s < 0.55 ? 2 : s < 0.75 ? 3 : s < 0.90 ? 4 : 5
    return Patient(
      age: age, male: male, bmi: bmi, systolic: systolic, cholesterol: cholesterol, hba1c: hba1c,
      smoking: smoking, diabetes: diabetes, stage: stage, site: site, edss: edss)
  }

  static func clamp(_ value: Double, _ low: Double, _ high: Double) -> Double {
    min(max(value, low), high)
  }

  // MARK: - Cells

  /// The cells of every column but the identifier (`cells[column][row]`), the labs moved by
  /// `labShift` of their scales (see ``labScales``) before rounding.
  static func cells(of patients: [Patient], labShift: Double = 0) -> [[String]] {
    var columns = [[String]](repeating: [], count: columnNames.count - 1)
    for c in columns.indices { columns[c].reserveCapacity(patients.count) }
    let smokingLabels = ["never", "former", "current"]
    for p in patients {
      columns[0].append("\(p.age)")
      columns[1].append(p.male ? "M" : "F")
      columns[2].append(decimal(p.bmi, places: 1))
      columns[3].append(decimal(p.systolic + labShift * labScales["systolic_bp"]!, places: 0))
      columns[4].append(decimal(p.cholesterol + labShift * labScales["cholesterol"]!, places: 1))
      columns[5].append(decimal(p.hba1c + labShift * labScales["hba1c"]!, places: 1))
      columns[6].append(smokingLabels[p.smoking])
      columns[7].append(p.diabetes ? "1" : "0")
      columns[8].append(stages[p.stage])
      columns[9].append("\(p.site)")
      columns[10].append(decimal(p.edss, places: 1))
    }
    return columns
  }

  /// `value` rounded to `places` (0 … 3) decimals, ties away from zero, in plain notation
  /// (`27.0`, `-0.5`, `131`).
  static func decimal(_ value: Double, places: Int) -> String {
    var unit = 1
    for _ in 0..<places { unit *= 10 }
    let scaled = Int((value * Double(unit)).rounded())
    guard places > 0 else { return "\(scaled)" }
    let magnitude = scaled.magnitude
    let fraction = String(magnitude % UInt(unit))
    return (scaled < 0 ? "-" : "") + "\(magnitude / UInt(unit))."
      + String(repeating: "0", count: places - fraction.count) + fraction
  }

  /// Empties each cell with probability `rate`, drawing one uniform per cell, row by row.
  static func blank(_ columns: inout [[String]], rate: Double, using random: inout SeededGenerator)
  {
    guard let rows = columns.first?.count else { return }
    for row in 0..<rows {
      for c in columns.indices where random.nextUniform() < rate { columns[c][row] = "" }
    }
  }

  /// `count` distinct identifiers `P000001` … `P999999`, uniformly at random, in the order drawn.
  static func identifiers(count: Int, using random: inout SeededGenerator) -> [String] {
    var seen = Set<Int>()
    var identifiers: [String] = []
    identifiers.reserveCapacity(count)
    while identifiers.count < count {
      let number = 1 + random.nextInt(below: 999_999)
      guard seen.insert(number).inserted else { continue }
      let digits = String(number)
      identifiers.append("P" + String(repeating: "0", count: 6 - digits.count) + digits)
    }
    return identifiers
  }

  /// A Fisher–Yates shuffle on ``SeededGenerator/nextInt(below:)`` (the standard library's
  /// `shuffle(using:)` does not promise the same permutation on every Swift version).
  static func shuffle(_ values: inout [String], using random: inout SeededGenerator) {
    guard values.count > 1 else { return }
    for i in stride(from: values.count - 1, to: 0, by: -1) {
      values.swapAt(i, random.nextInt(below: i + 1))
    }
  }

  /// The table of `identifiers` and `columns`, rows on file lines 2, 3, … (after the header).
  static func table(file: String, identifiers: [String], columns: [[String]]) -> RawTable {
    RawTable(
      file: file, names: columnNames, cells: [identifiers] + columns,
      lines: Array(2..<(identifiers.count + 2)))
  }
}
