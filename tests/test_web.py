"""The web app, served for real by uvicorn over a corpus ingested here: pages and API over HTTP on both backends,
the reading path in headless Chromium (Debian's, driven by Playwright), and the API fuzzed from its own OpenAPI
document by schemathesis. Screenshots go to test-artifacts/ for a person to look at."""

from __future__ import annotations

import re
import shutil
import socket
import threading
import time
from pathlib import Path

import httpx
import jsonschema
import pytest
import schemathesis
import uvicorn

from cablekit import parse_paths, web
from cablekit import store as st
from cablekit.web import Month, create_app, highlighter, paragraph_anchors, timeline_bars

from .conftest import DATA, ROOT

SOURCES = [str(DATA / "cables"), str(DATA / "web")]
HOSTILE = "10BAGHDAD999"  # tests/data/web: a cable whose text holds markup, quotes and an SQL fragment
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _serve(db_url: str):
    """Start uvicorn in a thread on a free loopback port; returns (base URL, server)."""
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(db_url), host="127.0.0.1", port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    for _ in range(100):
        if server.started:
            break
        time.sleep(0.05)
    return f"http://127.0.0.1:{port}", server


def _ingest(url: str) -> None:
    db = st.connect(url)
    report = st.ingest(db, SOURCES, jobs=1)
    assert report.added >= 15
    db.close()


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def site(request, tmp_path_factory):
    """(base URL, db URL) of a served corpus: the bundled cables and the hostile one, on each backend."""
    if request.param == "sqlite":
        url = str(tmp_path_factory.mktemp("web") / "cables.db")
    else:
        url = request.getfixturevalue("pg_module_url")
    _ingest(url)
    base, server = _serve(url)
    yield base, url
    server.should_exit = True


@pytest.fixture(scope="module")
def sqlite_site(tmp_path_factory):
    url = str(tmp_path_factory.mktemp("browser") / "cables.db")
    _ingest(url)
    base, server = _serve(url)
    yield base, url
    server.should_exit = True


@pytest.fixture(scope="module")
def records():
    return {c.reference_id: c for c in parse_paths(SOURCES) if hasattr(c, "reference_id")}


def get(base: str, path: str, **params) -> httpx.Response:
    return httpx.get(base + path, params=params, follow_redirects=False, timeout=30)


# --- pages and API over HTTP, on both backends ------------------------------------------------------------------


def test_search_page_counts_marks_and_protects(site, records):
    base, _ = site
    page = get(base, "/", q="police")
    assert page.status_code == 200
    expected = sum(1 for c in records.values() if "police" in (c.subject or "").lower() + c.text.lower())
    assert re.search(r"(\d+) cables? match", page.text).group(1) == str(expected)
    assert "<mark>" in page.text.lower()
    assert "script-src 'self'" in page.headers["content-security-policy"]


def test_facet_link_narrows_the_search(site, records):
    base, _ = site
    page = get(base, "/")
    link = re.search(r'<a href="(/\?tag=PREL)">PREL', page.text)
    assert link, "the TAGS facet links PREL"
    narrowed = httpx.get(base + link.group(1).replace("&amp;", "&"))
    total = int(re.search(r"([\d,]+) cables?", narrowed.text).group(1).replace(",", ""))
    assert total == sum(1 for c in records.values() if "PREL" in c.tags)
    assert 'class="chip"' in narrowed.text


def test_cable_page_links_references_and_cited_by(site):
    base, _ = site
    page = get(base, f"/cable/{HOSTILE}").text
    assert 'href="/cable/09BAGHDAD3187"' in page and 'href="/cable/10ANKARA243"' in page
    assert re.search(r"10BAGHDAD12</span> <span class=\"missing\">not in this corpus", page)
    assert 'id="p1"' in page and 'href="#p2"' in page
    assert 'href="/tag/IZ"' in page and "Iraq" in page
    cited = get(base, "/cable/09BAGHDAD3187").text
    assert f'href="/cable/{HOSTILE}"' in cited.split("<h2>Cited by</h2>")[1]


def test_cable_page_shows_a_section_s_heading_over_the_paragraph_s(site):
    page = get(site[0], "/cable/10BRASILIA112").text
    assert re.search(r'<h2 class="section-heading">MINISTERS ON MESSAGE</h2>\s*<h3 class="para-heading">Tariff on '
                     r'Every Agenda</h3>\s*<p class="para" id="p6">', page)


def test_hostile_text_is_shown_inert(site):
    base, db_url = site
    for path in (f"/cable/{HOSTILE}", "/?q=aide", "/?q=%22border+gate%22"):
        page = get(base, path).text
        assert "<script>window" not in page.lower() and "<img src=x" not in page.lower(), path
        assert "<b>unclosed" not in page
    page = get(base, f"/cable/{HOSTILE}").text
    assert "&lt;script&gt;window.__pwned=1;alert(1)&lt;/script&gt;" in page
    assert "&#39;); DROP TABLE cables; --" in page
    assert get(base, "/", q="'); DROP TABLE cables; --").status_code in (200, 400)
    assert get(base, "/api/search", origin="'; DROP TABLE cables; --").status_code == 200
    assert get(base, "/api/search").json()["total"] == 15, "the tables are all still there"


@pytest.mark.parametrize(("path", "params", "status"), [
    ("/", {"q": '"broken phrase'}, 400),
    ("/", {"page": "x"}, 400),
    ("/", {"page": "0"}, 400),
    ("/", {"from": "last year"}, 400),
    ("/cable/09NOWHERE1", {}, 404),
    ("/cable/<script>", {}, 404),
    ("/no-such-page", {}, 404),
    ("/cable/09BAGHDAD3187/graph", {"depth": "9"}, 400),
])
def test_bad_requests_are_4xx_pages(site, path, params, status):
    base, _ = site
    page = get(base, path, **params)
    assert page.status_code == status
    assert "text/html" in page.headers["content-type"] and "Back to search" in page.text
    api = get(base, "/api" + path.replace("/cable/", "/cables/"), **params) if path != "/" else \
        get(base, "/api/search", **params)
    assert api.status_code == status and api.json()["status"] == status


def test_api_answers_match_the_openapi_document(site):
    base, _ = site
    document = get(base, "/api/openapi.json").json()

    def check(path: str, operation_path: str, **params) -> dict:
        answer = get(base, path, **params)
        schema = document["paths"][operation_path]["get"]["responses"]["200"]["content"]["application/json"]
        jsonschema.validate(answer.json(), {**schema["schema"], "components": document["components"]})
        return answer.json()

    found = check("/api/search", "/api/search", q="border", tag="TU")
    assert found["total"] == len(found["hits"]) >= 1 and found["filters"]["tags"] == ["TU"]
    cable = check(f"/api/cables/{HOSTILE}", "/api/cables/{reference_id}")
    assert cable["cable"]["reference_id"] == HOSTILE and "09BAGHDAD3187" in cable["in_corpus"]
    graph = check(f"/api/cables/{HOSTILE}/graph", "/api/cables/{reference_id}/graph", depth=2)
    assert {(e["source"], e["target"]) for e in graph["edges"]} >= {(HOSTILE, "09BAGHDAD3187")}
    posts = check("/api/posts", "/api/posts")
    assert sum(p["cables"] for p in posts) == 15, "every cable but the fragment with no id"
    tag = check("/api/tags/iz", "/api/tags/{tag}", q="border")
    assert tag["heading"] == {"title": "IZ", "subtitle": "Iraq", "kind": "geographic"}
    assert tag["search"]["filters"]["tags"] == ["IZ"]
    assert tag["search"]["total"] == get(base, "/api/search", q="border", tag="IZ").json()["total"] == 3
    origin = check("/api/origins/BAGHDAD", "/api/origins/{code}")
    assert origin["heading"]["title"] == "Embassy Baghdad" and origin["search"]["total"] == 2


def test_a_large_graph_is_cut_with_the_centres_own_edges_first(site, monkeypatch):
    base, _ = site
    whole = get(base, f"/api/cables/{HOSTILE}/graph", depth=2).json()
    assert not whole["truncated"] and len(whole["edges"]) == 6
    monkeypatch.setattr(web, "GRAPH_EDGES_MAX", 4)
    cut = get(base, f"/api/cables/{HOSTILE}/graph", depth=2).json()
    assert cut["truncated"] and len(cut["edges"]) == 4
    assert all(HOSTILE in (e["source"], e["target"]) for e in cut["edges"][:3])
    assert {n["id"] for n in cut["nodes"]} == {x for e in cut["edges"] for x in (e["source"], e["target"])}
    assert "only the first 4 citations" in get(base, f"/cable/{HOSTILE}/graph").text


def test_tag_and_origin_pages_name_what_they_show(site, records):
    base, _ = site
    tag = get(base, "/tag/IZ").text
    assert re.search(r"<h1 class=\"heading\">IZ <span class=\"sub\">Iraq</span>", tag)
    assert f"{sum(1 for c in records.values() if 'IZ' in c.tags)} cable" in tag
    origin = get(base, "/origin/BAGHDAD").text
    assert "Embassy Baghdad" in origin
    baghdad = sum(1 for i in records if re.fullmatch(r"\d\dBAGHDAD\d+", i))
    assert re.search(rf"\b{baghdad} cables?\b", origin)


def test_map_places_posts_by_count(site):
    base, _ = site
    page = get(base, "/map").text
    posts = get(base, "/api/posts").json()
    placed = [p for p in posts if p["lat"] is not None]
    assert len(placed) == len(posts) and page.count("<circle ") == len(placed)
    assert 'href="/origin/BAGHDAD"' in page


def test_raw_text_and_id_box(site, records):
    base, _ = site
    raw = get(base, f"/cable/{HOSTILE}/raw")
    assert raw.headers["content-type"].startswith("text/plain") and raw.text == records[HOSTILE].text
    assert get(base, "/go", id="10baghdad999").headers["location"] == f"/cable/{HOSTILE}"
    assert get(base, "/go", id="border gate").headers["location"] == "/?q=BORDER+GATE"


def test_timeline_bar_narrows_to_its_month(site, records):
    base, _ = site
    page = get(base, "/", q="police").text
    month_link = re.search(r'<a href="(/\?[^"]*from=(\d{4}-\d{2})[^"]*)"><rect', page)
    href, month = month_link.group(1).replace("&amp;", "&"), month_link.group(2)
    narrowed = httpx.get(base + href).text
    expected = sum(1 for c in records.values() if (c.date or "").startswith(month)
                   and "police" in (c.subject or "").lower() + c.text.lower())
    assert re.search(r"(\d+) cables? match", narrowed).group(1) == str(expected)


def test_search_page_follows_an_ingest(tmp_path):
    """The counts and facets a page keeps are dropped when the store changes under the running server."""
    url = str(tmp_path / "cables.db")
    st.ingest(st.connect(url), [str(DATA / "cables" / "10ANKARA243.txt")], jobs=1)
    base, server = _serve(url)
    try:
        assert re.search(r"(\d+) cables?", get(base, "/").text).group(1) == "1"
        st.ingest(st.connect(url), [str(DATA / "web")], jobs=1)
        page = get(base, "/").text
        assert re.search(r"(\d+) cables?", page).group(1) == "2" and 'href="/?tag=TU"' in page
    finally:
        server.should_exit = True


HIGHLIGHTS = [  # (query, text, marked html): 10BAGHDAD999's words
    ("border", "the border gate", "the <mark>border</mark> gate"),
    ("BORDER gate", "Border gate talks", "<mark>Border</mark> <mark>gate</mark> talks"),
    ("bord*", "border borders abroad", "<mark>border</mark> <mark>borders</mark> abroad"),
    ('"gate talks" OR kirkuk', "gate talks in Kirkuk", "<mark>gate</mark> <mark>talks</mark> in <mark>Kirkuk</mark>"),
    ("talks NOT gate", "gate talks", "gate <mark>talks</mark>"),
    ("amp", "a & sign", "a &amp; sign"),
    ("government", "governments and the Government", "<mark>governments</mark> and the <mark>Government</mark>"),
    ("script", "<script>x</script>", "&lt;<mark>script</mark>&gt;x&lt;/<mark>script</mark>&gt;"),
    ("", "<b>", "&lt;b&gt;"),
]


@pytest.mark.parametrize(("query", "text", "html"), HIGHLIGHTS)
def test_highlighter_marks_the_words_searched(query, text, html):
    assert str(highlighter(query)(text)) == html


def test_cable_page_marks_the_search(site):
    base, _ = site
    page = get(base, f"/cable/{HOSTILE}", q='border OR "<script>"').text
    assert "<mark>border</mark>" in page and "&lt;<mark>script</mark>&gt;" in page
    assert "<script>" not in page.split("<main")[1]


def test_timeline_bars_fill_empty_months():
    bars = timeline_bars([Month(month="2009-11", count=2), Month(month="2010-02", count=4)], lambda m: m)
    assert [(b.month, b.count) for b in bars] == [("2009-11", 2), ("2009-12", 0), ("2010-01", 0), ("2010-02", 4)]
    assert bars[-1].height == 90 and bars[0].height == 45


def test_paragraph_anchors_use_the_authors_numbers(records):
    cable = records[HOSTILE]
    assert paragraph_anchors(cable) == ["p1", "p2", "p3"]


# --- the API fuzzed from its OpenAPI document ------------------------------------------------------------------


def test_api_fuzzing_finds_no_server_error(sqlite_site):
    """Every operation of the OpenAPI document, with inputs schemathesis makes from it (valid and not), answers
    with a documented status and a body its schema allows; never a 5xx."""
    from hypothesis import HealthCheck, given, settings
    from schemathesis.checks import positive_data_acceptance

    base, _ = sqlite_site
    schema = schemathesis.openapi.from_url(f"{base}/api/openapi.json")
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == 6

    for operation in operations:
        @settings(max_examples=60, deadline=None, database=None,
                  suppress_health_check=list(HealthCheck))
        @given(case=operation.as_strategy())
        def call(case):
            # A schema-valid `q` can still be a malformed query (`"open phrase`): a 400 is the right answer there,
            # so schemathesis's positive-data check, which wants a 2xx for it, does not apply.
            case.call_and_validate(excluded_checks=[positive_data_acceptance])

        call()


# --- in a real browser -----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM} (make test installs Debian's chromium)")
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync"])
        yield chromium
        chromium.close()


@pytest.fixture()
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.dialogs = []
    tab.on("dialog", lambda dialog: (tab.dialogs.append(dialog.message), dialog.dismiss()))
    yield tab
    context.close()


def test_browser_search_facet_cable_reference(sqlite_site, page):
    base, _ = sqlite_site
    page.goto(base + "/")
    page.fill("form.search input[name=q]", "border")
    page.press("form.search input[name=q]", "Enter")
    page.wait_for_url(re.compile(r"q=border"))
    page.wait_for_selector("li.hit")
    found = page.locator("li.hit").count()
    page.screenshot(path=ARTIFACTS / "search.png", full_page=True)
    page.click('.facet[data-facet="tag"] a:has-text("TU")')
    page.wait_for_url(re.compile(r"tag=TU"))
    assert 1 <= page.locator("li.hit").count() <= found
    page.click(f'li.hit a[href^="/cable/{HOSTILE}"]')
    page.wait_for_url(re.compile(f"/cable/{HOSTILE}\\?q=border$"))
    assert page.locator("p.para").count() == 3 and page.locator("#p1 mark").inner_text() == "border"
    page.screenshot(path=ARTIFACTS / "cable.png", full_page=True)
    page.click('.refs a[href="/cable/09BAGHDAD3187"]')
    page.wait_for_url(re.compile("/cable/09BAGHDAD3187$"))
    assert "DIYALA" in page.locator("h1").inner_text()
    assert page.dialogs == []


def test_browser_hostile_cable_runs_nothing(sqlite_site, page):
    base, _ = sqlite_site
    page.goto(f"{base}/cable/{HOSTILE}")
    assert "<script>window.__pwned=1;alert(1)</script>" in page.locator("#p1").inner_text()
    assert '<img src=x onerror="window.__pwned=2">' in page.locator("#p2").inner_text()
    page.goto(f"{base}/?q=pwned")
    page.wait_for_selector("li.hit")
    shown = " ".join(page.locator("li.hit .snippet").all_inner_texts())
    assert "<script>window.__pwned" in shown or '<img src=x onerror="window.__pwned=2">' in shown
    assert page.evaluate("window.__pwned") is None and page.dialogs == []


def test_browser_graph_and_map_render(sqlite_site, page):
    base, _ = sqlite_site
    page.goto(f"{base}/cable/{HOSTILE}/graph")
    page.wait_for_selector("#graph.drawn", timeout=15000)
    nodes = len(httpx.get(f"{base}/api/cables/{HOSTILE}/graph?depth=2").json()["nodes"])
    assert page.get_attribute("#graph", "data-nodes") == str(nodes) and page.locator("#graph canvas").count() >= 1
    page.screenshot(path=ARTIFACTS / "graph.png")
    page.goto(f"{base}/map")
    circles = page.locator(".map circle")
    assert circles.count() >= 10
    box = circles.first.bounding_box()
    assert box and box["width"] > 1
    page.screenshot(path=ARTIFACTS / "map.png")
    page.click('.map a[data-code="BAGHDAD"]', force=True)
    page.wait_for_url(re.compile("/origin/BAGHDAD"))


def test_browser_reads_with_javascript_off(sqlite_site, browser):
    base, _ = sqlite_site
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(base + "/")
    tab.fill("form.search input[name=q]", "police")
    tab.press("form.search input[name=q]", "Enter")
    tab.wait_for_url(re.compile(r"q=police"))
    tab.locator("li.hit a.subject").first.click()
    tab.wait_for_url(re.compile("/cable/"))
    assert tab.locator("p.para").count() >= 1 and tab.locator(".banner").count() == 2
    tab.goto(f"{base}/cable/{HOSTILE}/graph")
    assert tab.locator("table.edges tr").count() >= 3, "without JavaScript the graph is a table"
    context.close()


def test_the_app_only_reads(tmp_path, pg_url):
    """A corpus opened to serve cannot be written through, on either backend, and an empty or foreign database
    is refused with one line rather than served."""
    with pytest.raises(st.StoreError):
        st.connect_reader(str(tmp_path / "none.db"))
    with pytest.raises(st.StoreError):
        st.connect_reader(pg_url)  # no corpus in it yet
    for url in (str(tmp_path / "cables.db"), pg_url):
        st.ingest(st.connect(url), [str(DATA / "web")], jobs=1)
        reader = st.connect_reader(url)
        with pytest.raises(Exception, match="read-only|readonly"):
            reader.execute("DELETE FROM cables")
        assert reader.execute("SELECT count(*) FROM cables").fetchone()[0] == 1
