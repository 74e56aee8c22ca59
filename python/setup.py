"""Builds the Swift library (`swift build -c release --product CTDAEval`) and ships it inside
the `tda_eval` package. Everything else is in pyproject.toml.

Environment variables:
  TDA_EVAL_SOURCE_DIR      the Swift package (default: the folder above this one)
  TDA_EVAL_SCRATCH_PATH    swift build's --scratch-path (default: the package's .build)
  TDA_EVAL_PREBUILT_LIBRARY  an already built libCTDAEval to copy instead of building
"""
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py
from setuptools.dist import Distribution

HERE = Path(__file__).resolve().parent
LIBRARY = "libCTDAEval.dylib" if sys.platform == "darwin" else "libCTDAEval.so"


def swift_package() -> Path:
    candidates = [os.environ.get("TDA_EVAL_SOURCE_DIR"), HERE.parent]
    for candidate in candidates:
        if candidate and (Path(candidate) / "Package.swift").is_file():
            return Path(candidate).resolve()
    raise RuntimeError(
        "tda-eval: cannot find the Swift package (Package.swift) above "
        f"{HERE}; set TDA_EVAL_SOURCE_DIR to the repository root"
    )


def version() -> str:
    """The version defined once, in the Swift library (`TDAEvalVersion.current`)."""
    source = (swift_package() / "Sources" / "TDAEval" / "Version.swift").read_text()
    match = re.search(r'static let current = "([^"]+)"', source)
    if match is None:
        raise RuntimeError("tda-eval: no version in Sources/TDAEval/Version.swift")
    return match.group(1)


def build_library() -> Path:
    prebuilt = os.environ.get("TDA_EVAL_PREBUILT_LIBRARY")
    if prebuilt:
        return Path(prebuilt)
    root = swift_package()
    command = ["swift", "build", "-c", "release", "--product", "CTDAEval"]
    scratch = os.environ.get("TDA_EVAL_SCRATCH_PATH")
    if scratch:
        command += ["--scratch-path", scratch]
    print("tda-eval: " + " ".join(command) + f"  (in {root})", flush=True)
    try:
        subprocess.run(command, cwd=root, check=True)
        binary = subprocess.run(
            command + ["--show-bin-path"], cwd=root, check=True, capture_output=True, text=True
        ).stdout.strip()
    except FileNotFoundError:
        raise RuntimeError("tda-eval: 'swift' is not on PATH (Swift 6.1 or later is needed)")
    path = Path(binary) / LIBRARY
    if not path.is_file():
        raise RuntimeError(f"tda-eval: the build did not produce {path}")
    return path


class BuildWithSwift(build_py):
    def run(self):
        super().run()
        library = build_library()
        target = Path(self.build_lib) / "tda_eval" / LIBRARY
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(library, target)


class BinaryDistribution(Distribution):
    """The wheel holds a native library: platform-specific, never 'pure'."""

    def has_ext_modules(self):
        return True


setup(version=version(), cmdclass={"build_py": BuildWithSwift}, distclass=BinaryDistribution)
