"""Issue 14: a submit's idempotency key (gateway/idempotency.py, the header named by the core's wire
facts): the same key and body again is the job the first submit made (the same id, no second
render), on every dialect; the same key with another body is a 422 in the dialect's error shape; a
refused submit holds no key; a held-open submit with a key renders on when its client goes away, and
the same submit comes back for it. IdempotencyKeys alone: lifetime and concurrency.

    python3 -m unittest discover -s tests/serve -p 'test_idempotency.py'
"""

import json
import socket
import sys
import threading
import unittest
from types import SimpleNamespace

from server_fixture import REPO, ServerTestCase

sys.path.insert(0, str(REPO))
from gateway.http_util import Response  # noqa: E402
from gateway.idempotency import IdempotencyKeys  # noqa: E402

JOBS_BODY = {"model": "kling-2.6", "prompt": "a kite over a windy beach",
             "parameters": {"duration": 5, "aspectRatio": "1:1", "audio": False}}


def key_header(key: str) -> dict:
    return {"Idempotency-Key": key}


class SubmitWithAKey(ServerTestCase):
    def test_jobs_the_same_key_and_body_again_is_the_same_job(self):
        first_status, first, _ = self.server.json("POST", "/v2/videos/generate", JOBS_BODY, key_header("jobs-same-1"))
        self.assertEqual(first_status, 202, first)
        again_status, again, _ = self.server.json("POST", "/v2/videos/generate", JOBS_BODY, key_header("jobs-same-1"))
        self.assertEqual(again_status, 202, again)
        self.assertEqual(again["jobId"], first["jobId"])
        other_status, other, _ = self.server.json("POST", "/v2/videos/generate", JOBS_BODY, key_header("jobs-same-2"))
        self.assertEqual(other_status, 202, other)
        self.assertNotEqual(other["jobId"], first["jobId"], "another key is another job")
        done, _ = self.server.poll(f"/v2/jobs/{first['jobId']}", lambda b: b["status"] in ("COMPLETED", "FAILED"))
        self.assertEqual(done["status"], "COMPLETED", done)
        # After the job finished, the key still finds it (24 h), with its videos.
        _, late, _ = self.server.json("POST", "/v2/videos/generate", JOBS_BODY, key_header("jobs-same-1"))
        self.assertEqual(late["jobId"], first["jobId"])

    def test_the_same_key_with_another_body_is_a_422_in_the_dialects_shape(self):
        status, body, _ = self.server.json("POST", "/v2/videos/generate", JOBS_BODY, key_header("jobs-conflict"))
        self.assertEqual(status, 202, body)
        changed = {**JOBS_BODY, "prompt": "a different prompt"}
        status, refusal, _ = self.server.json("POST", "/v2/videos/generate", changed, key_header("jobs-conflict"))
        self.assertEqual(status, 422, refusal)
        self.assertEqual(set(refusal), {"error", "message"}, refusal)  # seed 004's {error, message} shape
        self.assertIn("Idempotency-Key 'jobs-conflict' was already used for another request", refusal["message"])

    def test_a_refused_submit_holds_no_key(self):
        bad = {**JOBS_BODY, "parameters": {**JOBS_BODY["parameters"], "duration": 7}}
        status, refusal, _ = self.server.json("POST", "/v2/videos/generate", bad, key_header("jobs-refused"))
        self.assertEqual(status, 400, refusal)
        status, body, _ = self.server.json("POST", "/v2/videos/generate", JOBS_BODY, key_header("jobs-refused"))
        self.assertEqual(status, 202, body)

    def test_two_submits_with_one_key_at_once_make_one_job(self):
        answers = []

        def send():
            answers.append(self.server.json("POST", "/v2/videos/generate", JOBS_BODY, key_header("jobs-racing")))
        threads = [threading.Thread(target=send) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        self.assertEqual({status for status, _, _ in answers}, {202}, answers)
        self.assertEqual(len({body["jobId"] for _, body, _ in answers}), 1, answers)

    def test_creative_hub_and_openai_honour_it_too(self):
        body = {"prompt": "a lantern in fog", "duration": 5}
        _, first, _ = self.server.json("POST", "/api/v1/creative-hub/generate/video", body, key_header("hub-1"))
        _, again, _ = self.server.json("POST", "/api/v1/creative-hub/generate/video", body, key_header("hub-1"))
        self.assertEqual(again["job_id"], first["job_id"], (first, again))

        video = {"prompt": "a red balloon rising", "seconds": "4", "size": "720x1280"}
        before = self.openai_ids()
        status, first, _ = self.server.json("POST", "/v1/videos", video, key_header("openai-1"))
        self.assertEqual(status, 200, first)
        _, again, _ = self.server.json("POST", "/v1/videos", video, key_header("openai-1"))
        self.assertEqual(again["id"], first["id"])
        self.assertEqual(self.openai_ids() - before, {first["id"]}, "the list holds one new video")
        status, refusal, _ = self.server.json("POST", "/v1/videos", {**video, "seconds": "8"}, key_header("openai-1"))
        self.assertEqual(status, 422, refusal)
        self.assertEqual(refusal["error"]["type"], "invalid_request_error", refusal)

    def openai_ids(self) -> set:
        status, listed, _ = self.server.json("GET", "/v1/videos?limit=100")
        self.assertEqual(status, 200, listed)
        return {video["id"] for video in listed["data"]}

    def test_a_held_open_submit_with_a_key_renders_on_when_its_client_goes_away(self):
        body = json.dumps({"model": "klingai/kling-v3.0-t2v", "prompt": "waves on a pier", "duration": 3,
                           "aspect_ratio": "9:16", "audio": False, "n": 1}).encode()
        head = (f"POST /v1/video/generations HTTP/1.1\r\nHost: {self.server.host}\r\nContent-Type: application/json\r\n"
                f"Idempotency-Key: unified-gone\r\nContent-Length: {len(body)}\r\n\r\n").encode()
        with socket.create_connection((self.server.host, self.server.port), timeout=30) as gone:
            gone.sendall(head + body)
        # The same submit comes back for the job: held open until it is done, then its result.
        status, _, result = self.server.request("POST", "/v1/video/generations", body,
                                                {"Content-Type": "application/json", **key_header("unified-gone")})
        self.assertEqual(status, 200, result)
        task = json.loads(result)["id"]
        _, again, _ = self.server.json("POST", "/v1/video/generations", json.loads(body), key_header("unified-gone"))
        self.assertEqual(again["id"], task)
        status, answer, _ = self.server.json("GET", f"/v1/videos/{task}")
        self.assertEqual((status, answer["status"]), (200, "completed"), answer)

    def test_an_empty_or_overlong_key_is_refused(self):
        for key in ("", "k" * 256):
            status, refusal, _ = self.server.json("POST", "/v2/videos/generate", JOBS_BODY, key_header(key))
            self.assertEqual(status, 400, refusal)
            self.assertIn("Idempotency-Key header must be 1 to 255 characters", refusal["message"])


class KeysAlone(unittest.TestCase):
    """IdempotencyKeys without a server: lifetime, refusals, deleted jobs."""

    def setUp(self):
        self.now = [0.0]
        self.keys = IdempotencyKeys(lifetime_s=100, kept=3, clock=lambda: self.now[0])
        self.jobs = {}
        self.made = 0

    def create(self):
        self.made += 1
        job = SimpleNamespace(id=f"job{self.made}")
        self.jobs[job.id] = job
        return SimpleNamespace(job_id=job.id, value=job)

    def once(self, key, fingerprint="f", create=None):
        return self.keys.once(("jobs", "submit", None, key), fingerprint, create or self.create, self.jobs.get,
                              lambda: "conflict")

    def test_a_key_lives_its_lifetime_then_makes_a_new_job(self):
        self.assertEqual(self.once("a").id, "job1")
        self.now[0] = 99
        self.assertEqual(self.once("a").id, "job1")
        self.now[0] = 200
        self.assertEqual(self.once("a").id, "job2")

    def test_another_fingerprint_is_a_conflict_and_a_deleted_job_is_made_again(self):
        self.assertEqual(self.once("a").id, "job1")
        self.assertEqual(self.once("a", "other"), "conflict")
        del self.jobs["job1"]
        self.assertEqual(self.once("a").id, "job2")

    def test_a_refusal_holds_no_key_and_the_oldest_keys_go_first(self):
        refusal = Response(400, b"{}", "application/json")
        self.assertIs(self.once("a", create=lambda: refusal), refusal)
        self.assertEqual(self.once("a", "corrected").id, "job1")
        for key in ("b", "c", "d"):
            self.once(key)
        self.assertEqual(self.once("a", "corrected").id, "job5", "a fourth key pushed the oldest out")


if __name__ == "__main__":
    unittest.main()
