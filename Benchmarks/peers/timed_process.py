"""One timed child process for the peer scripts: wall time from the parent, peak RSS from
`/usr/bin/time -v`, and a timeout that kills the whole child session (not only /usr/bin/time)."""
import os
import re
import signal
import subprocess
import time


def peak_rss_mib(stderr):
    """The `Maximum resident set size` that `/usr/bin/time -v` printed, in MiB (NaN if absent)."""
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", stderr)
    return int(m.group(1)) / 1024 if m else float("nan")


def run_timed(cmd, timeout, what):
    """Runs `cmd` under `/usr/bin/time -v` in a session of its own; returns (stdout, wall seconds,
    peak RSS MiB). Raises subprocess.TimeoutExpired after killing the session, and RuntimeError
    naming `what` when the command fails."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(["/usr/bin/time", "-v"] + cmd, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        stdout, stderr = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        raise
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        raise RuntimeError(f"{what} failed: {stderr[-500:]}")
    return stdout, wall, peak_rss_mib(stderr)
