/// The version of tda-eval, defined here only: `tda-eval --version` prints it, and the Python
/// package's build (`python/setup.py`) reads it from this file. `CHANGELOG.md` lists what each
/// version holds.
public enum TDAEvalVersion {
  /// The version, as semantic versioning `MAJOR.MINOR.PATCH`.
  public static let current = "0.2.0"
}
