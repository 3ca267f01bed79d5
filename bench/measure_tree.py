#!/usr/bin/env python3
"""
Runs one command the way a user starts it and measures the whole process tree (bench/versus.ts):
wall time from spawn to the command's exit, CPU time (user + system) of every process it started,
Chromium included, and the time each line of its output appeared.

The runner is a child subreaper (prctl PR_SET_CHILD_SUBREAPER), so a process the command leaves
behind is re-parented here instead of to init: it is waited for (its CPU time counts), counted as
left over, and SIGKILLed after LEFTOVER_GRACE_S.

Usage: measure_tree.py SPEC_JSON  with {"cmd": [...], "cwd": DIR, "timeoutS": N}
Prints one JSON line: {"exitCode", "wallMs", "cpuMs", "leftover", "lines": [[ms, text], ...]}.
"""
import ctypes
import json
import os
import resource
import signal
import subprocess
import sys
import threading
import time

PR_SET_CHILD_SUBREAPER = 36
# A process still running this long after the command exited was left behind.
LEFTOVER_GRACE_S = 2.0
# Output kept per run: the bench reads a few progress lines, not a flood.
MAX_LINES = 2_000


def ms_since(start: float) -> float:
    return round((time.monotonic() - start) * 1000, 1)


def main() -> None:
    spec = json.loads(sys.argv[1])
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
    started = time.monotonic()
    child = subprocess.Popen(
        spec["cmd"], cwd=spec["cwd"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL
    )
    lines: list = []

    def read() -> None:
        assert child.stdout is not None
        for raw in child.stdout:
            if len(lines) < MAX_LINES:
                lines.append([ms_since(started), raw.decode("utf-8", "replace").rstrip("\n")])

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    timed_out = False
    try:
        child.wait(timeout=spec["timeoutS"])
    except subprocess.TimeoutExpired:
        timed_out = True
        child.kill()
        child.wait()
    wall_ms = ms_since(started)
    leftover = reap_leftovers()
    reader.join(timeout=1.0)
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(
        json.dumps(
            {
                "exitCode": None if timed_out else child.returncode,
                "wallMs": wall_ms,
                "cpuMs": round((usage.ru_utime + usage.ru_stime) * 1000, 1),
                "leftover": leftover,
                "lines": lines,
            }
        )
    )


def reap_leftovers() -> int:
    """Waits for the processes re-parented here; SIGKILLs what still runs after the grace period."""
    leftover = set()
    deadline = time.monotonic() + LEFTOVER_GRACE_S
    killed = False
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return len(leftover)
        if pid > 0:
            leftover.add(pid)
            continue
        if time.monotonic() > deadline and not killed:
            for child in children_of(os.getpid()):
                leftover.add(child)
                try:
                    os.kill(child, signal.SIGKILL)
                except ProcessLookupError:
                    pass
            killed = True
            deadline = time.monotonic() + LEFTOVER_GRACE_S
        elif time.monotonic() > deadline:
            return len(leftover)
        time.sleep(0.01)


def children_of(parent: int) -> list:
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="utf-8") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == parent:
            found.append(int(entry))
    return found


if __name__ == "__main__":
    main()
