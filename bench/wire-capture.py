#!/usr/bin/env python3
"""Round trips as the client's network interface sees them: the wire truth of the latency bench.

Usage (inside the client namespace): wire-capture.py DEVICE
Opens a packet socket on DEVICE with kernel receive/transmit timestamps and prints "ready". For every
TCP connection, a client data segment opens an exchange and the next server data segment closes it;
the exchange's round trip is the difference of the two kernel timestamps: the network plus the
server's time, without the client host's own time (its kernel stack, process wake-ups, the browser's
processes). Exchanges are sorted by what the payloads show:
  monitor-ws    the server echoed "autocrm-synthetics:<nonce>:<i>" (the monitor's echo messages)
  peer-ws       the server echoed "ws-peer:<i>" (bench/ws-peer.ts)
  monitor-http  a "GET /api/ping?_acs=<nonce>-<i>" with i >= 1 (the monitor's measured requests)
  peer-http     a "GET /api/ping" from curl
Anything else (page loads, handshakes, warm-ups, close frames) is ignored.
Commands on stdin, one per line: "take" answers one JSON line {"exchanges": {kind: [ms, ...]},
"packets": N, "dropped": N} with what was seen since the last "take" (dropped: packets the kernel
could not queue for us, so the pairing cannot be trusted). Packets wait in a large socket buffer
and are read every DRAIN_SECONDS, not as they come, so this process does not compete for a CPU with
the client it watches. Exits on stdin EOF or after MAX_SECONDS.
"""
import json
import re
import select
import socket
import struct
import sys
import time

from line_commands import LineCommands

ETH_P_ALL = 0x0003
SO_TIMESTAMPNS = 35
SO_RCVBUFFORCE = 33
SOL_PACKET = 263
PACKET_STATISTICS = 6
RCVBUF_BYTES = 64 * 1024 * 1024  # holds every packet between two drains, even a page load's
DRAIN_SECONDS = 0.25
MAX_DRAIN = 100_000  # packets per drain, bounds the loop
PACKET_OUTGOING = 4
MAX_SECONDS = 600
MAX_EXCHANGES = 20_000  # bounds memory whatever the traffic
HEAD_BYTES = 512  # enough of a request to see its path and User-Agent

MONITOR_HTTP = re.compile(rb"^GET /api/ping\?[^ ]*_acs=[a-z0-9]+-([0-9]+)[ &]")


def kind_of(request, answer):
    if b"autocrm-synthetics:" in answer[:64]:
        return "monitor-ws"
    if b"ws-peer:" in answer[:64]:
        return "peer-ws"
    match = MONITOR_HTTP.match(request)
    if match:
        return "monitor-http" if int(match.group(1)) >= 1 else None
    if request.startswith(b"GET /api/ping ") and b"curl/" in request:
        return "peer-http"
    return None


def timestamp(ancillary):
    for level, kind, value in ancillary:
        if level == socket.SOL_SOCKET and kind == SO_TIMESTAMPNS:
            seconds, nanoseconds = struct.unpack("qq", value[:16])
            return seconds + nanoseconds / 1e9
    return None


def tcp_payload(packet):
    """(source port, destination port, payload) of an IPv4 TCP packet, or None."""
    if len(packet) < 20 or packet[0] >> 4 != 4 or packet[9] != 6:
        return None
    header = (packet[0] & 0x0F) * 4
    total = struct.unpack("!H", packet[2:4])[0]
    segment = packet[header:total]
    if len(segment) < 20:
        return None
    source, destination = struct.unpack("!HH", segment[:4])
    offset = (segment[12] >> 4) * 4
    return source, destination, segment[offset:]


def main():
    capture = socket.socket(socket.AF_PACKET, socket.SOCK_DGRAM, socket.htons(ETH_P_ALL))
    capture.setsockopt(socket.SOL_SOCKET, SO_RCVBUFFORCE, RCVBUF_BYTES)
    capture.bind((sys.argv[1], 0))
    capture.setsockopt(socket.SOL_SOCKET, SO_TIMESTAMPNS, 1)
    capture.setblocking(False)
    stdin = sys.stdin.fileno()
    commands = LineCommands(stdin)
    state = {"pending": {}, "exchanges": {}, "packets": 0, "count": 0}
    print("ready", flush=True)
    end = time.monotonic() + MAX_SECONDS
    while time.monotonic() < end:
        # Packets wait in the socket with their kernel timestamps; reading them only every
        # DRAIN_SECONDS keeps this process from competing for a CPU with the client it watches
        # at the very moment an answer arrives.
        readable, _, _ = select.select([stdin], [], [], DRAIN_SECONDS)
        drain(capture, state)
        if stdin not in readable:
            continue
        lines = commands.read()
        if lines is None:
            return
        for line in lines:
            if line == "take":
                print(json.dumps({"exchanges": state["exchanges"], "packets": state["packets"], "dropped": dropped(capture)}), flush=True)
                state.update(exchanges={}, packets=0, count=0)
                state["pending"].clear()


def dropped(capture):
    """Packets the kernel dropped since the last call (the socket's buffer overflowed)."""
    return struct.unpack("II", capture.getsockopt(SOL_PACKET, PACKET_STATISTICS, 8))[1]


def drain(capture, state):
    pending, exchanges = state["pending"], state["exchanges"]
    for _ in range(MAX_DRAIN):
        try:
            packet, ancillary, _, address = capture.recvmsg(65535, 64)
        except BlockingIOError:
            return
        at = timestamp(ancillary)
        parsed = tcp_payload(packet)
        if at is None or parsed is None:
            continue
        state["packets"] += 1
        source, destination, payload = parsed
        if not payload:
            continue  # a bare ACK
        outgoing = address[2] == PACKET_OUTGOING
        port = source if outgoing else destination
        if outgoing:
            pending.setdefault(port, (at, payload[:HEAD_BYTES]))
        elif port in pending:
            sent, request = pending.pop(port)
            kind = kind_of(request, payload)
            if kind and state["count"] < MAX_EXCHANGES:
                exchanges.setdefault(kind, []).append(round((at - sent) * 1000, 4))
                state["count"] += 1


if __name__ == "__main__":
    main()
