"""Job errors shown to clients keep what helps (the tool, what it said) and drop what only helps an
attacker: heap addresses (`[png @ 0x55d5c8a3b2c0]`) and the server's own paths
(gateway/render_ffmpeg.py public_text).

    python3 -m unittest discover -s tests/serve -p 'test_job_errors.py'
"""

import sys
import unittest

from server_fixture import REPO, ServeProcess
from test_gateway_jobs import broken_png

sys.path.insert(0, str(REPO))
from gateway.render_ffmpeg import summarize_stderr  # noqa: E402

ADDRESS = r"0x[0-9a-fA-F]{4,}"
FFMPEG_STDERR = """\
[Parsed_drawtext_4 @ 0x5581c0a3b2c0] Cannot find a valid font for the family Sans
Error opening output file:/srv/vg-data/files/video_1/.render-ab12/video_0.mp4.part.
[AVFilterGraph @ 0x5581c09f0d40] Error initializing filter 'drawtext' with args 'fontfile=/usr/share/fonts/x.ttf' at 0x7f3a2c0a1000
"""

class JobErrorsTest(unittest.TestCase):
    def test_a_failed_job_shows_no_heap_address_and_no_server_path(self):
        server = ServeProcess("--workers", "1")
        self.addCleanup(server.close)
        image = "data:image/png;base64," + broken_png()
        status, body, _ = server.json("POST", "/v1/videos", {"model": "sora-2", "prompt": "animate",
                                                             "input_reference": {"image_url": image}})
        self.assertEqual(status, 200, body)
        failed, _ = server.poll(f"/v1/videos/{body['id']}", lambda video: video["status"] != "queued"
                                and video["status"] != "in_progress")
        message = failed["error"]["message"]
        self.assertEqual(failed["status"], "failed", failed)
        self.assertNotRegex(message, ADDRESS)
        self.assertNotIn(str(server.data), message)
        self.assertRegex(message, r"the image \(/image\) could not be decoded \(\[png\] \w.+\)",
                         "the cause stays: which input, which decoder, what it said")

    def test_ffmpeg_summary_drops_addresses_and_paths_and_keeps_the_words(self):
        summary = summarize_stderr(FFMPEG_STDERR)
        self.assertNotRegex(summary, ADDRESS)
        self.assertNotIn("/srv/vg-data", summary)
        self.assertNotIn("/usr/share", summary)
        for kept in ("[drawtext] Cannot find a valid font for the family Sans", "output file:video_0.mp4.part",
                     "[AVFilterGraph] Error initializing filter 'drawtext'", "fontfile=x.ttf"):
            self.assertIn(kept, summary)


if __name__ == "__main__":
    unittest.main()
