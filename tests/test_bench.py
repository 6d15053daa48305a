"""The benchmark's own figures: what it reports must belong to what it measures."""

import subprocess
import sys

from chuangcheng import ROOT

PARENT = """
import subprocess, sys
held = bytearray(400 * 1024 * 1024)  # touched below, so it is resident: the parent holds 400 MB
held[::4096] = b"x" * len(held[::4096])
child = "from chuangcheng.dev.bench import peak_mb; print(peak_mb())"
print(subprocess.run([sys.executable, "-c", child], capture_output=True, text=True, check=True).stdout)
"""


def test_a_side_started_by_a_big_process_reports_its_own_peak_memory():
    """A national bench that had just generated its data (3.2 GB) reported the server's pages at 3,282 MB: Linux
    carries ru_maxrss over exec, so every side it started inherited the parent's peak."""
    done = subprocess.run([sys.executable, "-c", PARENT], cwd=ROOT, capture_output=True, text=True, check=True)
    assert 5 < float(done.stdout) < 200
