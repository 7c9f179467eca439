"""The watchlist pages over HTTP: list, create (secret shown once), add and remove items,
alerts with their evidence, JSON twins, CSRF-checked forms, escaped values."""

from __future__ import annotations

import httpx
from tests.serve.alerts.test_api import new_recall
from tests.serve.conftest import LiveServer
from tests.serve.web.conftest import csrf_token, sign_in

from supplywatch.serve.alerts import raise_alerts


def post_form(client: httpx.Client, page_url: str, action: str, **fields: str) -> httpx.Response:
    token = csrf_token(client.get(page_url).text)
    return client.post(action, data={**fields, "csrf_token": token})


def test_watchlist_pages(live_server: LiveServer) -> None:
    with live_server.client() as anon:
        empty = anon.get("/watchlists")
        assert empty.status_code == 200 and "No watchlists yet" in empty.text
        assert 'action="/watchlists"' not in empty.text and "Sign in" in empty.text
    with live_server.client() as client:
        assert sign_in(client, live_server).status_code == 303
        created = post_form(client, "/watchlists", "/watchlists", name="Speakers")
        assert created.status_code == 303
        page_url = created.headers["location"]
        added = post_form(client, page_url, f"{page_url}/items", kind="product",
                          value="NA-220 <script>window.x=1</script>")
        assert added.status_code == 303
        added = post_form(client, page_url, f"{page_url}/items", kind="product", value="NA-220")
        html = client.get(page_url).text
        assert "NA-220 &lt;script&gt;" in html and "<script>window.x" not in html
        assert 'href="/api/watchlists/' in html and "alerts.atom" in html

        doc_id = new_recall(live_server)
        raise_alerts(live_server.store)

        html = client.get(page_url).text
        assert "recall naming Volta Cells (cause): a supplier of Nimbus NA-220" in html
        assert "path: Nimbus NA-220 → Volta Cells" in html
        assert f'href="/documents/{doc_id}"' in html
        assert "“Orbit Retail recalls 300 Orbit PB-10 power banks" in html
        twin = client.get(f"{page_url}.json").json()
        assert twin["name"] == "Speakers" and len(twin["items"]) == 2
        [alert] = twin["alerts"]
        assert alert["path"] == ["Nimbus NA-220", "Volta Cells"] and alert["document_id"] == doc_id
        listed = client.get("/watchlists.json").json()
        assert listed["watchlists"][0]["alerts"] == 1

        item_id = next(i["id"] for i in twin["items"] if i["value"] == "NA-220")
        removed = post_form(client, page_url, f"{page_url}/items/{item_id}/delete")
        assert removed.status_code == 303
        assert client.get(f"{page_url}.json").json()["alerts"] == []  # went with its item

        refused = client.post(f"{page_url}/delete", data={"csrf_token": "1.forged"})
        assert refused.status_code == 403
        assert post_form(client, page_url, f"{page_url}/delete").status_code == 303
        assert client.get(page_url).status_code == 404


def test_a_webhook_secret_is_shown_once_on_the_page(live_server: LiveServer) -> None:
    with live_server.client() as client:
        sign_in(client, live_server)
        created = post_form(client, "/watchlists", "/watchlists", name="Hooked",
                            webhook_url="http://127.0.0.1:9/hook")
        assert created.status_code == 201
        assert 'id="webhook-secret"' in created.text and "whsec_" in created.text
        [watchlist] = client.get("/watchlists.json").json()["watchlists"]
        again = client.get(f"/watchlists/{watchlist['id']}")
        assert "whsec_" not in again.text and "http://127.0.0.1:9/hook" in again.text
        taken = post_form(client, "/watchlists", "/watchlists", name="Hooked")
        assert taken.status_code == 409 and "exists already" in taken.text
