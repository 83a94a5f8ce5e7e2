"""The worker's web server (Faust's aiohttp): story API, subscriptions API, SSE streams, dashboard,
health, readiness and metrics. Shapes come from `streams.serve`; this module only routes.

Each worker holds the stories of the partitions it owns (with one shard key per language, every
story of those languages) and asks the other workers for the rest (`peers`); subscriptions, alerts
and the dashboard's story list come from whole-topic tails. So any worker serves them completely.
"""

from __future__ import annotations

import hmac
import time
from typing import Any
from urllib.parse import quote

import orjson
from aiohttp import web as aioweb
from faust.web import View

from streams.alert.deliver.sse import decode_vector
from streams.alert.filters import Filter, Subject, parse_query_filters
from streams.alert.subscriptions import parse_subscription
from streams.errors import ConfigError, FetchError, PoisonRecord
from streams.flow import shard_key
from streams.models import Alert, Article, Story, iso
from streams.pipeline import agents, peers, tables
from streams.pipeline.app import app, settings
from streams.pipeline.codec import from_obj
from streams.pipeline.delivery import pump, watcher
from streams.pipeline.live import alerts_hub, board, feed_states, metrics, registry, tails
from streams.poll.guard import check_url
from streams.serve import article_json, story_detail, story_page
from streams.serve.dashboard import CSP, asset
from streams.serve.metrics import CONTENT_TYPE
from streams.serve.openapi import openapi

# Faust mounts its own index page at "/"; the dashboard lives there instead.
app.web.blueprints._enabled = [(p, bp) for p, bp in app.web.blueprints._enabled if p != ""]

SECURITY = {"X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer"}


@aioweb.middleware
async def _json_errors(request: Any, handler: Any) -> Any:
    """aiohttp answers an unknown route or method in plain text; API clients parse JSON errors."""
    try:
        return await handler(request)
    except aioweb.HTTPException as exc:
        if exc.status < 400 or exc.content_type == "application/json":
            raise
        headers = {**SECURITY, **({"Allow": exc.headers["Allow"]} if "Allow" in exc.headers else {})}
        return aioweb.json_response({"error": exc.reason.lower(), "path": request.path},
                                    status=exc.status, headers=headers)


app.web.web_app.middlewares.append(_json_errors)


def _int(request: Any, name: str, default: int, low: int = 0, high: int = 1 << 31) -> int:
    """A query parameter as an integer in [low, high]; anything else is the client's error (400)."""
    raw = request.query.get(name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        value = None
    if value is None or not low <= value <= high:
        raise ConfigError(f"{name} must be an integer from {low} to {high}, got {raw!r}")
    return value


def owned() -> set[int]:
    """The partitions this worker holds now. The table keeps what it held before a rebalance, but
    that copy stops changing when another worker takes the partition over: it is not served."""
    changelog = tables.stories_table.changelog_topic.get_topic_name()
    return {tp.partition for tp in app.assignor.assigned_actives() if tp.topic == changelog}


def _mine(item: Story | Article | None, partitions: set[int]) -> bool:
    return item is not None and tables.shard_partition(shard_key(item), settings.partitions) in partitions


def load_story(story_id: str) -> Story | None:
    story = tables.load_story(story_id)
    return story if _mine(story, owned()) else None


def load_article(article_id: str) -> Article | None:
    article = tables.load_article(article_id)
    return article if _mine(article, owned()) else None


def _error(web: Any, status: int, message: str, **extra: Any) -> Any:
    return web.json({"error": message, **extra}, status=status, headers=dict(SECURITY))


def _unauthorized(web: Any) -> Any:
    if not settings.api_token:
        return _error(web, 401, "changes are disabled: the server has no API token (set NEWSSTREAM_API_TOKEN)")
    return _error(web, 401, "a valid bearer token is required (Authorization: Bearer $NEWSSTREAM_API_TOKEN)")


def _authorized(request: Any) -> bool:
    token = settings.api_token
    given = request.headers.get("Authorization", "")
    return bool(token) and given.startswith("Bearer ") and hmac.compare_digest(given[7:].encode(), token.encode())


# -- dashboard -------------------------------------------------------------------------------
@app.page("/")
async def dashboard(web: Any, request: Any) -> Any:
    return aioweb.Response(body=asset("index.html"), content_type="text/html", charset="utf-8",
                           headers={"Content-Security-Policy": CSP, **SECURITY})


@app.page("/static/{name}")
async def static(web: Any, request: Any, name: str) -> Any:
    types = {"app.js": "application/javascript", "app.css": "text/css"}
    if name not in types:
        return _error(web, 404, "not found")
    return aioweb.Response(body=asset(name), content_type=types[name], charset="utf-8",
                           headers={"Content-Security-Policy": CSP, "Cache-Control": "no-cache", **SECURITY})


# -- operations ------------------------------------------------------------------------------
@app.page("/health")
async def health(web: Any, request: Any) -> Any:
    return web.json({"status": "ok"})


@app.page("/ready")
async def ready(web: Any, request: Any) -> Any:
    """503 until the broker answers and this worker has partitions assigned."""
    assigned = sorted({f"{tp.topic}:{tp.partition}" for tp in app.consumer.assignment()})
    broker = await tails["alerts"].reachable()
    ok = broker and bool(assigned) and tails["subscriptions"].caught_up.is_set()
    body = {"ready": ok, "broker": broker, "partitions": assigned,
            "subscriptions_loaded": tails["subscriptions"].caught_up.is_set()}
    return web.json(body, status=200 if ok else 503)


@app.page("/metrics")
async def prometheus(web: Any, request: Any) -> Any:
    counts = await tables.story_counts(owned())  # every scrape: read without decoding a story
    metrics.set("newsstream_stories_active", "Active stories in this worker's partitions", counts["active"])
    metrics.set("newsstream_stories", "Stories in this worker's partitions", sum(counts.values()))
    metrics.set("newsstream_subscriptions", "Known subscriptions", len(registry.entries))
    metrics.set("newsstream_deliveries_pending", "Stories with webhook deliveries waiting or retrying", len(pump.due))
    metrics.set("newsstream_sse_clients", "Connected SSE clients", len(alerts_hub.clients) + len(board.hub.clients))
    for state, n in feed_states().items():
        metrics.set("newsstream_feeds", "Feeds by health (from the poller's state)", n, state=state)
    mon = app.monitor
    metrics.clear("newsstream_topic_messages_in_total")
    metrics.clear("newsstream_topic_messages_out_total")
    for topic, n in dict(getattr(mon, "messages_received_by_topic", {})).items():
        metrics.set("newsstream_topic_messages_in_total", "Messages read per topic (stage input)", n, topic=str(topic))
    for topic, n in dict(getattr(mon, "messages_sent_by_topic", {})).items():
        metrics.set("newsstream_topic_messages_out_total", "Messages sent per topic (stage output)", n, topic=str(topic))
    metrics.clear("newsstream_consumer_lag")
    for tp in app.consumer.assignment():
        position = await app.consumer.position(tp)
        high = app.consumer.highwater(tp)
        if position is not None and high is not None:
            metrics.set("newsstream_consumer_lag", "Records behind the end of each assigned partition",
                        max(0, high - position), topic=tp.topic, partition=str(tp.partition))
    return aioweb.Response(text=metrics.render(), headers={"Content-Type": CONTENT_TYPE})


@app.page("/openapi.json")
async def openapi_doc(web: Any, request: Any) -> Any:
    return web.json(openapi(settings.api_base))


# -- stories and articles --------------------------------------------------------------------
@app.page("/stories")
async def list_stories(web: Any, request: Any) -> Any:
    try:
        spec = parse_query_filters(dict(request.query))
        if "categories" in spec or "kinds" in spec:
            raise ConfigError("categories and kinds filter alerts; stories carry neither")
        flt = Filter.parse(spec)
        local = _local(request)
        others = [] if local else peers.peers()
        limit = _int(request, "limit", 50, 1, peers.LOCAL_LIMIT if local else 500)
        # merged from every worker's first offset + limit stories, which a peer lists up to LOCAL_LIMIT
        offset = _int(request, "offset", 0, 0, peers.LOCAL_LIMIT - limit if others else 1 << 31)
        min_sources = _int(request, "min_sources", 1)
        status = request.query.get("status", "active")
        if status not in ("active", "all"):
            raise ConfigError(f"status must be active or all, got {status!r}")
    except ConfigError as exc:
        return _error(web, 400, str(exc))
    keep, inactive = (lambda s: flt.matches(Subject.of_story(s))), status == "all"
    # active stories are in the stages' memory; `status=all` decodes every story stored here
    partitions = owned()
    stories = await (tables.stored_in(partitions) if inactive
                     else tables.active_stories(partitions, agents.shards.stages))
    if not others:
        return web.json(story_page(stories, limit=limit, offset=offset, min_sources=min_sources,
                                   keep=keep, include_inactive=inactive))
    remote, failed = await peers.ask("/stories", {**request.query, "offset": "0", "limit": str(offset + limit)})
    mine = story_page(stories, limit=offset + limit, min_sources=min_sources, keep=keep, include_inactive=inactive)
    pages = [mine, *(body for status, body in remote if status == 200 and isinstance(body, dict))]
    page = peers.merge_pages(pages, offset, limit)
    if failed:
        page["unreachable"] = failed  # workers whose stories this page lacks
    return web.json(page)


@app.page("/stories/stream")
async def stories_stream(web: Any, request: Any) -> Any:
    """SSE: a `snapshot` event with the newest active stories, then each story update."""
    resp = await _sse_response(request)
    frames = board.hub.stream(None, lambda _v: True)
    try:
        # Subscribed before the snapshot is taken: an update the tail reads while the snapshot is
        # written (a big one waits for the socket) comes live, not in neither.
        retry = await frames.__anext__()
        await resp.write(retry + _frame("snapshot", board.top(100)))
        async for frame in frames:
            await resp.write(frame)
    except ConnectionResetError:
        pass  # the client went away
    finally:
        await frames.aclose()
    return resp


@app.page("/stories/{story_id}")
async def get_story(web: Any, request: Any, story_id: str) -> Any:
    story = load_story(story_id)
    if story is None:
        return await _from_peers(web, request, "/stories/", story_id)
    return web.json(story_detail(story, load_article))


@app.page("/articles/{article_id}")
async def get_article(web: Any, request: Any, article_id: str) -> Any:
    article = load_article(article_id)
    if article is None:
        return await _from_peers(web, request, "/articles/", article_id)
    return web.json(article_json(article))


def _local(request: Any) -> bool:
    """`?scope=local`: answer from this worker's partitions only (what a peer is asked)."""
    scope = request.query.get(peers.SCOPE)
    if scope not in (None, peers.LOCAL, "all"):
        raise ConfigError(f"scope must be 'local' or 'all', got {scope!r}")
    return scope == peers.LOCAL


async def _from_peers(web: Any, request: Any, collection: str, key: str) -> Any:
    """What this worker lacks, from the worker that holds it: 404 when none does, 503 when one
    that might did not answer."""
    try:
        if _local(request):
            return _error(web, 404, "not found", id=key)
    except ConfigError as exc:
        return _error(web, 400, str(exc))
    answers, failed = await peers.ask(collection + quote(key, safe=""), {})
    found = next((body for status, body in answers if status == 200), None)
    if found is not None:
        return web.json(found)
    if failed:
        return _error(web, 503, "not found on the workers that answered", id=key, unreachable=failed)
    return _error(web, 404, "not found", id=key)


# -- alerts over SSE -------------------------------------------------------------------------
@app.page("/alerts/stream")
async def alerts_stream(web: Any, request: Any) -> Any:
    """SSE of alerts (`?subscription=ID` applies its filters); `id:` is an offset vector, so a
    reconnect with `Last-Event-ID` resumes without gaps. `?last=N` replays the newest N first."""
    sid = request.query.get("subscription")
    keep = lambda _v: True  # noqa: E731
    if sid:
        flt = registry.filter_of(sid)
        if flt is None:
            return _error(web, 404, "unknown subscription", id=sid)
        keep = lambda v: _alert_matches(flt, v)  # noqa: E731
    after = decode_vector(request.headers.get("Last-Event-ID") or request.query.get("last_event_id"))
    try:
        last = _int(request, "last", 0, 0, 500)
    except ConfigError as exc:
        return _error(web, 400, str(exc))
    resp = await _sse_response(request)
    try:
        async for frame in alerts_hub.stream(after, keep, last=last):
            await resp.write(frame)
    except ConnectionResetError:
        pass  # the client went away; it resumes with Last-Event-ID
    return resp


def _alert_matches(flt: Filter, value: dict[str, Any]) -> bool:
    try:
        return flt.matches(Subject.of_alert(from_obj(Alert, value)))
    except PoisonRecord:
        return False


async def _sse_response(request: Any) -> aioweb.StreamResponse:
    resp = aioweb.StreamResponse(headers={"Content-Type": "text/event-stream", "Cache-Control": "no-cache",
                                          "X-Accel-Buffering": "no", **SECURITY})
    await resp.prepare(request)
    return resp


def _frame(event: str, data: Any) -> bytes:
    return f"event: {event}\ndata: ".encode() + orjson.dumps(data) + b"\n\n"


# -- subscriptions ---------------------------------------------------------------------------
MAX_BODY = 64 * 1024  # a subscription is a few hundred bytes


@app.page("/subscriptions")
class Subscriptions(View):
    async def get(self, request: Any) -> Any:
        full = _authorized(request)  # a webhook URL can be a credential: its path for the token holder only
        body: dict[str, Any] = {"subscriptions": [s.public(full) for s in registry.all().values()]}
        if watcher.error:  # known on the leader, which applies the file
            body["file_error"] = watcher.error
        return self.json(body)

    async def post(self, request: Any) -> Any:
        if not _authorized(request):
            return _unauthorized(self)
        if (request.content_length or 0) > MAX_BODY:
            return _error(self, 413, f"request body over {MAX_BODY} bytes")
        body = await request.content.read(MAX_BODY + 1)  # a chunked body has no Content-Length
        if len(body) > MAX_BODY:
            return _error(self, 413, f"request body over {MAX_BODY} bytes")
        try:
            obj = orjson.loads(body)
            if isinstance(obj, dict):
                obj = {k: v for k, v in obj.items() if k not in ("origin", "created_at", "disabled")}
            sub = parse_subscription(obj, origin="api", created_at=iso(time.time()))
            if sub.url:  # refused here already; each delivery checks again (DNS can change)
                await check_url(sub.url, settings.allow_private_networks)
        except orjson.JSONDecodeError as exc:
            return _error(self, 400, f"the request body is not JSON: {exc}")
        except (ConfigError, FetchError) as exc:  # BlockedURLError is a FetchError
            return _error(self, 400, str(exc))
        if registry.get(sub.id) is not None:
            return _error(self, 409, "subscription exists; DELETE it first", id=sub.id)
        await registry.put(sub)
        return self.json(sub.public(full_url=True), status=201)


@app.page("/subscriptions/{sub_id}")
class OneSubscription(View):
    async def get(self, request: Any, sub_id: str) -> Any:
        sub = registry.get(sub_id)
        return self.json(sub.public(_authorized(request))) if sub else _error(self, 404, "not found", id=sub_id)

    async def delete(self, request: Any, sub_id: str) -> Any:
        if not _authorized(request):
            return _unauthorized(self)
        if registry.get(sub_id) is None:
            return _error(self, 404, "not found", id=sub_id)
        await registry.delete(sub_id)
        return self.json({"deleted": sub_id})

