"""Redacting the upstream's API key from everything the proxy relays (gateway/upstream.py).

An upstream that echoes the key seldom writes it plainly: JSON escapes `/` as `\\/` or any character
as `\\u00XX` (JSON inside JSON doubles the backslashes), URLs percent-encode it (sometimes repeatedly), HTML
writes `&#47;`, an echoed Authorization header carries it in base64, a debug dump in hex, and the
case may change. One pattern matches the key with each of its characters in any of those forms,
so the key is found in headers, JSON, event streams and plain text alike, without parsing them,
and the bytes around it stay as they were: a JSON document stays valid, since a match lies inside
one string (the key has no quote or backslash, see key_problem).

Speed: the pattern scans about 40 MB/s, too slow for a video. A match is made only of bytes that
occur in those forms, so `bytes.translate` marks those bytes and `bytes.find` finds the runs long
enough to hold a match; only those runs go through the pattern, a megabyte at a time.
"""

import base64
import re

REDACTED = b"[redacted]"
MIN_KEY_LENGTH = 8  # a shorter key would be found in ordinary words and garble the answers
MAX_NESTED_BACKSLASHES = 7  # `\/` escaped three levels deep: JSON in JSON in JSON
MAX_NESTED_PERCENT = 4  # `%2F`, `%252F`, ... `%252525252F` (percent-encoded five times)
SCAN_WINDOW = 1 << 20


def key_problem(key: str) -> str | None:
    """Why a key cannot be redacted reliably (None when it can)."""
    if len(key) < MIN_KEY_LENGTH:
        return f"is shorter than {MIN_KEY_LENGTH} characters"
    if any(not "\x21" <= ch <= "\x7e" or ch in "\"\\" for ch in key):
        return "has characters outside printable ASCII, or a space, quote or backslash"
    return None


def character_forms(ch: str) -> list[bytes]:
    """Patterns for one character of the key as an upstream may write it."""
    code = ord(ch)
    forms = [re.escape(ch.encode()),
             b"%%(?:25){0,%d}%02x" % (MAX_NESTED_PERCENT, code),
             b"\\\\{1,%d}u00%02x" % (MAX_NESTED_BACKSLASHES, code),
             b"&#0{0,3}%d;" % code, b"&#x0{0,3}%x;" % code]
    if ch == "/":
        forms.append(b"\\\\{1,%d}/" % MAX_NESTED_BACKSLASHES)
    return forms


def whole_key_forms(key: bytes) -> list[bytes]:
    """The key in hex, and the part of its base64 that the key alone decides, at each of the three
    byte offsets it may have inside a longer base64 text (e.g. `Basic base64(user:key)`)."""
    forms = [key.hex().encode()]
    for offset in range(3):
        for encode in (base64.b64encode, base64.urlsafe_b64encode):
            encoded = encode(b"\0" * offset + key)
            forms.append(encoded[-(-8 * offset // 6):(8 * (offset + len(key))) // 6])
    return forms


class KeyRedactor:
    """Replaces the key, in any of its forms, with [redacted]."""

    def __init__(self, key: str):
        per_character = b"".join(b"(?:" + b"|".join(character_forms(ch)) + b")" for ch in key)
        whole = whole_key_forms(key.encode())
        self.pattern = re.compile(b"|".join([per_character, *map(re.escape, whole)]), re.IGNORECASE)
        alphabet = set(key.encode()).union(*whole, b"%25\\u0&#x;0123456789abcdef/")
        alphabet |= set(bytes(alphabet).upper()) | set(bytes(alphabet).lower())
        self.marks = bytes(0x6B if byte in alphabet else 0x2E for byte in range(256))  # b"k" or b"."
        self.run = b"k" * min(len(key), *map(len, whole))
        self.longest = len(key) * (MAX_NESTED_BACKSLASHES + len("u00XX"))  # each character in its longest form

    def redact(self, data: bytes) -> bytes:
        data = bytes(data)
        marked = data.translate(self.marks)
        pieces, done = [], 0
        start = marked.find(self.run)
        while start != -1:
            end = marked.find(b".", start)
            end = len(data) if end == -1 else end
            while start < end:  # window by window: a long run does not hold the interpreter for seconds
                window_end = min(end, start + SCAN_WINDOW)
                match = self.pattern.search(data, start, min(end, window_end + self.longest))
                if match is None or match.start() >= window_end:
                    start = window_end
                    continue
                pieces += [data[done:match.start()], REDACTED]
                done = start = match.end()
            start = marked.find(self.run, end)
        return data if not pieces else b"".join(pieces) + data[done:]

    def redact_text(self, text: str) -> str:
        """The same for a header value or a message (the key's forms are ASCII, so UTF-8 stays whole)."""
        return self.redact(text.encode("utf-8", "surrogatepass")).decode("utf-8", "surrogatepass")
