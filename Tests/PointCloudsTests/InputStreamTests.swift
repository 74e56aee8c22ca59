import Foundation
import PointClouds
import Testing

/// Point clouds read from streams (FIFOs, character devices) and in other encodings.
@Suite("Point clouds read from streams and odd encodings")
struct InputStreamTests {
  private func temporaryPath(_ name: String) -> String {
    FileManager.default.temporaryDirectory
      .appendingPathComponent("tda-eval-stream-\(UUID().uuidString)-\(name)").path
  }

  @Test("a FIFO is read to its end")
  func fifo() throws {
    let path = temporaryPath("points.csv")
    #expect(mkfifo(path, 0o600) == 0)
    defer { try? FileManager.default.removeItem(atPath: path) }
    let writer = Thread {
      if let handle = FileHandle(forWritingAtPath: path) {
        handle.write(Data("0,0\n1,0\n0,1\n".utf8))
        try? handle.close()
      }
    }
    writer.start()
    let cloud = try PointCloud.read(contentsOf: path)
    #expect(cloud.count == 3)
    #expect(cloud.coordinates == [0, 0, 1, 0, 0, 1])
  }

  @Test("/dev/null is an empty file, not an unreadable one")
  func devNull() throws {
    #expect(try InputFile.read("/dev/null") == [])
    #expect(throws: PointCloudError.empty(file: "/dev/null")) {
      try PointCloud.read(contentsOf: "/dev/null")
    }
  }

  @Test("missing files and directories are named")
  func missing() throws {
    #expect(throws: PointCloudError.unreadable(file: "/no/such/file.csv", reason: "no such file")) {
      try InputFile.read("/no/such/file.csv")
    }
    #expect(throws: PointCloudError.unreadable(file: "/tmp", reason: "a directory")) {
      try InputFile.read("/tmp")
    }
    #expect(InputFile.name("-") == "<stdin>")
    #expect(inputName("-") == "<stdin>")
    #expect(inputName("a.csv") == "a.csv")
  }

  @Test("a UTF-8 byte-order mark is skipped")
  func byteOrderMark() throws {
    let cloud = try PointCloud.parse(
      csv: [0xEF, 0xBB, 0xBF] + Array("x,y\n1,2\n3,4\n".utf8), file: "bom.csv")
    #expect(cloud.columnNames == ["x", "y"])
    #expect(cloud.coordinates == [1, 2, 3, 4])
    let bare = try PointCloud.parse(csv: [0xEF, 0xBB, 0xBF] + Array("1,2\n".utf8), file: "bom.csv")
    #expect(bare.coordinates == [1, 2])
  }

  @Test("UTF-16 text is refused with one message and no NUL bytes")
  func utf16() throws {
    let text = "1,2\n3,4\n"
    let little: [UInt8] = [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
    let noMark: [UInt8] = text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
    for bytes in [little, noMark] {
      do {
        _ = try PointCloud.parse(csv: bytes, file: "wide.csv")
        Issue.record("UTF-16 text was accepted")
      } catch {
        let message = "\(error)"
        #expect(message.hasPrefix("wide.csv: cannot read the file"))
        #expect(message.contains("UTF-16"))
        #expect(!message.contains("\0"))
        #expect(!message.contains("\n"))
      }
    }
  }
}
