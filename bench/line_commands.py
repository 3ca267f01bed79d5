"""Commands on stdin, one per line, for the bench's Python helpers (tun-relay.py, wire-capture.py)."""
import os


class LineCommands:
    """Reads whatever stdin has when select() says it is readable and hands out complete lines."""

    def __init__(self, fd):
        self.fd = fd
        self.buffered = b""

    def read(self):
        """The complete lines that arrived (decoded, stripped), or None once stdin is closed."""
        chunk = os.read(self.fd, 4096)
        if not chunk:
            return None
        self.buffered += chunk
        *lines, self.buffered = self.buffered.split(b"\n")
        return [line.decode().strip() for line in lines]
