// swift-tools-version: 6.1
//
// libFuzzer targets for tda-eval's readers, in their own package so that the main package's
// `swift build` and `swift test` never build them. Each target defines
// `LLVMFuzzerTestOneInput` and no `main`: libFuzzer's driver is linked in by
// `-sanitize=fuzzer`. Build and run them with `Scripts/fuzz.sh` (see docs/fuzzing.md).
import PackageDescription

let asLibrary: [SwiftSetting] = [.unsafeFlags(["-parse-as-library"])]

let package = Package(
  name: "tda-eval-fuzz",
  dependencies: [.package(name: "tda-eval", path: "..")],
  targets: [
    /// Helpers shared by the targets: the option byte, the expected-error check.
    .target(name: "FuzzSupport", dependencies: [.product(name: "TDAEval", package: "tda-eval")]),
    /// `PointCloud.parse(csv:)`, every delimiter, with and without a column selection.
    .executableTarget(
      name: "FuzzPointCloudCSV", dependencies: ["FuzzSupport"], swiftSettings: asLibrary),
    /// `RawTable.parse`, `TableSchema.infer`, `Table.encode` and Gower nearest neighbours.
    .executableTarget(name: "FuzzTable", dependencies: ["FuzzSupport"], swiftSettings: asLibrary),
    /// `PersistenceDiagram.parse(bytes:)` and the distances between the diagram and itself.
    .executableTarget(name: "FuzzDiagram", dependencies: ["FuzzSupport"], swiftSettings: asLibrary),
    /// Every `RipserInputFormat`, then Vietoris–Rips persistence on small inputs.
    .executableTarget(
      name: "FuzzRipserFormats", dependencies: ["FuzzSupport"], swiftSettings: asLibrary),
  ]
)
