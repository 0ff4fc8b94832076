"""serve.py under a burst of connections: the listen backlog holds 50 simultaneous clients (none is
reset), and beyond --max-connections a client hears a 503 in its dialect's shape with Retry-After,
never a reset.

    python3 -m unittest discover -s tests/serve -p 'test_http_load.py'
"""

import json
import selectors
import signal
import socket
import threading
import time
import unittest

from server_fixture import ServeProcess, ServerTestCase

CLIENTS = 50
DEADLINE_S = 30


def exchange(sock: socket.socket, request: bytes) -> bytes:
    """Sends request and reads until the server closes; a reset raises ConnectionResetError."""
    sock.sendall(request)
    chunks = []
    while chunk := sock.recv(65536):
        chunks.append(chunk)
    return b"".join(chunks)


def status_of(answer: bytes) -> int:
    return int(answer.split(b" ", 2)[1]) if answer.startswith(b"HTTP/1.1 ") else 0


def connect_all(host: str, port: int, count: int, deadline_s: float) -> tuple[list[socket.socket], int]:
    """count non-blocking connects at once; (sockets, how many completed their handshake in time)."""
    sockets = []
    selector = selectors.DefaultSelector()
    for _ in range(count):
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setblocking(False)
        sock.connect_ex((host, port))
        sockets.append(sock)
        selector.register(sock, selectors.EVENT_WRITE)
    connected = 0
    deadline = time.monotonic() + deadline_s
    while connected < count and time.monotonic() < deadline:
        for key, _ in selector.select(0.2):
            selector.unregister(key.fileobj)
            connected += key.fileobj.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR) == 0
    selector.close()
    return sockets, connected


class BurstTest(ServerTestCase):
    def test_fifty_simultaneous_clients_all_get_an_answer_and_none_is_reset(self):
        # The burst arrives while the server cannot accept (stopped here; a busy process in real life),
        # so every connection must wait in the listen backlog, the case a backlog of 5 loses.
        self.server.process.send_signal(signal.SIGSTOP)
        try:
            sockets, connected = connect_all(self.server.host, self.server.port, CLIENTS, 10)
        finally:
            self.server.process.send_signal(signal.SIGCONT)
        answers = [b""] * CLIENTS
        problems = []

        def client(index: int):
            sock = sockets[index]
            sock.settimeout(DEADLINE_S)
            try:
                answers[index] = exchange(sock, b"GET /v1/models HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            except OSError as problem:
                problems.append(f"client {index}: {problem!r}")
            finally:
                sock.close()

        threads = [threading.Thread(target=client, args=(index,)) for index in range(CLIENTS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(DEADLINE_S + 5)
        self.assertEqual(connected, CLIENTS, "every connection of the burst is held in the listen backlog")
        self.assertEqual(problems, [])
        self.assertEqual([status_of(answer) for answer in answers], [200] * CLIENTS)


class ConnectionCapTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = ServeProcess("--max-connections", "2")

    @classmethod
    def tearDownClass(cls):
        cls.server.close()

    def connect(self) -> socket.socket:
        return socket.create_connection((self.server.host, self.server.port), timeout=DEADLINE_S)

    def test_beyond_the_cap_is_a_503_in_the_dialects_shape_never_a_reset(self):
        idle = [self.connect(), self.connect()]  # accepted first (the backlog is FIFO): they fill the cap
        try:
            refusals = {
                "openai": b"GET /v1/videos HTTP/1.1\r\nHost: x\r\n\r\n",
                # with a body the server does not read: the answer must not be lost to a reset
                "jobs": b"POST /v2/videos/generate HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                        b"Content-Length: 16000000\r\n\r\n" + b" " * 16_000_000,
            }
            for dialect, request in refusals.items():
                with self.connect() as sock:
                    answer = exchange(sock, request)
                head, _, body = answer.partition(b"\r\n\r\n")
                self.assertEqual(status_of(answer), 503, (dialect, head))
                self.assertIn(b"\r\nretry-after: 1\r\n", head.lower() + b"\r\n", dialect)
                error = json.loads(body)["error"]
                message = error["message"] if dialect == "openai" else json.loads(body)["message"]
                self.assertIn("--max-connections", message)
                if dialect == "openai":
                    self.assertEqual(error["type"], "server_error")
                else:
                    self.assertEqual(error, "Service unavailable")
        finally:
            for sock in idle:
                sock.close()
        # The slots come back once the idle clients are gone.
        deadline = time.monotonic() + DEADLINE_S
        while True:
            with self.connect() as sock:
                status = status_of(exchange(sock, b"GET /v1/models HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"))
            if status == 200 or time.monotonic() > deadline:
                break
            time.sleep(0.1)  # poll interval of a wait for the state above (slots back), bounded by the deadline
        self.assertEqual(status, 200)


if __name__ == "__main__":
    unittest.main()
