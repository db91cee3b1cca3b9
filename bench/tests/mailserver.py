"""
A mail server and the background worker for the email fault tests.

``RecordingSMTP`` is a real SMTP server (aiosmtpd) on loopback that keeps
every message it accepts; ``HangingSMTP`` accepts connections and never
answers (a mail server that hangs); with neither, connections are refused.
``Worker`` is ``manage.py run_worker`` in its own process, as in production.
"""

import email
import signal
import socket
import sys
import threading
import time
from dataclasses import dataclass

from aiosmtpd.controller import Controller

from bench.servers import BASE_DIR, LOOPBACK, ServerError, _Process, wait_until


@dataclass
class Received:
    to: list
    subject: str
    message_id: str
    body: str


class RecordingSMTP:
    """An SMTP server on ``port`` that accepts every message and records it, in order."""

    def __init__(self, port):
        self.port = port
        self.messages = []
        self._lock = threading.Lock()
        self._controller = Controller(self, hostname=LOOPBACK, port=port)

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content)
        with self._lock:
            self.messages.append(
                Received(
                    list(envelope.rcpt_tos),
                    str(email.header.make_header(email.header.decode_header(message["Subject"]))),
                    message["Message-ID"],
                    message.get_payload(decode=True).decode(errors="replace"),
                )
            )
        return "250 Message accepted for delivery"

    def received(self):
        with self._lock:
            return list(self.messages)

    def __enter__(self):
        self._controller.start()
        return self

    def __exit__(self, *exc_info):
        self._controller.stop()


class HangingSMTP:
    """Accepts TCP connections on ``port`` and never says a word (a hung mail server)."""

    def __init__(self, port):
        self.port = port
        self._socket = socket.socket()
        self._socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)

    def __enter__(self):
        self._socket.bind((LOOPBACK, self.port))
        self._socket.listen(64)  # the kernel completes handshakes; nobody ever answers
        return self

    def __exit__(self, *exc_info):
        self._socket.close()


class Worker(_Process):
    """``manage.py run_worker`` with a stable worker id, polling the queue often."""

    name = "worker"

    def __init__(self, env, folder, worker_id="fault-test"):
        super().__init__(folder)
        self.env = env
        self.worker_id = worker_id
        self.starts = 0

    def start(self, timeout=60):
        self.starts += 1
        self._spawn(
            [
                sys.executable,
                "manage.py",
                "run_worker",
                f"--worker-id={self.worker_id}",
                "--no-reload",
                "--no-startup-delay",
                "--interval=0.2",
            ],
            cwd=BASE_DIR,
            env=self.env,
        )
        wait_until(self._started, timeout, "the worker to start", self.log)
        return self

    def _started(self):
        if not self.running:
            raise ServerError(f"The worker exited.\n--- log ---\n{self.log()[-3000:]}")
        return self.log().count("Starting worker") >= self.starts

    def kill(self):
        """Stop at once, as a crash or an out-of-memory kill would, mid-job if it is in one."""
        self.stop(signal.SIGKILL)

    def restart(self):
        """Stop gracefully (SIGTERM: the job in hand is finished first) and start again."""
        self.stop(signal.SIGTERM)
        time.sleep(0.1)
        return self.start()
