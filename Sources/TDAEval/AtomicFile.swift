import Foundation
import PointClouds
import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Writes files so that a reader never sees a half-written one: the bytes go to a hidden
/// temporary file in the same directory, are flushed to disk, and the file is then renamed over
/// the destination (`rename(2)` is atomic within one file system). After a kill at any moment the
/// destination holds either its old contents or the new ones; at worst a hidden
/// `.NAME.tmp-…` file is left behind — unless the process ends through
/// ``removeTemporaryFiles()`` (the CLI's Ctrl-C handler), which deletes the ones being written.
public enum AtomicFile {
  /// The temporary files being written now, by any thread.
  private static let inFlight = Mutex<Set<String>>([])

  /// Deletes the temporary files being written now, so that an interrupted process leaves neither
  /// a partial destination nor a hidden temporary file. Safe to call from any thread.
  public static func removeTemporaryFiles() {
    inFlight.withLock { paths in
      for path in paths { unlink(path) }
      paths.removeAll()
    }
  }

  /// Writes `data` to `url`, replacing any file there.
  /// - Throws: ``AtomicFileError`` naming the path and the system's reason.
  public static func write(_ data: Data, to url: URL) throws {
    let directory = url.deletingLastPathComponent()
    let temporary = directory.appendingPathComponent(
      ".\(url.lastPathComponent).tmp-\(getpid())-\(UUID().uuidString.prefix(8))")
    let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else { throw AtomicFileError(path: url.path, errno: errno) }
    inFlight.withLock { _ = $0.insert(temporary.path) }
    defer { inFlight.withLock { _ = $0.remove(temporary.path) } }
    var failure: Int32? = nil
    data.withUnsafeBytes { buffer in
      var offset = 0
      while offset < buffer.count {
        let written = systemWrite(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
        if written < 0 {
          if errno == EINTR { continue }
          failure = errno
          return
        }
        offset += written
      }
    }
    if failure == nil, fsync(descriptor) != 0 { failure = errno }
    close(descriptor)
    if failure == nil, rename(temporary.path, url.path) != 0 { failure = errno }
    if let failure {
      unlink(temporary.path)
      throw AtomicFileError(path: url.path, errno: failure)
    }
  }

  /// Writes `text` as UTF-8 to `url`, replacing any file there.
  public static func write(_ text: String, to url: URL) throws {
    try write(Data(text.utf8), to: url)
  }
}

#if canImport(Glibc)
  private let systemWrite = Glibc.write
#else
  private let systemWrite = Darwin.write
#endif

/// A file that could not be written, with the system's reason.
public struct AtomicFileError: LocalizedTDAEvalError {
  public var path: String
  public var errno: Int32

  public var description: String {
    "cannot write '\(path)': \(String(cString: strerror(errno)))"
  }
}
