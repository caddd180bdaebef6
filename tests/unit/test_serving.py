"""lib.serving: the app's root is written into each HTML page, and nothing else the server sends changes."""

import asyncio
import gzip

from lib.app.serving import AppRoot, root_script

PAGE = b"<!DOCTYPE html><html><head><title>Streamlit</title></head><body></body></html>"


def upstream(body: bytes, content_type: bytes, status: int = 200, chunks: int = 1):
    """A stand-in for Streamlit's server: answers every request with `body`, in `chunks` pieces, and
    records the request headers it was given."""
    seen = {}

    async def app(scope, receive, send):
        seen["headers"] = dict(scope["headers"])
        await send({"type": "http.response.start", "status": status,
                    "headers": [(b"content-type", content_type), (b"content-length", str(len(body)).encode()),
                                (b"etag", b'"abc"'), (b"cache-control", b"no-cache")]})
        size = -(-len(body) // chunks) or 1
        pieces = [body[i : i + size] for i in range(0, len(body), size)] or [b""]
        for n, piece in enumerate(pieces):
            await send({"type": "http.response.body", "body": piece, "more_body": n < len(pieces) - 1})

    return app, seen


def get(app, path="/trade", accept=b"text/html,application/xhtml+xml", method="GET", query=b""):
    scope = {"type": "http", "method": method, "path": path, "query_string": query,
             "headers": [(b"accept", accept), (b"accept-encoding", b"gzip, br")]}
    sent = []

    async def receive():
        return {"type": "http.request", "body": b""}

    async def send(message):
        sent.append(message)

    asyncio.run(app(scope, receive, send))
    headers = dict(sent[0]["headers"])
    return sent[0]["status"], headers, b"".join(m.get("body", b"") for m in sent[1:])


def test_a_page_requested_by_a_browser_names_the_apps_root_before_any_script():
    status, headers, body = get(AppRoot(upstream(PAGE, b"text/html; charset=utf-8")[0], base_url_path=""))
    assert status == 200
    assert body.startswith(b"<!DOCTYPE html><html><head>" + root_script(""))
    assert b'BACKEND_BASE_URL: location.origin + "/"' in body
    assert headers[b"content-length"] == str(len(body)).encode()


def test_the_root_includes_the_servers_base_url_path():
    assert b'location.origin + "/dashboard/"' in root_script("/dashboard/")


def test_a_page_sent_in_pieces_is_put_together_before_the_script_goes_in():
    _, headers, body = get(AppRoot(upstream(PAGE, b"text/html", chunks=4)[0], base_url_path=""))
    assert body.count(root_script("")) == 1
    assert headers[b"content-length"] == str(len(body)).encode()


def test_the_edited_page_drops_the_validators_of_the_file_it_came_from():
    _, headers, _ = get(AppRoot(upstream(PAGE, b"text/html")[0], base_url_path=""))
    assert b"etag" not in headers
    assert headers[b"cache-control"] == b"no-cache"


def test_a_page_is_asked_for_uncompressed_so_that_it_can_be_edited():
    app, seen = upstream(PAGE, b"text/html")
    get(AppRoot(app, base_url_path=""))
    assert b"accept-encoding" not in seen["headers"]


def test_requests_that_are_not_for_a_page_pass_through_untouched():
    bundle = gzip.compress(b"console.log('<head>')")
    app, seen = upstream(bundle, b"application/javascript")
    status, headers, body = get(AppRoot(app, base_url_path=""), path="/static/js/index.js", accept=b"*/*")
    assert (status, body, headers[b"etag"]) == (200, bundle, b'"abc"')
    assert seen["headers"][b"accept-encoding"] == b"gzip, br"


def test_an_error_page_is_left_as_it_is():
    status, _, body = get(AppRoot(upstream(PAGE, b"text/html", status=404)[0], base_url_path=""))
    assert (status, body) == (404, PAGE)


def test_the_default_pages_own_name_is_sent_to_the_root_with_its_query():
    # Streamlit serves the default page only at the root, and opens /overview on a "Page not found" dialog.
    app = AppRoot(upstream(PAGE, b"text/html")[0], base_url_path="", default_page="overview")
    status, headers, _ = get(app, path="/overview", query=b"view=Concentration+by+stage")
    assert (status, headers[b"location"]) == (307, b"/?view=Concentration+by+stage")


def test_under_a_base_url_path_the_default_page_is_sent_to_that_root():
    app = AppRoot(upstream(PAGE, b"text/html")[0], base_url_path="dash", default_page="overview")
    assert get(app, path="/dash/overview/")[1][b"location"] == b"/dash/"


def test_other_pages_are_not_redirected():
    app = AppRoot(upstream(PAGE, b"text/html")[0], base_url_path="", default_page="overview")
    assert get(app, path="/overview_of_trade")[0] == 200
