import Foundation

/// A JSON value as read, for manifests and results: numbers keep a textual form (integers
/// exactly, others in Swift's shortest round-trip form).
enum JSONValue: Sendable, Equatable, Decodable {
  case null
  case bool(Bool)
  case number(String)
  case string(String)
  case array([JSONValue])
  case object([String: JSONValue])

  init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    if container.decodeNil() {
      self = .null
    } else if let value = try? container.decode(Bool.self) {
      self = .bool(value)
    } else if let value = try? container.decode(Int64.self) {
      self = .number("\(value)")
    } else if let value = try? container.decode(UInt64.self) {
      self = .number("\(value)")
    } else if let value = try? container.decode(Double.self) {
      self = .number("\(value)")
    } else if let value = try? container.decode(String.self) {
      self = .string(value)
    } else if let value = try? container.decode([JSONValue].self) {
      self = .array(value)
    } else {
      self = .object(try container.decode([String: JSONValue].self))
    }
  }

  /// Parses one JSON text.
  /// - Throws: ``SweepError`` with a one-line reason.
  static func parse(_ data: Data) throws -> JSONValue {
    do {
      return try JSONDecoder().decode(JSONValue.self, from: data)
    } catch DecodingError.dataCorrupted {
      // JSONSerialization says where the text goes wrong.
      var reason = "it cannot be parsed"
      do {
        _ = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
      } catch {
        if let detail = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String {
          reason = detail.hasSuffix(".") ? String(detail.dropLast()) : detail
        }
      }
      throw SweepError(oneLine(reason))
    } catch {
      throw SweepError(oneLine("\(error)"))
    }
  }

  /// What kind of value this is, for messages.
  var kind: String {
    switch self {
    case .null: "null"
    case .bool: "true/false"
    case .number: "a number"
    case .string: "a string"
    case .array: "a list"
    case .object: "an object"
    }
  }
}

/// `text` on one line: line breaks become spaces.
func oneLine(_ text: String) -> String {
  text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
    .joined(separator: " ")
}
