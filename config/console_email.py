"""The development e-mail backend: prints each message as readable text.

Django's console backend prints the MIME source, where a UTF-8 body is quoted-printable
("p=C3=A5mindelse"); a developer following a link from `make run` wants the text itself.
"""

from __future__ import annotations

from email.message import Message

from django.core.mail import EmailMessage
from django.core.mail.backends.console import EmailBackend as DjangoConsoleBackend

SHOWN_HEADERS = ("From", "To", "Cc", "Subject", "Date", "Message-ID")


class EmailBackend(DjangoConsoleBackend):
    """Writes the headers that matter and every text part decoded, one message at a time."""

    def write_message(self, message: EmailMessage) -> None:
        msg = message.message()
        lines = [f"{name}: {msg[name]}" for name in SHOWN_HEADERS if msg[name] is not None]
        lines.append("")
        lines += [_decoded(part) for part in msg.walk() if part.get_content_maintype() == "text"]
        self.stream.write("\n".join(lines).rstrip("\n") + "\n")
        self.stream.write("-" * 79 + "\n")


def _decoded(part: Message) -> str:
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        return ""
    return payload.decode(part.get_content_charset() or "utf-8", errors="replace")
