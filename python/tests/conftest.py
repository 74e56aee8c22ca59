import json
import os
import subprocess
from pathlib import Path

import pytest

REPOSITORY = Path(__file__).resolve().parents[2]
EXAMPLES = REPOSITORY / "Notebooks-data" / "examples"


def cli_path():
    """The tda-eval binary to compare with: $TDA_EVAL_CLI, else the release build, else None."""
    candidate = os.environ.get("TDA_EVAL_CLI") or str(REPOSITORY / ".build" / "release" / "tda-eval")
    return candidate if Path(candidate).is_file() and os.access(candidate, os.X_OK) else None


@pytest.fixture
def cli():
    """Runs `tda-eval ARGS --json` and returns the parsed JSON (skips when no binary is built)."""
    binary = cli_path()
    if binary is None:
        if os.environ.get("TDA_EVAL_REQUIRE_CLI") == "1":
            pytest.fail("TDA_EVAL_REQUIRE_CLI=1 but no tda-eval binary (set TDA_EVAL_CLI)")
        pytest.skip("no tda-eval binary (build it with swift build -c release --product tda-eval, or set TDA_EVAL_CLI)")

    def run(*args):
        completed = subprocess.run(
            [binary, *map(str, args), "--json"], capture_output=True, text=True, cwd=REPOSITORY
        )
        assert completed.returncode == 0, completed.stderr
        return json.loads(completed.stdout)

    return run


@pytest.fixture
def examples():
    assert EXAMPLES.is_dir(), EXAMPLES
    return EXAMPLES
