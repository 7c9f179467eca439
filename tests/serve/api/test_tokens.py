"""API tokens over the API: listed without secrets, created once, revoked for good."""

from __future__ import annotations

from tests.serve.api.helpers import assert_error, bearer
from tests.serve.conftest import LiveServer


def test_create_list_and_revoke_a_token(live_server: LiveServer) -> None:
    with live_server.client(token=True) as admin, live_server.client() as other:
        created = admin.post("/api/tokens", json={"name": "ci-bot"})
        assert created.status_code == 201
        new = created.json()
        secret = new["token"]
        listed = admin.get("/api/tokens").json()
        written = other.post("/api/tokens", json={"name": "made by the bot"}, headers=bearer(secret))
        revoked = admin.delete(f"/api/tokens/{new['id']}")
        after = other.get("/api/tokens", headers=bearer(secret))
        again = admin.delete(f"/api/tokens/{new['id']}")
        still = admin.get("/api/tokens").json()
    assert secret.startswith(new["prefix"]) and new["name"] == "ci-bot"
    assert [t["name"] for t in listed["items"]] == ["test", "ci-bot"]
    assert secret not in str(listed) and all("token" not in t for t in listed["items"])
    assert written.status_code == 201  # the new token works for writes
    assert revoked.status_code == 204 and revoked.content == b""
    assert_error(after, 401, "unauthorized")
    assert_error(again, 404, "not_found")
    bot = next(t for t in still["items"] if t["name"] == "ci-bot")
    assert bot["revoked_at"] is not None and bot["last_used_at"] is not None


def test_tokens_need_a_token_and_a_name(live_server: LiveServer) -> None:
    with live_server.client() as anonymous, live_server.client(token=True) as admin:
        assert_error(anonymous.get("/api/tokens"), 401, "unauthorized")
        assert_error(anonymous.post("/api/tokens", json={"name": "x"}), 401, "unauthorized")
        assert_error(anonymous.delete("/api/tokens/1"), 401, "unauthorized")
        assert_error(admin.post("/api/tokens", json={"name": " "}), 422, "invalid_request")
    assert [t.name for t in live_server.store.list_tokens()] == ["test"]
