"""GET /files/{job}/{name}: a job's result files (video_N.mp4, video_N.jpg thumbnails,
spritesheet_N.jpg), the links the jobs and creative-hub dialects answer with. They live until the
job is deleted; a job's input files are never served."""

from .http_util import Response, file_response, public_route
from .media_inputs import RESULT_NAME
from .route_common import error_response

TYPES = {".mp4": "video/mp4", ".jpg": "image/jpeg"}


@public_route
def result_file(ctx, request) -> Response:
    job_id, name = request.match.group(1), request.match.group(2)
    path = ctx.jobs.job_dir(job_id) / name
    if ctx.jobs.get(job_id) is None or not RESULT_NAME.fullmatch(name) or not path.is_file():
        return error_response(None, 404, "no such result file")
    return file_response(path, TYPES[path.suffix], request.headers.get("Range"))


ROUTES = [("GET", r"^/files/([A-Za-z0-9_-]{1,100})/([A-Za-z0-9_.-]{1,100})$", result_file)]
