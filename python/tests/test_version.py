import subprocess

import pytest

import tda_eval
from conftest import cli_path


def test_version_is_the_one_the_cli_prints():
    binary = cli_path()
    if binary is None:
        pytest.skip("no tda-eval binary")
    printed = subprocess.run([binary, "--version"], capture_output=True, text=True, check=True)
    assert tda_eval.__version__ == printed.stdout.strip()
