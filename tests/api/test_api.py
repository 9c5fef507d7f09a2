"""The API: filters, pages, formats, restricted material, tokens and decisions."""

from __future__ import annotations

import csv
import io
import json

from tests.api.conftest import bearer
from tests.cli_helpers import sitrep


def _all(client, **params):
    items, cursor = [], None
    while True:
        page = client.get("/api/incidents", params={**params, "limit": 5, **({"cursor": cursor} if cursor else {})})
        assert page.status_code == 200, page.text
        items += page.json()["items"]
        cursor = page.json()["next_cursor"]
        if not cursor:
            return items


def test_cursor_pages_cover_every_incident_once_newest_first(served):
    client, store, _ = served
    items = _all(client)
    ids = [i["id"] for i in items]
    assert len(ids) == len(set(ids)) == client.get("/api/stats").json()["total"] == 12
    dated = [i["event_date"] for i in items if i["event_date"]]
    assert dated == sorted(dated, reverse=True)


def test_filters_narrow_and_agree_with_stats(served):
    client, _, _ = served
    panjshir = _all(client, province="panjshir")
    assert panjshir and all(i["admin1"] == "Panjshir" for i in panjshir)
    contested = _all(client, status="contested")
    assert {i["status"] for i in contested} == {"contested"}
    assert client.get("/api/stats", params={"status": "contested"}).json()["total"] == len(contested)
    battles = _all(client, event_type="battles", date_from="2022-01-01", date_to="2022-12-31")
    assert battles and all(i["event_type"] == "Battles" and i["event_date"].startswith("2022") for i in battles)
    texts = _all(client, q="Panjshir")
    assert texts and len(texts) < 14
    taliban = _all(client, actor="taliban")
    assert taliban and all("Taliban" in f"{i['actor1']} {i['actor2']}" for i in taliban)


def test_geojson_and_csv_responses(served):
    client, _, _ = served
    collection = client.get("/api/incidents", params={"format": "geojson", "limit": 50})
    assert collection.headers["content-type"].startswith("application/geo+json")
    features = collection.json()["features"]
    assert len(features) == 12 and all(f["geometry"]["type"] == "Point" for f in features)
    table = client.get("/api/incidents", params={"format": "csv", "limit": 3})
    rows = list(csv.DictReader(io.StringIO(table.text)))
    assert len(rows) == 3 and table.headers.get("x-next-cursor")


def test_incident_page_has_reports_claims_sources_and_figures(served):
    client, _, _ = served
    contested = _all(client, status="contested")[0]
    detail = client.get(f"/api/incidents/{contested['id']}").json()
    assert detail["events"] and detail["sources"]
    assert any(s["stance"] == "denies" for s in detail["sources"])
    sides = client.get("/api/claims", params={"incident": contested["id"]}).json()
    assert sides["asserts"] and sides["denies"]
    doc = client.get(f"/api/documents/{detail['events'][0]['document_id']}").json()
    start, end = detail["events"][0]["spans"]["event_type"]
    assert doc["text"][start:end]


def test_bad_requests_are_clear_not_crashes(served):
    client, _, _ = served
    assert client.get("/api/incidents", params={"cursor": "nonsense!"}).status_code == 400
    assert client.get("/api/incidents", params={"status": "maybe"}).status_code == 422
    assert client.get("/api/incidents", params={"date_from": "yesterday"}).status_code == 422
    assert client.get("/api/incidents/INC-999999").status_code == 404
    assert client.get("/api/documents/ffff0000").status_code == 404
    assert client.get("/api/incidents", params={"q": '"unbalanced AND ( OR'}).status_code == 200


def test_writing_needs_a_write_token_and_is_audit_logged(served):
    client, store, _ = served
    target = _all(client)[0]["id"]
    decision = {"why": "verified with two local stringers", "analyst": "amina"}
    assert client.post(f"/api/incidents/{target}/confirm", json=decision).status_code == 403
    read = store.create_token("read", "a reader", "test")
    assert client.post(f"/api/incidents/{target}/confirm", json=decision, headers=bearer(read)).status_code == 403
    assert client.post(f"/api/incidents/{target}/confirm", json=decision,
                       headers=bearer("sitrep_nope_nope")).status_code == 401
    write = store.create_token("write", "an analyst", "test")
    assert "confirmed" not in {s["key"] for s in client.get("/api/stats").json()["status"]}  # (now cached)
    done = client.post(f"/api/incidents/{target}/confirm", json=decision, headers=bearer(write))
    assert done.status_code == 200
    assert {"key": "confirmed", "count": 1} in client.get("/api/stats").json()["status"]  # the cache saw it
    assert client.get(f"/api/incidents/{target}").json()["status"] == "confirmed"
    trail = client.get(f"/api/incidents/{target}/audit").json()
    assert trail[-1]["reason"] == decision["why"] and "amina" in trail[-1]["agent"]
    assert client.post(f"/api/incidents/{target}/confirm", json={"why": ""}, headers=bearer(write)).status_code == 422


def test_split_and_merge_through_the_api(served):
    client, store, _ = served
    write = bearer(store.create_token("write", "", "test"))
    several = next(i for i in _all(client) if i["n_events"] and i["n_events"] > 1)
    events = client.get(f"/api/incidents/{several['id']}").json()["events"]
    split = client.post(f"/api/incidents/{several['id']}/split", headers=write,
                        json={"why": "a different day", "event_ids": [events[-1]["event_id"]]})
    assert split.status_code == 200
    new_id = split.json()["other"]
    merged = client.post(f"/api/incidents/{several['id']}/merge", headers=write, json={"why": "same", "other": new_id})
    assert merged.status_code == 200
    assert len(client.get(f"/api/incidents/{several['id']}").json()["events"]) == len(events)


def test_restricted_reports_and_sources_never_reach_readers(served):
    client, store, env = served
    incident = _all(client, status="contested")[0]
    detail = client.get(f"/api/incidents/{incident['id']}").json()
    documents = {e["document_id"] for e in detail["events"]}
    for ref in documents:
        assert sitrep(env, "restrict", "document", ref).exit_code == 0
    assert incident["id"] not in {i["id"] for i in _all(client)}
    assert client.get(f"/api/incidents/{incident['id']}").status_code == 404
    for ref in documents:
        assert client.get(f"/api/documents/{ref}").status_code == 404
    exported = client.get("/api/export", params={"format": "jsonl"}).text
    assert incident["id"] not in exported
    reader = bearer(store.create_token("read", "", "test"))
    assert client.get(f"/api/incidents/{incident['id']}", headers=reader).status_code == 404
    writer = bearer(store.create_token("write", "", "test"))
    assert client.get(f"/api/incidents/{incident['id']}", headers=writer).status_code == 200

    source = client.get("/api/sources").json()[0]["name"]
    assert sitrep(env, "restrict", "source", source).exit_code == 0
    assert source not in json.dumps(client.get("/api/sources").json())
    assert source not in client.get("/api/export", params={"format": "jsonl"}).text
    assert source not in client.get("/api/export", params={"format": "acled-csv"}).text


def test_security_headers_and_openapi(served):
    client, _, _ = served
    page = client.get("/")
    policy = page.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert page.headers["x-content-type-options"] == "nosniff"
    spec = client.get("/openapi.json").json()
    assert {"/api/incidents", "/api/events", "/api/documents", "/api/sources", "/api/claims", "/api/places",
            "/api/stats", "/api/export"} <= set(spec["paths"])


def test_an_incident_resting_partly_on_a_restricted_report_names_none_of_its_sources(served):
    client, store, env = served
    writer = bearer(store.create_token("write", "", "test"))
    full = [client.get(f"/api/incidents/{i['id']}", headers=writer).json() for i in _all(client)]
    incident = next(i for i in full if len({e["document_id"] for e in i["events"]}) >= 2)
    hidden_doc = incident["events"][0]["document_id"]
    others = {c["source"] for e in incident["events"] if e["document_id"] != hidden_doc for c in e["claims"]}
    secret = {c["source"] for c in incident["events"][0]["claims"]} - others - {"the outlet"}
    assert secret
    assert sitrep(env, "restrict", "document", hidden_doc).exit_code == 0
    listed = next(i for i in _all(client) if i["id"] == incident["id"])
    detail = client.get(f"/api/incidents/{incident['id']}").json()
    assert hidden_doc not in {e["document_id"] for e in detail["events"]}
    for name in secret:
        assert name not in json.dumps(listed) and name not in json.dumps(detail)
    assert listed["status"] == incident["status"]  # the verdict stands on all the evidence


def test_events_and_documents_page_by_cursor(served):
    client, _, _ = served
    for path, total in (("/api/events", None), ("/api/documents", 32)):
        seen, cursor = [], None
        while True:
            page = client.get(path, params={"limit": 7, **({"cursor": cursor} if cursor else {})})
            assert page.status_code == 200, page.text
            seen += [item.get("event_id") or item["sha256"] for item in page.json()["items"]]
            cursor = page.json()["next_cursor"]
            if not cursor:
                break
        assert len(seen) == len(set(seen)) and (total is None or len(seen) == total)
    assert len(seen) > 7
    assert client.get("/api/events", params={"cursor": "garbage"}).status_code == 400
