"""Drive load with wrk (Debian package ``wrk``) and read its results."""

import json
import os
import shutil
import subprocess
from pathlib import Path

from bench.scenarios import Measurement

SCRIPTS = Path(__file__).resolve().parent / "wrk"
PATHS_SCRIPT = SCRIPTS / "paths.lua"  # GET the paths in turn
ASK_SCRIPT = SCRIPTS / "ask.lua"  # POST the question form, a new question each time
OVERSIZED_SCRIPT = SCRIPTS / "oversized.lua"  # POST a question of megabytes (answered 413)
RESULT_PREFIX = "BENCH_RESULT "


class LoadToolMissing(RuntimeError):
    pass


def ensure_wrk():
    """The path of ``wrk``, installed from Debian's packages when missing and we are root."""
    if path := shutil.which("wrk"):
        return path
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        raise LoadToolMissing("wrk is not installed: run `sudo apt-get install wrk` and try again.")
    print("Installing wrk from Debian's packages…")
    quiet = {
        "stdout": subprocess.DEVNULL,
        "env": {**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
    }
    if subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], **quiet).returncode != 0:
        subprocess.run(["apt-get", "update", "-qq"], check=True, **quiet)
        subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True, **quiet)
    return shutil.which("wrk")


def ensure_varnish():
    """True when ``varnishd`` is there, installed from Debian's packages if missing and root."""
    if shutil.which("varnishd") or os.path.exists("/usr/sbin/varnishd"):
        return True
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        return False
    print("Installing varnish from Debian's packages (its service is not started)…")
    quiet = {
        "stdout": subprocess.DEVNULL,
        "env": {**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
    }
    if subprocess.run(["apt-get", "install", "-y", "-qq", "varnish"], **quiet).returncode != 0:
        subprocess.run(["apt-get", "update", "-qq"], **quiet)
        subprocess.run(["apt-get", "install", "-y", "-qq", "varnish"], **quiet)
    return os.path.exists("/usr/sbin/varnishd")


def run_wrk(
    base_url, arguments, *, seconds, connections, headers=(), wrk="wrk", script=PATHS_SCRIPT
):
    """
    Load for ``seconds`` over ``connections`` keep-alive connections.

    ``arguments`` go to the wrk script: the paths to GET in turn for the
    default script, the form to post for ``ASK_SCRIPT``.
    """
    command = [
        wrk,
        "--threads=1",
        f"--connections={connections}",
        f"--duration={seconds}s",
        "--timeout=30s",
        f"--script={script}",
    ]
    for header in headers:
        command += ["--header", header]
    command += [base_url, "--", *arguments]
    result = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60)
    return parse_wrk_output(result.stdout, result.stderr)


def parse_wrk_output(stdout, stderr=""):
    """The ``Measurement`` in the line our wrk script prints at the end."""
    for line in stdout.splitlines():
        if line.startswith(RESULT_PREFIX):
            data = json.loads(line[len(RESULT_PREFIX) :])
            latency = data["latency_us"]
            return Measurement(
                requests=data["requests"],
                seconds=data["duration_us"] / 1e6,
                p50=latency["p50"] / 1000,
                p95=latency["p95"] / 1000,
                p99=latency["p99"] / 1000,
                max=latency["max"] / 1000,
                errors=sum(data["errors"].values()),
            )
    raise RuntimeError(f"wrk printed no result:\n{stdout}\n{stderr}")
