"""serve.py reads requests per RFC 9112: one valid Content-Length or a 400 that closes the
connection (no request smuggling), no Content-Length beside Transfer-Encoding, strict request
lines and header fields, numeric query parameters and ranges that answer 400/416 rather than 500,
and a client that drops its connection leaves no traceback.

    python3 -m unittest discover -s tests/serve -p 'test_http_framing.py'
"""

import json
import socket
import struct
import unittest

from raw_http import exchange, split_answers
from server_fixture import ServeProcess, ServerTestCase, png_bytes

SMUGGLED = b"GET /v1/models HTTP/1.1\r\nHost: x\r\n\r\n"  # what a second request hidden in a body looks like


class FramingTest(ServerTestCase):
    def answers(self, data: bytes):
        return split_answers(exchange(self.server.host, self.server.port, data))

    def only_answer(self, data: bytes):
        answers = self.answers(data)
        self.assertEqual(len(answers), 1, [(answer.status, answer.body[:200]) for answer in answers])
        return answers[0]

    def assert_refused(self, data: bytes, status: int, words: str):
        answer = self.only_answer(data)
        self.assertEqual(answer.status, status, answer.body[:300])
        self.assertIn(words, json.loads(answer.body)["error"]["message"])
        return answer

    def test_a_content_length_that_is_not_ascii_digits_is_a_400(self):
        for value in ("\u00b2".encode("utf-8"), b"\xb2", b"\xd9\xa1", b"-1", b"+5", b"0x10", b"1_0", b"", b"5 5"):
            with self.subTest(value=value):
                answer = self.assert_refused(b"POST /v1/videos HTTP/1.1\r\nHost: x\r\nContent-Length: " + value +
                                             b"\r\n\r\n{}", 400, "Content-Length")
                self.assertEqual(answer.headers.get("connection"), "close")

    def test_differing_content_lengths_are_a_400_and_the_rest_is_not_a_second_request(self):
        body = b"{}" + SMUGGLED
        for headers in (b"Content-Length: 2\r\nContent-Length: %d\r\n" % len(body),
                        b"Content-Length: 2, %d\r\n" % len(body)):
            with self.subTest(headers=headers):
                answer = self.assert_refused(b"POST /v1/videos HTTP/1.1\r\nHost: x\r\n" + headers + b"\r\n" + body,
                                             400, "Content-Length")
                self.assertEqual(answer.headers.get("connection"), "close")

    def test_identical_content_lengths_are_folded_into_one(self):
        for headers in (b"Content-Length: 2\r\nContent-Length: 2\r\n", b"Content-Length: 2, 2\r\n"):
            with self.subTest(headers=headers):
                answer = self.only_answer(b"POST /v1/videos HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                                          + headers + b"\r\n{}")
                self.assertEqual(answer.status, 400)
                # {} is a sora-2 request (the API's default model) without its prompt
                self.assertEqual(json.loads(answer.body)["error"]["code"], "input_missing", "the core read the body")

    def test_content_length_with_transfer_encoding_is_a_400(self):
        self.assert_refused(b"POST /v1/videos HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n"
                            b"Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n" + SMUGGLED, 400, "Transfer-Encoding")

    def test_a_huge_content_length_is_a_413(self):
        self.assert_refused(b"POST /v1/videos HTTP/1.1\r\nHost: x\r\nContent-Length: " + b"9" * 5000 + b"\r\n\r\n{}",
                            413, "--max-body")

    def test_a_body_on_a_get_is_read_never_served_as_the_next_request(self):
        for path in (b"/v1/models", b"/index.html"):
            with self.subTest(path=path):
                answer = self.only_answer(b"GET " + path + b" HTTP/1.1\r\nHost: x\r\nContent-Length: %d\r\n\r\n"
                                          % len(SMUGGLED) + SMUGGLED)
                self.assertIn(answer.status, (200, 503))  # 503: these tests serve no built page

    def test_malformed_header_fields_are_a_400(self):
        for fields in (b"Content-Length : 2\r\n",        # space before the colon
                       b"X-A: 1\r\n continued\r\n",     # obs-fold
                       b"no colon here\r\n",
                       b"X-A: a\x00b\r\n",
                       b"X-A: a\rb\r\n",
                       b"X\x00A: 1\r\n",
                       b"From x: 1\r\n",
                       b": empty name\r\n"):
            with self.subTest(fields=fields):
                self.assert_refused(b"POST /v1/videos HTTP/1.1\r\nHost: x\r\n" + fields +
                                    b"Content-Length: 2\r\n\r\n{}" + SMUGGLED, 400, "header")

    def test_host_is_required_once_in_http_1_1(self):
        self.assert_refused(b"GET /v1/videos HTTP/1.1\r\n\r\n", 400, "Host")
        self.assert_refused(b"GET /v1/videos HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 400, "Host")
        self.assertEqual(self.only_answer(b"GET /v1/models HTTP/1.0\r\n\r\n").status, 200, "HTTP/1.0 needs none")

    def test_malformed_request_lines_get_a_status_line_and_a_400_or_505(self):
        for line, status in ((b"GET /v1/models", 400),                  # HTTP/0.9: still answered in HTTP/1.1
                             (b"POST /v1/models", 400),
                             (b"GET  /v1/models HTTP/1.1", 400),        # two spaces
                             (b"GET\t/v1/models HTTP/1.1", 400),
                             (b"GET /v1/mo\xa0dels HTTP/1.1", 400),
                             (b"GET /v1/models http/1.1", 400),
                             (b"GET /v1/models HTTP/1.1 extra", 400),
                             (b"GET http://[::1/v1/models HTTP/1.1", 400),
                             (b"GET v1/models HTTP/1.1", 400),
                             (b"GET /v1/models HTTP/2.0", 505),
                             (b"GET /v1/models HTTP/0.9", 505)):
            with self.subTest(line=line):
                answer = self.only_answer(line + b"\r\nHost: x\r\n\r\n")
                self.assertEqual(answer.status, status, answer.body[:300])

    def test_blank_lines_before_a_request_are_ignored(self):
        self.assertEqual(self.only_answer(b"\r\n\r\nGET /v1/models HTTP/1.1\r\nHost: x\r\n\r\n").status, 200)

    def test_numeric_query_parameters_are_a_400_saying_what_is_allowed(self):
        for limit in ("9" * 5000, "%C2%B2", "%D9%A1", "-1", "1e3", "101", ""):  # 0 is in range (an empty page)
            with self.subTest(limit=limit[:20]):
                status, body, _ = self.server.json("GET", f"/v1/videos?limit={limit}")
                self.assertEqual(status, 400)
                self.assertEqual(body["error"]["param"], "limit")
                self.assertIn("from 0 to 100", body["error"]["message"])

    def test_a_range_with_huge_or_odd_numbers_is_not_a_500(self):
        status, upload, _ = self.server.json("POST", "/v1/uploads", png_bytes(16, 16), {"Content-Type": "image/png"})
        self.assertEqual(status, 201, upload)
        path = self.server.local_path(upload["url"])
        for value in ("bytes=" + "9" * 5000 + "-", "bytes=0-" + "9" * 5000, "bytes=-" + "9" * 5000):
            with self.subTest(value=value[:20]):
                self.assertIn(self.server.request("GET", path, headers={"Range": value})[0], (200, 206, 416))


class DroppedClientTest(unittest.TestCase):
    def test_a_client_that_drops_its_connection_leaves_no_traceback(self):
        server = ServeProcess()
        try:
            for request in (b"GET /v1/models HTTP/1.1\r\nHost: x\r\n\r\n",
                            b"POST /v1/videos HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n{",
                            b"GET /v1/mod"):
                for _ in range(10):
                    sock = socket.create_connection((server.host, server.port), timeout=30)
                    sock.sendall(request)
                    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                    sock.close()  # a reset, at once
            self.assertEqual(server.request("GET", "/v1/models")[0], 200, "the server keeps answering")
        finally:
            errors = server.stop_and_read_stderr()
            server.close()
        self.assertFalse("Traceback" in errors, errors[:3000])


if __name__ == "__main__":
    unittest.main()
