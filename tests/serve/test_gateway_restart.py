"""Persistence across a restart (gateway/store.py, gateway/jobs.py): serve.py stopped with SIGTERM
mid-queue and started again on the same --data finishes every job; a job whose inputs are gone
fails with the reason; finished files survive.

    python3 -m unittest discover -s tests/serve -p 'test_gateway_restart.py'
"""

import base64
import shutil
import unittest

from server_fixture import ServeProcess, ffprobe, png_bytes

CREATE = {"model": "sora-2", "prompt": "Rain on a tin roof", "seconds": "4", "size": "1280x720"}


class RestartTest(unittest.TestCase):
    def test_queued_and_running_jobs_finish_after_a_restart(self):
        server = ServeProcess("--workers", "1")
        try:
            finished_first = server.json("POST", "/v1/videos", {**CREATE, "prompt": "done before the stop"})[1]["id"]
            server.poll(f"/v1/videos/{finished_first}", lambda body: body["status"] == "completed")
            ids = [server.json("POST", "/v1/videos", {**CREATE, "prompt": f"clip {n}"})[1]["id"] for n in range(3)]
            image = "data:image/png;base64," + base64.b64encode(png_bytes(1280, 720)).decode()
            orphan = server.json("POST", "/v1/videos", {**CREATE, "input_reference": {"image_url": image}})[1]["id"]
            # Started (in progress, or already done on a machine that polls slowly: a state that
            # stays, so a busy machine cannot step over it); the last clip waits behind two renders.
            server.poll(f"/v1/videos/{ids[0]}", lambda body: body["status"] != "queued")
            self.assertEqual(server.json("GET", f"/v1/videos/{ids[2]}")[1]["status"], "queued")
            self.assertEqual(server.stop(), 0, "SIGTERM stops cleanly")
            shutil.rmtree(server.data / "files" / orphan / "inputs")  # its upload is gone

            server.start()
            for video_id in ids:
                done, _ = server.poll(f"/v1/videos/{video_id}", lambda body: body["status"] in ("completed", "failed"))
                self.assertEqual(done["status"], "completed", done)
                probe = ffprobe(server.request("GET", f"/v1/videos/{video_id}/content")[2])
                self.assertAlmostEqual(probe["duration"], 4, delta=0.25)
            failed, _ = server.poll(f"/v1/videos/{orphan}", lambda body: body["status"] == "failed")
            self.assertIn("interrupted by a server restart", failed["error"]["message"])
            status, _, data = server.request("GET", f"/v1/videos/{finished_first}/content")
            self.assertEqual((status, data[4:8]), (200, b"ftyp"), "files made before the stop are still served")
            listed = [video["id"] for video in server.json("GET", "/v1/videos?order=asc")[1]["data"]]
            self.assertEqual(listed, [finished_first, *ids, orphan], "the list keeps submission order")
        finally:
            server.close()

    def test_sigkill_mid_render_is_resumed_too(self):
        server = ServeProcess("--workers", "1")
        try:
            # Twelve seconds of video, so the kill lands mid-render however slowly the status is read.
            video_id = server.json("POST", "/v1/videos", {**CREATE, "seconds": "12"})[1]["id"]
            running, _ = server.poll(f"/v1/videos/{video_id}", lambda body: body["status"] != "queued")
            self.assertEqual(running["status"], "in_progress", "the render finished before the kill")
            server.stop(sig=9)
            server.start()
            done, _ = server.poll(f"/v1/videos/{video_id}", lambda body: body["status"] in ("completed", "failed"))
            self.assertEqual(done["status"], "completed", done)
        finally:
            server.close()


if __name__ == "__main__":
    unittest.main()
