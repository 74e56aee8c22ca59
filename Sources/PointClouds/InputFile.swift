import Foundation

/// Reading an input file as a stream of bytes: regular files, pipes, FIFOs, process substitution
/// (`<(…)`, i.e. `/dev/fd/N`), character devices such as `/dev/null` (empty), and `-` for
/// standard input. `FileHandle.readToEnd()` reads until end of file instead of trusting a size
/// from `stat` (which is 0 for a pipe), so all of these work alike.
package enum InputFile {
  /// The name of input `path` in messages: `<stdin>` for `-`.
  package static func name(_ path: String) -> String { path == "-" ? "<stdin>" : path }

  /// Every byte of input `path` (`-` reads standard input); `name` is used in messages.
  /// - Throws: ``PointCloudError/unreadable(file:reason:)`` — no such file, a directory, not
  ///   readable (permissions), or the read failed.
  package static func read(_ path: String, name: String? = nil) throws -> [UInt8] {
    let name = name ?? Self.name(path)
    let handle: FileHandle
    if path == "-" {
      handle = FileHandle.standardInput
    } else {
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
        throw PointCloudError.unreadable(file: name, reason: "no such file")
      }
      if isDirectory.boolValue {
        throw PointCloudError.unreadable(file: name, reason: "a directory")
      }
      guard let opened = FileHandle(forReadingAtPath: path) else {
        throw PointCloudError.unreadable(file: name, reason: "not readable")
      }
      handle = opened
    }
    defer { if path != "-" { try? handle.close() } }
    do {
      return [UInt8](try handle.readToEnd() ?? Data())
    } catch {
      throw PointCloudError.unreadable(file: name, reason: "read failed")
    }
  }
}

/// The name of input `path` in messages: `<stdin>` for `-` (``InputFile/name(_:)``).
package func inputName(_ path: String) -> String { InputFile.name(path) }

/// Every byte of input `path`, read as a stream (so pipes, FIFOs and `-` for standard input work).
/// - Throws: ``PointCloudError/unreadable(file:reason:)``.
package func readInput(_ path: String) throws -> [UInt8] { try InputFile.read(path) }
