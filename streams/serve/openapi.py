"""OpenAPI 3.1 description of the worker's REST API (served at `GET /openapi.json`). Pure data."""

from __future__ import annotations

from typing import Any

_FILTER_PARAMS = [
    {"name": n, "in": "query", "required": False, "schema": {"type": t}, "description": d}
    for n, t, d in (
        ("keywords", "string", 'query: words all required, "-word" excluded, each "a|b" group one of, "quoted phrase"'),
        ("entities", "string", "comma-separated; any of"),
        ("languages", "string", "comma-separated language codes"),
        ("sources", "string", "comma-separated source names or ids to include"),
        ("exclude_sources", "string", "comma-separated source names or ids to exclude"),
        ("min_sources", "integer", "at least this many distinct sources"),
        ("limit", "integer", "page size (1..500, default 50)"),
        ("offset", "integer", "page start"),
        ("status", "string", "`active` (default), or `all` to include dormant and merged stories"),
    )
]
# With several workers each holds its partitions' stories and asks the others for the rest.
_SCOPE = {"name": "scope", "in": "query", "required": False, "schema": {"enum": ["all", "local"]},
          "description": "`local`: this worker's partitions only (default `all`: every worker's)"}
_ID = {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}


def _json(schema: dict[str, Any], description: str = "OK") -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


_ERR = _json({"$ref": "#/components/schemas/Error"}, "error")
_UNREACHABLE = {"type": "object", "required": ["error", "unreachable"],
                "properties": {"error": {"type": "string"}, "id": {"type": "string"},
                               "unreachable": {"type": "array", "items": {"type": "string", "format": "uri"}}}}
_AUTH = [{"bearer": []}]


def openapi(server: str) -> dict[str, Any]:
    obj = {"type": "object"}
    return {
        "openapi": "3.1.0",
        "info": {"title": "newsstream API", "version": "1",
                 "description": "Developing news stories, their sources and articles; alert subscriptions; live streams."},
        "servers": [{"url": server}],
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
            "schemas": {
                "Error": {"type": "object", "properties": {"error": {"type": "string"}}, "required": ["error"]},
                "Subscription": {"type": "object", "required": ["id"], "properties": {
                    "id": {"type": "string", "pattern": "^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$"},
                    "url": {"type": ["string", "null"], "format": "uri", "description": "webhook; omit for SSE only"},
                    "secret": {"type": ["string", "null"], "description": "whsec_ + base64 (write only)"},
                    "format": {"enum": ["standard", "slack"]},
                    "filters": {"type": "object", "description": "keywords, entities, categories, languages, "
                                "sources{include,exclude}, min_sources, kinds"},
                    "coalesce": {"type": ["number", "null"], "minimum": 0, "maximum": 3600,
                                 "description": "seconds a story's joins are batched into one delivery"},
                    "disabled": {"type": ["string", "null"]}, "origin": {"enum": ["api", "file"]},
                    "created_at": {"type": "string"}}},
            },
        },
        "paths": {
            "/stories": {"get": {"summary": "Active stories, newest update first, from every worker; "
                                            "`unreachable` lists workers whose stories are missing",
                                 "parameters": [*_FILTER_PARAMS, _SCOPE],
                                 "responses": {"200": _json(obj), "400": _ERR}}},
            "/stories/{id}": {"get": {"summary": "One story with its source and article timeline",
                                      "parameters": [_ID, _SCOPE],
                                      "responses": {"200": _json(obj), "404": _ERR,
                                                    "503": _json(_UNREACHABLE, "a worker that may hold it did not answer")}}},
            "/articles/{id}": {"get": {"summary": "One article (text trimmed)", "parameters": [_ID, _SCOPE],
                                       "responses": {"200": _json(obj), "404": _ERR,
                                                     "503": _json(_UNREACHABLE, "a worker that may hold it did not answer")}}},
            "/subscriptions": {
                "get": {"summary": "List subscriptions (secrets hidden); `file_error` when the last edit of the subscriptions file was not applied", "responses": {"200": _json(obj)}},
                "post": {"summary": "Create a subscription", "security": _AUTH,
                         "requestBody": {"required": True, "content": {"application/json": {
                             "schema": {"$ref": "#/components/schemas/Subscription"}}}},
                         "responses": {"201": _json({"$ref": "#/components/schemas/Subscription"}), "400": _ERR,
                                       "401": _ERR, "409": _ERR}}},
            "/subscriptions/{id}": {
                "get": {"summary": "One subscription", "responses": {"200": _json(obj), "404": _ERR},
                        "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}]},
                "delete": {"summary": "Delete a subscription", "security": _AUTH,
                           "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}],
                           "responses": {"200": _json(obj), "401": _ERR, "404": _ERR}}},
            "/alerts/stream": {"get": {
                "summary": "Alerts as Server-Sent Events; `id:` is an offset vector, resume with Last-Event-ID",
                "parameters": [{"name": "subscription", "in": "query", "schema": {"type": "string"}},
                               {"name": "last", "in": "query", "schema": {"type": "integer"},
                                "description": "replay the newest N alerts first"},
                               {"name": "Last-Event-ID", "in": "header", "schema": {"type": "string"}}],
                "responses": {"200": {"description": "event stream", "content": {"text/event-stream": {}}},
                              "404": _ERR}}},
            "/stories/stream": {"get": {"summary": "Story snapshots as SSE: `snapshot` event, then updates",
                                        "responses": {"200": {"description": "event stream",
                                                              "content": {"text/event-stream": {}}}}}},
            "/health": {"get": {"summary": "Liveness", "responses": {"200": _json(obj)}}},
            "/ready": {"get": {"summary": "Broker reachable and partitions assigned",
                               "responses": {"200": _json(obj), "503": _json(obj, "not ready")}}},
            "/metrics": {"get": {"summary": "Prometheus metrics",
                                 "responses": {"200": {"description": "text format 0.0.4",
                                                       "content": {"text/plain": {}}}}}},
            "/openapi.json": {"get": {"summary": "This document", "responses": {"200": _json(obj)}}},
            "/": {"get": {"summary": "Dashboard (HTML)", "responses": {"200": {"description": "HTML",
                                                                              "content": {"text/html": {}}}}}},
        },
    }
