"""A small local SMTP server for the tests of e-mail delivery across processes (no dependency:
the standard library's smtpd is gone since Python 3.12).

It records every message it receives. With `slow` set it takes the message (the DATA ends and
the message is recorded, as a mail server that has queued it) and then holds its "250" reply,
so a test can kill the sending worker in that window: accepted by the server, not recorded as
sent by the worker."""

from __future__ import annotations

import email
import socketserver
import threading
from dataclasses import dataclass, field
from email.message import Message
from typing import Any


@dataclass
class Received:
    recipients: list[str]
    message: Message

    @property
    def message_id(self) -> str:
        return str(self.message["Message-ID"])


@dataclass
class SMTPRecorder:
    """State shared by the server's connection handlers."""

    received: list[Received] = field(default_factory=list)
    slow: threading.Event = field(default_factory=threading.Event)
    stopping: threading.Event = field(default_factory=threading.Event)
    reply_delay: float = 30.0
    lock: threading.Lock = field(default_factory=threading.Lock)


class _Handler(socketserver.StreamRequestHandler):
    server: _Server

    def _reply(self, line: str) -> None:
        self.wfile.write(line.encode("ascii") + b"\r\n")
        self.wfile.flush()

    def handle(self) -> None:
        state = self.server.state
        recipients: list[str] = []
        self._reply("220 localhost test SMTP")
        while True:
            raw = self.rfile.readline()
            if not raw:
                return
            command = raw.decode("ascii", errors="replace").strip()
            verb = command[:4].upper()
            if verb in ("EHLO", "HELO"):
                self._reply("250 localhost")
            elif verb == "MAIL":
                recipients = []
                self._reply("250 OK")
            elif verb == "RCPT":
                recipients.append(command.split(":", 1)[1].strip().strip("<>"))
                self._reply("250 OK")
            elif verb == "DATA":
                self._reply("354 End data with <CR><LF>.<CR><LF>")
                self._data(state, recipients)
                if state.slow.is_set():
                    # Accepted and recorded; the reply is held back (the worker dies meanwhile).
                    state.stopping.wait(state.reply_delay)
                self._reply("250 OK queued")
            elif verb == "QUIT":
                self._reply("221 Bye")
                return
            else:  # RSET, NOOP, ...
                self._reply("250 OK")

    def _data(self, state: SMTPRecorder, recipients: list[str]) -> None:
        lines: list[bytes] = []
        while True:
            line = self.rfile.readline()
            if not line or line in (b".\r\n", b".\n"):
                break
            lines.append(line[1:] if line.startswith(b"..") else line)
        with state.lock:
            state.received.append(
                Received(list(recipients), email.message_from_bytes(b"".join(lines)))
            )


class _Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, state: SMTPRecorder) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.state = state


class LocalSMTPServer:
    """Start with `with LocalSMTPServer() as smtp:`; `smtp.port`, `smtp.state.received`."""

    def __init__(self) -> None:
        self.state = SMTPRecorder()
        self._server = _Server(self.state)
        self.port = int(self._server.server_address[1])
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> LocalSMTPServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.state.stopping.set()
        self._server.shutdown()
        self._server.server_close()
