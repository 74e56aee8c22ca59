import Foundation
import TDAEval

/// The options of one call: a JSON object whose keys are the CLI's long options in snake_case.
/// `null` means "not given" (the CLI's default).
/// One JSON value of the options (decoded strictly: `true` is never a number, `1` never a flag).
enum OptionValue: Decodable, CustomStringConvertible {
  case bool(Bool)
  case integer(Int64)
  case unsigned(UInt64)
  case number(Double)
  case string(String)
  case list([OptionValue])
  case null
  case other

  init(from decoder: any Decoder) throws {
    if let container = try? decoder.singleValueContainer() {
      if container.decodeNil() { self = .null; return }
      if let value = try? container.decode(Bool.self) { self = .bool(value); return }
      if let value = try? container.decode(Int64.self) { self = .integer(value); return }
      if let value = try? container.decode(UInt64.self) { self = .unsigned(value); return }
      if let value = try? container.decode(Double.self) { self = .number(value); return }
      if let value = try? container.decode(String.self) { self = .string(value); return }
    }
    if var container = try? decoder.unkeyedContainer() {
      var items: [OptionValue] = []
      while !container.isAtEnd { items.append(try container.decode(OptionValue.self)) }
      self = .list(items)
      return
    }
    self = .other
  }

  var description: String {
    switch self {
    case .bool(let value): "\(value)"
    case .integer(let value): "\(value)"
    case .unsigned(let value): "\(value)"
    case .number(let value): "\(value)"
    case .string(let value): "'\(value)'"
    case .list(let items): "[" + items.map(\.description).joined(separator: ", ") + "]"
    case .null: "null"
    case .other: "an object"
    }
  }
}

struct Options {
  private var values: [String: OptionValue]

  init(_ text: UnsafePointer<CChar>?) throws {
    guard let text, strlen(text) > 0 else {
      values = [:]
      return
    }
    let data = Data(bytes: text, count: strlen(text))
    guard let dictionary = try? JSONDecoder().decode([String: OptionValue].self, from: data) else {
      throw BadInput("options: not a JSON object")
    }
    values = dictionary.filter { if case .null = $0.value { false } else { true } }
  }

  /// Refuses keys outside `allowed` (a misspelt option must not be ignored silently).
  func check(allowed: Set<String>, command: String) throws {
    if let unknown = values.keys.sorted().first(where: { !allowed.contains($0) }) {
      throw BadInput(
        "\(command): unknown option '\(unknown)'; allowed: \(allowed.sorted().joined(separator: ", "))"
      )
    }
  }

  func has(_ key: String) -> Bool { values[key] != nil }

  func bool(_ key: String) throws -> Bool? {
    guard let value = values[key] else { return nil }
    if case .bool(let flag) = value { return flag }
    throw BadInput("--\(flagName(key)) must be true or false, got \(value)")
  }

  func double(_ key: String) throws -> Double? {
    guard let value = values[key] else { return nil }
    switch value {
    case .integer(let number): return Double(number)
    case .unsigned(let number): return Double(number)
    case .number(let number): return number
    case .string(let text):
      switch text.lowercased() {
      case "inf", "infinity", "+inf": return .infinity
      case "-inf", "-infinity": return -.infinity
      default: if let number = Double(text) { return number }
      }
    default: break
    }
    throw BadInput("--\(flagName(key)) must be a number, got \(value)")
  }

  func int(_ key: String) throws -> Int? {
    guard let value = values[key] else { return nil }
    switch value {
    case .integer(let number): return Int(number)
    case .number(let number) where number.rounded() == number && abs(number) < 0x1p62:
      return Int(number)
    default: throw BadInput("--\(flagName(key)) must be an integer, got \(value)")
    }
  }

  func uint64(_ key: String) throws -> UInt64? {
    guard let value = values[key] else { return nil }
    switch value {
    case .integer(let number) where number >= 0: return UInt64(number)
    case .unsigned(let number): return number
    default: throw BadInput("--\(flagName(key)) must be an integer ≥ 0, got \(value)")
    }
  }

  /// A string; numbers are accepted and written in the CLI's argument form.
  func string(_ key: String) throws -> String? {
    guard let value = values[key] else { return nil }
    switch value {
    case .string(let text): return text
    case .integer(let number): return "\(number)"
    case .unsigned(let number): return "\(number)"
    case .number(let number): return "\(number)"
    default: throw BadInput("--\(flagName(key)) must be a string, got \(value)")
    }
  }

  /// A list of names (or one comma-separated string).
  func strings(_ key: String) throws -> [String]? {
    guard let value = values[key] else { return nil }
    if case .list(let items) = value {
      return try items.map {
        switch $0 {
        case .string(let text): return text
        case .integer(let number): return "\(number)"
        default: throw BadInput("--\(flagName(key)) must be a list of names, got \(value)")
        }
      }
    }
    return try string(key)!.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
      .filter { !$0.isEmpty }
  }

  /// A list as the CLI takes it: comma-joined.
  func commaList(_ key: String) throws -> String? {
    guard let value = values[key] else { return nil }
    if case .list = value { return try strings(key)!.joined(separator: ",") }
    return try string(key)
  }

  /// One of the named values of `Value`, refused with the list of names as the CLI's options are.
  func named<Value: RawRepresentable & CaseIterable>(_ key: String, _: Value.Type) throws -> Value?
  where Value.RawValue == String {
    guard let name = try string(key) else { return nil }
    guard let value = Value(rawValue: name) else {
      let names = Value.allCases.map(\.rawValue)
      throw BadInput(
        "--\(flagName(key)) must be \(names.dropLast().joined(separator: ", ")) or "
          + "\(names.last!), got '\(name)'")
    }
    return value
  }

  private func flagName(_ key: String) -> String { key.replacingOccurrences(of: "_", with: "-") }
}
