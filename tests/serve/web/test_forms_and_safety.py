"""Signing in, CSRF-checked forms, comments, escaping of ingested text, security
headers, HTML error pages, and token-protected reading: over real HTTP."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from tests.serve.conftest import LiveServer
from tests.serve.web.conftest import csrf_token, sign_in
from tests.serve.web.test_pages import document_id, entity_id

from supplywatch.serve.auth import SESSION_COOKIE
from supplywatch.serve.web.csrf import CSRF_COOKIE
from supplywatch.settings import Settings


def _cookie_flags(response: httpx.Response, name: str) -> str:
    header = next(h for h in response.headers.get_list("set-cookie") if h.startswith(f"{name}="))
    return header.lower()


def test_sign_in_sets_a_strict_http_only_cookie_and_sign_out_clears_it(
        live_server: LiveServer) -> None:
    with live_server.client() as client:
        form = client.get("/signin", params={"next": "/check?q=NA-220"})
        token = csrf_token(form.text)
        wrong = client.post("/signin", data={"token": "sw_not-a-token", "csrf_token": token})
        assert wrong.status_code == 401 and "unknown or revoked" in wrong.text
        assert SESSION_COOKIE not in wrong.cookies
        response = client.post("/signin", data={"token": live_server.token, "csrf_token": token,
                                                "next": "/check?q=NA-220"})
        assert response.status_code == 303 and response.headers["location"] == "/check?q=NA-220"
        flags = _cookie_flags(response, SESSION_COOKIE)
        assert "httponly" in flags and "samesite=strict" in flags
        home = client.get("/").text
        assert "signed in as test" in home
        out = client.post("/signout", data={"csrf_token": csrf_token(home)})
        assert out.status_code == 303
        assert "signed in as" not in client.get("/").text


def test_a_revoked_session_reads_as_signed_out(live_server: LiveServer,
                                              signed_in: httpx.Client) -> None:
    (token,) = [t for t in live_server.store.list_tokens() if t.name == "test"]
    assert live_server.store.revoke_token(token.id)
    response = signed_in.get("/")
    assert response.status_code == 200 and "signed in as" not in response.text
    assert "max-age=0" in _cookie_flags(response, SESSION_COOKIE)  # the stale cookie is cleared
    assert SESSION_COOKIE not in signed_in.cookies


def test_sign_in_never_redirects_off_site(live_server: LiveServer) -> None:
    with live_server.client() as client:
        token = csrf_token(client.get("/signin").text)
        response = client.post("/signin", data={"token": live_server.token, "csrf_token": token,
                                                "next": "//evil.example/steal"})
    assert response.headers["location"] == "/"


@pytest.mark.parametrize("case", ["no token", "forged token", "another browser's token",
                                  "no cookie"])
def test_forms_without_a_valid_csrf_token_are_refused(live_server: LiveServer, case: str) -> None:
    doc = document_id(live_server.store, "Volta deal")
    with live_server.client() as client, live_server.client() as other:
        assert sign_in(client, live_server).status_code == 303
        page = client.get(f"/documents/{doc}").text
        data: dict[str, str] = {"body": "a note"}
        if case == "forged token":
            data["csrf_token"] = re.sub(r"\.(.)", lambda m: "." + ("0" if m[1] != "0" else "1"),
                                        csrf_token(page), count=1)
        elif case == "another browser's token":
            data["csrf_token"] = csrf_token(other.get("/signin").text)
        elif case == "no cookie":
            data["csrf_token"] = csrf_token(page)
            client.cookies.delete(CSRF_COOKIE)
        response = client.post(f"/documents/{doc}/comments", data=data,
                               headers={"Accept": "text/html"})
    assert response.status_code == 403
    assert "CSRF" in response.text and "Reload the page" in response.text
    assert response.headers["content-type"].startswith("text/html")
    assert live_server.store.list_comments("document", doc)[1] == 0


def test_sign_in_form_is_csrf_checked_too(live_server: LiveServer) -> None:
    with live_server.client() as client:
        response = client.post("/signin", data={"token": live_server.token},
                               headers={"Accept": "application/json"})
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "csrf_failed"


def test_a_signed_in_user_comments_and_the_evidence_stays(live_server: LiveServer,
                                                          signed_in: httpx.Client) -> None:
    doc = document_id(live_server.store, "Volta deal")
    before = signed_in.get(f"/documents/{doc}.json").json()
    page = signed_in.get(f"/documents/{doc}").text
    response = signed_in.post(f"/documents/{doc}/comments",
                              data={"body": "Check the <b>Q3</b> filing.", "csrf_token": csrf_token(page)})
    assert response.status_code == 303 and response.headers["location"].endswith("#comments")
    after = signed_in.get(f"/documents/{doc}.json").json()
    assert [(c["author"], c["body"]) for c in after["comments"]] == [("test", "Check the <b>Q3</b> filing.")]
    assert after["facts"] == before["facts"] and after["segments"] == before["segments"]
    shown = signed_in.get(f"/documents/{doc}").text
    assert "Check the &lt;b&gt;Q3&lt;/b&gt; filing." in shown
    nimbus = entity_id(live_server.store, "Nimbus Audio")
    page = signed_in.get(f"/entities/{nimbus}").text
    assert signed_in.post(f"/entities/{nimbus}/comments",
                          data={"body": "Supplier audit due", "csrf_token": csrf_token(page)}
                          ).status_code == 303
    assert "Supplier audit due" in signed_in.get(f"/entities/{nimbus}").text


def test_commenting_needs_sign_in(live_server: LiveServer) -> None:
    doc = document_id(live_server.store, "Volta deal")
    with live_server.client() as client:
        page = client.get(f"/documents/{doc}").text
        assert "to comment" in page and "<textarea" not in page
        token = csrf_token(client.get("/signin").text)  # a valid token, but no session
        response = client.post(f"/documents/{doc}/comments", data={"body": "hi", "csrf_token": token})
    assert response.status_code == 401
    assert live_server.store.list_comments("document", doc)[1] == 0


def test_ingested_markup_is_shown_as_text(live_server: LiveServer, evil_doc: str) -> None:
    nimbus = entity_id(live_server.store, "Nimbus Audio")
    with live_server.client() as client:
        pages = [client.get(path).text for path in
                 (f"/documents/{evil_doc}", f"/entities/{nimbus}", "/", "/search?q=evil",
                  "/exposure?name=Evil")]
    for page in pages:
        assert "<script>window" not in page and "<img src=x" not in page
        assert "<b>Wire</b>" not in page
    document = pages[0]
    assert "&lt;script&gt;window.__pwnedTitle = 1&lt;/script&gt;" in document
    assert "&lt;img src=x onerror=" in document
    assert "javascript:" not in document  # an unsafe URL is not made a link
    # the graph's data attribute: quotes and angle brackets escaped inside the JSON
    assert "\\u003cscript\\u003ewindow.__pwnedEntity" in pages[1]
    assert "Evil &lt;script&gt;" in pages[2]


def test_pages_carry_security_headers_and_no_inline_script(live_server: LiveServer,
                                                           evil_doc: str) -> None:
    nimbus = entity_id(live_server.store, "Nimbus Audio")
    with live_server.client() as client:
        for path in ("/", f"/documents/{evil_doc}", f"/entities/{nimbus}", "/exposure?name=Volta",
                     "/check?q=x", "/signin", "/search?q=a", "/no-such-page", "/.json"):
            response = client.get(path)
            csp = response.headers["content-security-policy"]
            assert "script-src 'self'" in csp and "unsafe-inline" not in csp, path
            assert response.headers["x-content-type-options"] == "nosniff"
            assert response.headers["referrer-policy"] == "same-origin"
            if response.headers["content-type"].startswith("text/html"):
                assert not re.search(r"<script(?![^>]*\bsrc=)", response.text), path
                # no event-handler attribute in any tag (escaped text may mention one)
                assert not re.search(r"<[a-z][^>]*\son[a-z]+\s*=", response.text), path


def test_errors_are_html_for_pages_and_json_for_the_api(live_server: LiveServer) -> None:
    browser = {"Accept": "text/html,application/xhtml+xml"}
    with live_server.client() as client:
        page = client.get("/no-such-page", headers=browser)
        twin = client.get("/no-such-page.json", headers=browser)
        api = client.get("/api/no-such-thing", headers=browser)
        missing = client.get("/entities/999999", headers=browser)
    assert page.status_code == 404 and page.headers["content-type"].startswith("text/html")
    assert "no such page or resource: /no-such-page" in page.text
    assert twin.status_code == 404 and twin.json()["error"]["code"] == "not_found"
    assert api.status_code == 404 and api.json()["error"]["code"] == "not_found"
    assert missing.status_code == 404 and "no entity with id 999999" in missing.text


def test_token_protected_reading_sends_browsers_to_sign_in(
        volta_story: Any, serve_settings: Settings, make_server: Callable[..., LiveServer]) -> None:
    server = make_server(volta_story, serve_settings, read_access="token")
    with server.client() as client:
        page = client.get("/check?q=NA-220")
        assert page.status_code == 303
        assert page.headers["location"] == "/signin?next=%2Fcheck%3Fq%3DNA-220"
        twin = client.get("/.json")
        assert twin.status_code == 401 and twin.json()["error"]["code"] == "unauthorized"
        assert client.get("/static/style.css").status_code == 200
        assert sign_in(client, server).status_code == 303
        assert client.get("/check?q=NA-220").status_code == 200


def test_servers_sharing_a_database_accept_each_others_forms(
        volta_story: Any, serve_settings: Settings, make_server: Callable[..., LiveServer]) -> None:
    """Without a configured secret_key the CSRF key is kept in the database, so every
    worker of one server accepts the forms another one served."""
    first = make_server(volta_story, serve_settings)
    second = make_server(volta_story, serve_settings)
    with first.client() as a:
        form = a.get("/signin")
        cookies = {CSRF_COOKIE: form.cookies[CSRF_COOKIE]}
    with second.client(cookies=cookies) as b:
        response = b.post("/signin", data={"token": second.token,
                                           "csrf_token": csrf_token(form.text)})
    assert response.status_code == 303
