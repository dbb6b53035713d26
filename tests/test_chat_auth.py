"""With logins configured, nothing of the page or its API answers before the user signs in."""

from __future__ import annotations

import http.cookiejar
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import replace

import pytest
from support import free_port

from assistant.chat.app import create


@pytest.fixture(scope="module")
def url(settings, tmp_path_factory):
    folder = tmp_path_factory.mktemp("auth")
    locked = replace(settings, auth="agent:s3cret", users_file="", feedback_db=folder / "feedback.sqlite")
    port = free_port()
    chat = create(locked)
    chat.launch("127.0.0.1", port, block=False)
    yield f"http://127.0.0.1:{port}"
    chat.app.close()


def _status(opener: urllib.request.OpenerDirector, url: str, form: dict | None = None) -> int:
    data = urllib.parse.urlencode(form).encode() if form else None
    try:
        with opener.open(url, data=data, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_page_and_api_need_a_login(url):
    browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    assert _status(browser, f"{url}/config") == 401
    assert _status(browser, f"{url}/gradio_api/info") == 401
    assert _status(browser, f"{url}/login", {"username": "agent", "password": "wrong"}) == 400
    assert _status(browser, f"{url}/login", {"username": "agent", "password": "s3cret"}) == 200
    assert _status(browser, f"{url}/config") == 200
    assert _status(browser, f"{url}/gradio_api/info") == 200
