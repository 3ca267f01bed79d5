#!/usr/bin/env python3
"""Packet relay between two TUN devices that delays every IP packet, like netem (absent here) would.

Usage: tun-relay.py SERVER_TUN CLIENT_TUN
Creates both TUN devices (the bench then moves one into each network namespace; the open file
descriptors stay attached) and prints "ready". Each packet read from one device is written to the
other after half the configured round-trip delay, so every packet (TCP handshake included) sees the
full added RTT. Commands on stdin, one per line: "delay MS" (round trip) answers "ok MS";
"stats" answers "stats HOLD_MEDIAN_MS HOLD_MEAN_MS HOLD_MAX_MS PACKETS" (the actual one-way holding
time, read to write, since the last "delay"). Exits on stdin EOF or after MAX_SECONDS, so it can never outlive the bench.
"""
import fcntl
import heapq
import os
import select
import struct
import sys
import time

from line_commands import LineCommands

TUNSETIFF = 0x400454CA
IFF_TUN = 0x0001
IFF_NO_PI = 0x1000
MAX_SECONDS = 600
MAX_QUEUE = 100_000  # bounds memory whatever the traffic
SPIN_S = 0.0015


def open_tun(name):
    fd = os.open("/dev/net/tun", os.O_RDWR | os.O_NONBLOCK)
    fcntl.ioctl(fd, TUNSETIFF, struct.pack("16sH", name.encode(), IFF_TUN | IFF_NO_PI))
    return fd


def main():
    server, client = open_tun(sys.argv[1]), open_tun(sys.argv[2])
    peer = {server: client, client: server}
    stdin = sys.stdin.fileno()
    commands = LineCommands(stdin)
    half_s = 0.0
    queue, seq = [], 0
    holds = []
    print("ready", flush=True)
    end = time.monotonic() + MAX_SECONDS
    while time.monotonic() < end:
        # Sleep until SPIN_S before the next packet is due, then poll without sleeping: select() alone
        # wakes up late by up to a millisecond on a busy machine, which would blur the delay we add;
        # polling (rather than a bare spin) still reads packets that arrive meanwhile at once.
        timeout = max(0.0, queue[0][0] - time.monotonic() - SPIN_S) if queue else 0.2
        readable, _, _ = select.select([server, client, stdin], [], [], timeout)
        for fd in readable:
            if fd == stdin:
                lines = commands.read()
                if lines is None:
                    return
                for line in lines:
                    words = line.split()
                    if words[:1] == ["delay"]:
                        half_s = float(words[1]) / 2000.0
                        holds = []
                        print(f"ok {words[1]}", flush=True)
                    elif words[:1] == ["stats"]:
                        ordered = sorted(holds) or [0.0]
                        median = ordered[len(ordered) // 2] * 1000
                        mean = sum(ordered) / len(ordered) * 1000
                        print(f"stats {median:.4f} {mean:.4f} {ordered[-1] * 1000:.4f} {len(holds)}", flush=True)
                continue
            for _ in range(256):
                try:
                    packet = os.read(fd, 65535)
                except BlockingIOError:
                    break
                if len(queue) < MAX_QUEUE:
                    now = time.monotonic()
                    heapq.heappush(queue, (now + half_s, seq, peer[fd], packet, now))
                    seq += 1
        now = time.monotonic()
        while queue and queue[0][0] <= now:
            _, _, target, packet, arrived = heapq.heappop(queue)
            try:
                os.write(target, packet)
            except OSError:
                pass  # the device went away with its namespace
            if len(holds) < MAX_QUEUE:
                holds.append(time.monotonic() - arrived)
            now = time.monotonic()


if __name__ == "__main__":
    main()
