"""Web: `cablekit serve`, a corpus read and explored in a browser, and the same data as a JSON API.

Every page is drawn on the server (Jinja2, autoescaped: cable text is untrusted input) and reads with JavaScript
off; htmx makes links and the search form swap the page in place, and the reference graph is drawn with cytoscape.
Timelines and the map of posts are SVG made here. Each page's data is also served under `/api/`, described by an
OpenAPI document whose schemas are generated from the same structs (`/api/openapi.json`).

The app only reads the store. A bad query or parameter is a 400, a missing cable a 404, never a 500.
"""

from __future__ import annotations

import math
import os
import re
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from importlib.resources import files
from typing import Any
from urllib.parse import urlencode

import msgspec
from markupsafe import Markup, escape
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from . import __version__
from . import store as st
from .models import Cable
from .resolve import post, routing_indicators, tag_kind, tag_name

PAGE_SIZE = 20
MAX_PAGE = 500  # deep paging costs the database more than any reader goes
GRAPH_DEPTH_MAX = 3
GRAPH_EDGES_MAX = 400  # more than a reader can follow, or a browser lay out quickly
SUMMARIES_KEPT = 512  # searches whose counts, facets and timeline are kept (a few KB each)
MARKS = ("\x02", "\x03")  # snippet marks no cable text holds: the text is escaped, then these become <mark>
_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")  # a filter date: `2007`, `2007-03` or `2007-03-14`
_ID = re.compile(r"[0-9A-Z_]{4,60}")
SECURITY_HEADERS = {
    # Only the app's own scripts and styles run: cable text can never become code, even if escaping failed.
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
                               "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}


# --- the API's data: each page's data as a struct, so the OpenAPI document is generated, not written ---------


class SearchFilters(msgspec.Struct, kw_only=True):
    tags: list[str] = []
    origin: str | None = None
    classification: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    handling: list[str] = []


class FacetValue(msgspec.Struct, kw_only=True):
    value: str
    count: int
    label: str | None = None
    """A tag's name, where a list names it."""


class Month(msgspec.Struct, kw_only=True):
    month: str
    count: int


class SearchHit(msgspec.Struct, kw_only=True):
    reference_id: str
    date: str | None
    classification: str | None
    origin: str | None
    subject: str | None
    snippet_html: str | None
    """The text around the words found, HTML-escaped, the words in `<mark>`."""
    score: float | None


class SearchResult(msgspec.Struct, kw_only=True):
    query: str | None
    filters: SearchFilters
    total: int
    page: int
    pages: int
    hits: list[SearchHit]
    facets: dict[str, list[FacetValue]]
    timeline: list[Month]


class Post(msgspec.Struct, kw_only=True):
    code: str
    name: str | None
    country: str | None
    lat: float | None
    lon: float | None
    cables: int


class Heading(msgspec.Struct, kw_only=True):
    title: str
    subtitle: str | None = None
    kind: str
    """`post`, or the tag's kind: subject, program, geographic, organization, tag (a code no list knows)."""


class Listing(msgspec.Struct, kw_only=True):
    """A tag's or a post's page: what it is, and the search for its cables."""

    heading: Heading
    search: SearchResult


class CablePage(msgspec.Struct, kw_only=True):
    cable: Cable
    cited_by: list[str]
    in_corpus: list[str]
    """The cited cables that are in this corpus (the others are marked as not)."""
    routes: dict[str, str]
    """Routing indicator -> the post it names, for the cable's addressees."""
    tag_names: dict[str, str]
    post: Post | None


class GraphNode(msgspec.Struct, kw_only=True):
    id: str
    in_corpus: bool
    subject: str | None = None
    date: str | None = None


class GraphEdge(msgspec.Struct, kw_only=True):
    source: str
    target: str


class Graph(msgspec.Struct, kw_only=True):
    center: str
    depth: int
    nodes: list[GraphNode]
    edges: list[GraphEdge]
    truncated: bool = False
    """More citations lie within `depth` hops than the graph shows (the centre's own come first)."""


class ApiError(msgspec.Struct, kw_only=True):
    error: str
    status: int


# --- reading requests ------------------------------------------------------------------------------------------


def _bad(message: str) -> HTTPException:
    return HTTPException(400, message)


def _date(value: str | None, name: str) -> str | None:
    if value and not _DATE.fullmatch(value):
        raise _bad(f"{name} must be a year, a month or a day (2007, 2007-03, 2007-03-14), not {value!r}")
    return value or None


def _int(value: str | None, name: str, default: int, low: int, high: int) -> int:
    if value is None or value == "":
        return default
    try:
        number = int(value)
    except ValueError:
        raise _bad(f"{name} must be a whole number, not {value!r}") from None
    if not low <= number <= high:
        raise _bad(f"{name} must be between {low} and {high}")
    return number


def _filters(request: Request, **preset: Any) -> SearchFilters:
    params = request.query_params
    filters = SearchFilters(
        tags=[t.strip().upper() for t in params.getlist("tag") if t.strip()],
        origin=params.get("origin") or None,
        classification=params.get("classification") or None,
        date_from=_date(params.get("from"), "from"),
        date_to=_date(params.get("to"), "to"),
        handling=[h.strip().upper() for h in params.getlist("handling") if h.strip()])
    for name, value in preset.items():
        setattr(filters, name, value)
    return filters


def _store_filters(filters: SearchFilters) -> st.Filters:
    return st.Filters(tags=tuple(filters.tags), origin=filters.origin, classification=filters.classification,
                      date_from=filters.date_from, date_to=filters.date_to, handling=tuple(filters.handling))


def _reference_id(request: Request) -> str:
    reference_id = request.path_params["reference_id"].upper()
    if not _ID.fullmatch(reference_id):
        raise HTTPException(404, f"no cable {reference_id[:60]!r}")
    return reference_id


# --- the pages' data -------------------------------------------------------------------------------------------


class Site:
    """The app's view of one corpus: a connection per server thread (SQLite connections stay in their thread)."""

    def __init__(self, db_url: str) -> None:
        self.db_url = db_url
        self._local = threading.local()
        self._lock = threading.Lock()
        self._summaries: OrderedDict[tuple[Any, ...], tuple[tuple[int, ...], st.Summary]] = OrderedDict()
        st.connect_reader(db_url)  # fail at start, with one line, rather than at the first request

    @property
    def db(self) -> st.Connection:
        if getattr(self._local, "db", None) is None:
            self._local.db = st.connect_reader(self.db_url)
        return self._local.db

    def search(self, query: str | None, filters: SearchFilters, page: int, page_size: int = PAGE_SIZE,
               facet_size: int = 12) -> SearchResult:
        where = _store_filters(filters)
        try:
            hits = st.search(self.db, query, where, limit=page_size, offset=(page - 1) * page_size, marks=MARKS)
            found = self._summary(query, where, facet_size)
        except st.StoreError as exc:
            raise _bad(str(exc)) from exc
        return SearchResult(
            query=st.normalize_query(query), filters=filters, total=found.total, page=page,
            pages=max(1, math.ceil(found.total / page_size)),
            hits=[SearchHit(reference_id=h.reference_id, date=h.date, classification=h.classification,
                            origin=h.origin, subject=h.subject, snippet_html=_marked(h.snippet), score=h.score)
                  for h in hits],
            facets={name: [FacetValue(value=v, count=n, label=st.facet_label(name, v)) for v, n in values]
                    for name, values in found.facets.items()},
            timeline=[Month(month=m, count=n) for m, n in found.timeline])

    def _summary(self, query: str | None, where: st.Filters, facet_size: int) -> st.Summary:
        """Count, facets and timeline of a search: they read every matching cable (all of them on the front page),
        so they are kept, per search, until the store changes; paging and reading cables then cost only the page."""
        key = (query, repr(where), facet_size)
        generation = self._generation()
        with self._lock:
            kept = self._summaries.get(key)
            if kept and kept[0] == generation:
                self._summaries.move_to_end(key)
                return kept[1]
        summary = st.summary(self.db, query, where, top=facet_size)
        with self._lock:
            self._summaries[key] = (generation, summary)
            while len(self._summaries) > SUMMARIES_KEPT:
                self._summaries.popitem(last=False)
        return summary

    def _generation(self) -> tuple[int, ...]:
        """What changes when the store does: an SQLite file and its write-ahead log are rewritten by every
        ingest; a PostgreSQL corpus is trusted for a minute."""
        if st.is_postgres(self.db_url):
            return (int(time.monotonic() // 60),)
        return tuple(os.stat(path).st_mtime_ns if os.path.exists(path) else 0
                     for path in (self.db_url, self.db_url + "-wal"))

    def cable(self, reference_id: str) -> CablePage:
        cable = st.get(self.db, reference_id)
        if cable is None:
            raise HTTPException(404, f"no cable {reference_id} in this corpus")
        cited = [r.reference_id for r in cable.references if r.reference_id]
        routes = routing_indicators()
        code = _origin_code(cable.reference_id)
        return CablePage(
            cable=cable, cited_by=st.cited_by(self.db, reference_id), in_corpus=sorted(st.stored_ids(self.db, cited)),
            routes={a.route: routes[a.route] for a in cable.to + cable.info if a.route in routes},
            tag_names={t: name for t in cable.tags if (name := tag_name(t))},
            post=self._post(code, None) if code else None)

    def graph(self, reference_id: str, depth: int) -> Graph:
        if not st.stored_ids(self.db, [reference_id]):
            raise HTTPException(404, f"no cable {reference_id} in this corpus")
        around = st.neighbourhood(self.db, reference_id, depth)
        # A much-cited cable brings thousands of edges at 3 hops: keep the centre's own first, then the others.
        edges = sorted(around.edges, key=lambda e: reference_id not in e)[:GRAPH_EDGES_MAX]
        ids = sorted({x for edge in edges for x in edge} | {reference_id})
        known = {i: (s, d) for i, s, d in self.db.execute(
            f"SELECT reference_id, subject, date FROM cables WHERE reference_id IN ({','.join('?' * len(ids))})",
            ids)}
        nodes = []
        for i in ids:
            subject, date = known.get(i, (None, None))
            nodes.append(GraphNode(id=i, in_corpus=i in known, subject=subject, date=date))
        return Graph(center=reference_id, depth=depth, nodes=nodes, truncated=len(around.edges) > len(edges),
                     edges=[GraphEdge(source=a, target=b) for a, b in edges])

    def posts(self) -> list[Post]:
        return [self._post(code, n) for code, n in st.origin_counts(self.db)]

    @staticmethod
    def _post(code: str, cables: int | None) -> Post:
        known = post(code)
        if known is None:
            return Post(code=code, name=None, country=None, lat=None, lon=None, cables=cables or 0)
        return Post(code=code, name=known.name, country=known.country_name, lat=known.lat, lon=known.lon,
                    cables=cables or 0)


def paragraph_anchors(cable: Cable) -> list[str]:
    """Deep links to paragraphs: `#p5` is paragraph 5 as the author numbered it; an unnumbered paragraph, or a
    number seen before (a list restarting), gets its place instead (`#par7`)."""
    seen: set[int] = set()
    anchors = []
    for place, paragraph in enumerate(cable.paragraphs, 1):
        number = paragraph.number
        anchors.append(f"p{number}" if number is not None and number not in seen else f"par{place}")
        if number is not None:
            seen.add(number)
    return anchors


def highlighter(query: str | None) -> Callable[[str | None], Markup]:
    """Marks, in a cable's text, the words a search asked for (`store.words_found`). The text is cut at the words
    found and each piece escaped, so a mark can never land inside an entity or a tag."""
    found = st.words_found(query)
    if found is None:
        return lambda text: escape(text or "")

    def mark(text: str | None) -> Markup:
        text = text or ""
        pieces: list[Markup] = []
        last = 0
        for m in found.finditer(text):
            pieces += [escape(text[last:m.start()]), Markup("<mark>"), escape(m.group()), Markup("</mark>")]
            last = m.end()
        pieces.append(escape(text[last:]))
        return Markup("").join(pieces)

    return mark


def _origin_code(reference_id: str) -> str | None:
    m = re.fullmatch(r"\d{2}([A-Z]+)\d+", reference_id)
    return m.group(1) if m else None


def _marked(snippet: str | None) -> str | None:
    """A snippet, escaped, with the words found in <mark>."""
    if snippet is None:
        return None
    start, stop = MARKS
    return str(escape(snippet)).replace(start, "<mark>").replace(stop, "</mark>")


# --- drawings: the timeline and the map are SVG made here, so they show with JavaScript off ----------------------


class Bar(msgspec.Struct):
    month: str
    count: int
    x: float
    height: float
    href: str


def timeline_bars(months: list[Month], href: Any, width: float = 900, height: float = 90) -> list[Bar]:
    """One bar a month from the first month with a hit to the last (empty months too, so gaps show)."""
    if not months:
        return []
    counts = {m.month: m.count for m in months}
    first, last = (int(months[0].month[:4]), int(months[0].month[5:7])), (int(months[-1].month[:4]),
                                                                            int(months[-1].month[5:7]))
    span = (last[0] - first[0]) * 12 + last[1] - first[1] + 1
    top = max(counts.values())
    bars = []
    for i in range(span):
        year, month = first[0] + (first[1] - 1 + i) // 12, (first[1] - 1 + i) % 12 + 1
        key = f"{year:04d}-{month:02d}"
        n = counts.get(key, 0)
        bars.append(Bar(month=key, count=n, x=i * width / span, height=height * n / top, href=href(key)))
    return bars


def _land() -> Markup:
    """The world's land as one SVG path (see tools/vendor_web.py): our own file, digits and M/L/Z only."""
    path = files("cablekit").joinpath("static/vendor/land-110m.svgpath").read_text().strip()
    if not re.fullmatch(r"[MLZ0-9.,\-]*", path):
        raise ValueError("land-110m.svgpath holds more than path data")
    return Markup(path)


# --- the OpenAPI document ---------------------------------------------------------------------------------------


def _parameter(name: str, where: str, schema: dict[str, Any], description: str) -> dict[str, Any]:
    parameter = {"name": name, "in": where, "required": where == "path", "schema": schema,
                 "description": description}
    if schema.get("type") == "array":
        parameter.update(style="form", explode=True)
    return parameter


def openapi_document() -> dict[str, Any]:
    """OpenAPI 3.1 for `/api/`: the response schemas generated from the structs the API encodes."""
    (search, listing, cable, graph, posts, error), components = msgspec.json.schema_components(
        [SearchResult, Listing, CablePage, Graph, list[Post], ApiError], ref_template="#/components/schemas/{name}")
    date = {"type": "string", "pattern": "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"}
    words = {"type": "array", "items": {"type": "string"}}
    filters = [
        _parameter("q", "query", {"type": "string"}, 'Words, "phrases", AND/OR/NOT, prefix*'),
        _parameter("tag", "query", words, "TAGS codes the cables carry (all of them)"),
        _parameter("origin", "query", {"type": "string"}, "The post: a name, an origin code or a routing indicator"),
        _parameter("classification", "query", {"type": "string"}, "Classification (its start: SECRET, CONFID...)"),
        _parameter("from", "query", date, "First year, month or day"),
        _parameter("to", "query", date, "Last year, month or day (included)"),
        _parameter("handling", "query", words, "Handling captions the cables carry (NOFORN, SIPDIS...)"),
        _parameter("page", "query", {"type": "integer", "minimum": 1, "maximum": MAX_PAGE}, "Page of 20 hits"),
    ]
    reference_id = _parameter("reference_id", "path", {"type": "string"}, "A canonical reference id: 07BAGHDAD620")
    depth = _parameter("depth", "query", {"type": "integer", "minimum": 1, "maximum": GRAPH_DEPTH_MAX},
                       "How many hops of citations to follow")

    def answers(ok: dict[str, Any], summary: str, *statuses: int) -> dict[str, Any]:
        responses = {"200": {"description": summary, "content": {"application/json": {"schema": ok}}}}
        for status in statuses:
            responses[str(status)] = {"description": {400: "A malformed query or parameter", 404: "No such cable"}
                                      [status], "content": {"application/json": {"schema": error}}}
        return responses

    def operation(operation_id: str, summary: str, parameters: list[Any], ok: dict[str, Any],
                  *statuses: int) -> dict[str, Any]:
        return {"get": {"operationId": operation_id, "summary": summary, "parameters": parameters,
                        "responses": answers(ok, summary, *statuses)}}

    return {
        "openapi": "3.1.0",
        "info": {"title": "cablekit", "version": __version__,
                 "description": "A corpus of US diplomatic cables: search, records, the reference graph, posts."},
        "paths": {
            "/api/search": operation("search", "Ranked hits, facets and the timeline of a search", filters, search,
                                     400),
            "/api/cables/{reference_id}": operation("cable", "A cable's record, what cites it, its posts named",
                                                    [reference_id], cable, 404),
            "/api/cables/{reference_id}/graph": operation("graph", "The citations around a cable",
                                                          [reference_id, depth], graph, 400, 404),
            "/api/posts": operation("posts", "Every origin with its cable count, name and coordinates", [], posts),
            "/api/tags/{tag}": operation("tag", "A TAGS code named, and the search for its cables",
                                         [_parameter("tag", "path", {"type": "string"}, "A TAGS code: PREL"),
                                          *filters], listing, 400),
            "/api/origins/{code}": operation("origin", "A post named, and the search for its cables",
                                             [_parameter("code", "path", {"type": "string"},
                                                         "An origin code, as in reference ids: BAGHDAD"), *filters],
                                             listing, 400),
        },
        "components": {"schemas": components},
    }


# --- the app ---------------------------------------------------------------------------------------------------


def _templates() -> Jinja2Templates:
    templates = Jinja2Templates(directory=str(files("cablekit").joinpath("templates")))
    env = templates.env
    env.globals.update(tag_kind=tag_kind, land=_land())
    env.filters["marked"] = lambda html: Markup(html or "")  # snippets arrive escaped, with <mark> only
    return templates


def _adding(params: list[tuple[str, str]], name: str, value: str, single: bool = False) -> list[tuple[str, str]]:
    """The search's parameters with one more filter (replacing it for single-valued ones), back on page one."""
    kept = [(k, v) for k, v in params if k != "page" and not (single and k == name) and (k, v) != (name, value)]
    return [*kept, (name, value)]


def _without(params: list[tuple[str, str]], name: str, value: str) -> list[tuple[str, str]]:
    return [(k, v) for k, v in params if k != "page" and (k, v) != (name, value)]


def _search_url(params: list[tuple[str, str]]) -> str:
    return "/?" + urlencode(params) if params else "/"


def _page_url(params: list[tuple[str, str]], path: str, page: int) -> str:
    return f"{path}?" + urlencode([*[(k, v) for k, v in params if k != "page"], ("page", str(page))])


def create_app(db_url: str) -> Starlette:
    """The web app over one corpus (an SQLite file or a PostgreSQL URL), read-only."""
    site = Site(db_url)
    templates = _templates()
    schemas = openapi_document()

    def render(request: Request, name: str, status_code: int = 200, **context: Any) -> Response:
        return templates.TemplateResponse(request, name, context, status_code=status_code, headers=SECURITY_HEADERS)

    def api(data: Any, status: int = 200) -> Response:
        return Response(msgspec.json.encode(data), status_code=status, media_type="application/json",
                        headers=SECURITY_HEADERS)

    def search_data(request: Request, **preset: Any) -> SearchResult:
        page = _int(request.query_params.get("page"), "page", 1, 1, MAX_PAGE)
        return site.search(request.query_params.get("q"), _filters(request, **preset), page)

    def search_page(request: Request, listing: Listing | None = None) -> Response:
        result = listing.search if listing else search_data(request)
        params = list(request.query_params.multi_items())  # a tag's or post's page narrows as a search with it
        params += [("tag", t) for t in result.filters.tags if ("tag", t) not in params]
        params += [("origin", result.filters.origin)] if listing and result.filters.origin else []

        def between(start: str, end: str) -> str:
            return _search_url(_adding(_adding(params, "from", start, True), "to", end, True))

        bars = timeline_bars(result.timeline, lambda month: between(month, month))
        return render(request, "search.html", result=result, heading=listing.heading if listing else None,
                      params=params, bars=bars, between=between,
                      adding=lambda n, v, single=False: _search_url(_adding(params, n, v, single)),
                      without=lambda n, v: _search_url(_without(params, n, v)),
                      page_url=lambda p: _page_url(request.query_params.multi_items(), request.url.path, p))

    def home(request: Request) -> Response:
        return search_page(request)

    def tag_listing(request: Request) -> Listing:
        tag = request.path_params["tag"].upper()
        heading = Heading(title=tag, subtitle=tag_name(tag), kind=tag_kind(tag) or "tag")
        others = [t for t in _filters(request).tags if t != tag]
        return Listing(heading=heading, search=search_data(request, tags=[tag, *others]))

    def origin_listing(request: Request) -> Listing:
        code = request.path_params["code"].upper()
        known = post(code)
        heading = Heading(title=known.name if known else code, subtitle=known.country_name if known else None,
                          kind="post")
        return Listing(heading=heading, search=search_data(request, origin=code))

    def tag_page(request: Request) -> Response:
        return search_page(request, tag_listing(request))

    def origin_page(request: Request) -> Response:
        return search_page(request, origin_listing(request))

    def cable_page(request: Request) -> Response:
        page = site.cable(_reference_id(request))
        query = request.query_params.get("q") or None
        return render(request, "cable.html", page=page, anchors=paragraph_anchors(page.cable), query=query,
                      mark=highlighter(query))

    def cable_raw(request: Request) -> Response:
        cable = site.cable(_reference_id(request)).cable
        return PlainTextResponse(cable.text, headers=SECURITY_HEADERS)

    def graph_page(request: Request) -> Response:
        depth = _int(request.query_params.get("depth"), "depth", 2, 1, GRAPH_DEPTH_MAX)
        return render(request, "graph.html", graph=site.graph(_reference_id(request), depth))

    def map_page(request: Request) -> Response:
        posts = site.posts()
        top = max((p.cables for p in posts), default=1)
        return render(request, "map.html", posts=posts, placed=[p for p in posts if p.lat is not None],
                      radius=lambda n: 0.6 + 5.4 * math.sqrt(n / top))

    def go(request: Request) -> Response:
        """The header's box takes an id too: an id that is stored opens its cable, anything else is searched."""
        text = (request.query_params.get("id") or "").strip().upper()
        if _ID.fullmatch(text) and st.stored_ids(site.db, [text]):
            return RedirectResponse(f"/cable/{text}", 303)
        return RedirectResponse("/?" + urlencode({"q": text}) if text else "/", 303)

    def api_search(request: Request) -> Response:
        return api(search_data(request))

    def api_cable(request: Request) -> Response:
        return api(site.cable(_reference_id(request)))

    def api_graph(request: Request) -> Response:
        depth = _int(request.query_params.get("depth"), "depth", 2, 1, GRAPH_DEPTH_MAX)
        return api(site.graph(_reference_id(request), depth))

    def api_posts(request: Request) -> Response:
        return api(site.posts())

    def api_tag(request: Request) -> Response:
        return api(tag_listing(request))

    def api_origin(request: Request) -> Response:
        return api(origin_listing(request))

    def api_openapi(request: Request) -> Response:
        return api(schemas)

    def error(request: Request, exc: Exception) -> Response:
        status = exc.status_code if isinstance(exc, HTTPException) else 500
        message = exc.detail if isinstance(exc, HTTPException) else "the server failed on this request"
        if request.url.path.startswith("/api/"):
            return api(ApiError(error=message, status=status), status)
        return render(request, "error.html", status, status=status, message=message)

    static = StaticFiles(directory=str(files("cablekit").joinpath("static")))
    routes = [
        Route("/", home), Route("/go", go), Route("/tag/{tag}", tag_page), Route("/origin/{code}", origin_page),
        Route("/cable/{reference_id}", cable_page), Route("/cable/{reference_id}/raw", cable_raw),
        Route("/cable/{reference_id}/graph", graph_page), Route("/map", map_page),
        Route("/api/search", api_search), Route("/api/cables/{reference_id}", api_cable),
        Route("/api/cables/{reference_id}/graph", api_graph), Route("/api/posts", api_posts),
        Route("/api/tags/{tag}", api_tag), Route("/api/origins/{code}", api_origin),
        Route("/api/openapi.json", api_openapi), Mount("/static", static, name="static"),
    ]
    return Starlette(routes=routes, exception_handlers={HTTPException: error, Exception: error})
