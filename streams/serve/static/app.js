// newsstream dashboard: live stories (SSE /stories/stream) with their source timelines, and the
// alerts feed (SSE /alerts/stream). Every feed-provided string goes through textContent only.
"use strict";

const stories = new Map();
const MAX_STORIES = 100;
const MAX_ALERTS = 100;

function el(tag, cls, text) {
  const node = document.createElement(tag);
  if (cls) node.className = cls;
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

function safeHref(url) {
  try {
    const u = new URL(url, location.href);
    return (u.protocol === "http:" || u.protocol === "https:") ? u.href : null;
  } catch (e) {
    return null;
  }
}

function timeEl(iso) {
  const t = el("time", null, iso ? iso.replace("T", " ").replace(/\.\d+Z$|Z$/, "") : "");
  if (iso) t.dateTime = iso;
  return t;
}

function renderStory(s) {
  const li = el("li", "story");
  li.dataset.id = s.id;
  const h = el("h3");
  if (s.sources.length > 1) h.appendChild(el("span", "badge", s.sources.length + " sources"));
  const a = el("a", "headline", s.headline);
  a.href = "/stories/" + encodeURIComponent(s.id);
  h.appendChild(a);
  li.appendChild(h);
  li.appendChild(el("div", "meta", "updated " + (s.updated_at || "") + " · " + s.articles + " article(s) · " + (s.lang || "")));
  const tl = el("ol", "timeline");
  for (const entry of s.timeline || []) {
    const item = el("li", "source");
    item.appendChild(timeEl(entry.first_seen));
    item.appendChild(el("span", "outlet", entry.source));
    tl.appendChild(item);
  }
  li.appendChild(tl);
  const chips = el("div", "chips");
  for (const e of (s.entities || []).slice(0, 6)) chips.appendChild(el("span", "entity", e));
  for (const k of (s.keywords || []).slice(0, 6)) chips.appendChild(el("span", "keyword", k));
  li.appendChild(chips);
  return li;
}

function renderStories() {
  const list = document.getElementById("stories");
  const sorted = [...stories.values()].sort((x, y) =>
    (y.sources.length > 1) - (x.sources.length > 1) || (y.updated_at || "").localeCompare(x.updated_at || ""));
  list.replaceChildren(...sorted.slice(0, MAX_STORIES).map(renderStory));
}

function upsert(s) {
  if (s.status && s.status !== "active") stories.delete(s.id);
  else stories.set(s.id, s);
}

function renderAlert(a) {
  const li = el("li", "alert");
  li.dataset.kind = a.kind;
  const label = { source_joined: (a.source || "") + " joined", story_developing: "Developing: " + Math.max(a.sources_total || 0, (a.sources || []).length) + " sources",
                  story_created: "New story: " + (a.source || ""), story_merged: "Stories merged" }[a.kind] || a.kind;
  li.appendChild(el("span", "kind", label));
  li.appendChild(document.createTextNode(" — "));
  const link = el("a", "headline", a.headline);
  const href = safeHref(a.article && a.article.url);
  if (href) { link.href = href; link.rel = "noopener noreferrer"; link.target = "_blank"; }
  li.appendChild(link);
  li.appendChild(timeEl(a.created_at));
  return li;
}

function connect(url, handlers) {
  const es = new EventSource(url);
  for (const [name, fn] of Object.entries(handlers)) {
    es.addEventListener(name, (ev) => {
      try { fn(JSON.parse(ev.data)); } catch (e) { console.error(e); }
    });
  }
  es.onopen = () => { document.getElementById("status").textContent = "live"; };
  es.onerror = () => { document.getElementById("status").textContent = "reconnecting…"; };
  return es;
}

document.addEventListener("DOMContentLoaded", () => {
  connect("/stories/stream", {
    snapshot: (list) => { stories.clear(); list.forEach(upsert); renderStories(); },
    message: (s) => { upsert(s); renderStories(); },
  });
  const alerts = document.getElementById("alerts");
  connect("/alerts/stream?last=50", {
    message: (a) => {
      alerts.prepend(renderAlert(a));
      while (alerts.children.length > MAX_ALERTS) alerts.lastChild.remove();
    },
  });
});
