// sitrep dashboard: map, weekly timeline, table and incident view over the sitrep API.
// Report text is untrusted: everything from the API is inserted with textContent or as
// attribute values, never as HTML.
"use strict";

const STATUS_COLOURS = {
  "confirmed": "#1b7837", "corroborated": "#5aae61", "claimed": "#e08214",
  "contested": "#b2182b", "single-source": "#7f7f7f",
};
const TYPE_COLOURS = {
  "Battles": "#d73027", "Explosions/Remote violence": "#fc8d59", "Violence against civilians": "#91bfdb",
  "Protests": "#4575b4", "Riots": "#762a83", "Strategic developments": "#999999",
};
const MAP_LIMIT = 500;
const PAGE = 100;

const state = { filters: {}, rows: [], cursor: null, sortKey: "event_date", sortDesc: true };

// -- small helpers ---------------------------------------------------------------------------

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined) continue;
    if (key === "class") node.className = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value);
  }
  for (const child of children) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function query(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) search.set(key, value);
  return search.toString();
}

async function api(path, options = {}) {
  const token = sessionStorage.getItem("sitrep-token");
  const headers = Object.assign({}, options.headers || {});
  if (token) headers["Authorization"] = "Bearer " + token;
  const response = await fetch(path, Object.assign({}, options, { headers }));
  if (!response.ok) {
    let detail = response.statusText;
    try { detail = (await response.json()).detail || detail; } catch (e) { /* not JSON */ }
    throw new Error(typeof detail === "string" ? detail : JSON.stringify(detail));
  }
  return response.json();
}

function show(message) {
  document.getElementById("summary").textContent = message;
}

// -- map ---------------------------------------------------------------------------------------

const map = L.map("map", { zoomSnap: 0.25, minZoom: 4, maxZoom: 14, attributionControl: false })
  .setView([34.2, 66.2], 5.5);
let provincesLayer = null;
const clusters = L.markerClusterGroup({
  showCoverageOnHover: false,
  iconCreateFunction(cluster) {
    const counts = {};
    for (const marker of cluster.getAllChildMarkers()) counts[marker.options.status] = (counts[marker.options.status] || 0) + 1;
    const top = Object.entries(counts).sort((a, b) => b[1] - a[1])[0][0];
    return L.divIcon({ html: "<span>" + cluster.getChildCount() + "</span>",
      className: "cluster status-" + top.replace(/[^a-z-]/g, ""), iconSize: L.point(34, 34) });
  },
});
map.addLayer(clusters);

async function loadBoundaries() {
  const response = await fetch("/api/boundaries/provinces");
  const shapes = await response.json();
  provincesLayer = L.geoJSON(shapes, {
    style: () => ({ color: "#555", weight: 1, fillColor: "#fff", fillOpacity: 0.6 }),
    onEachFeature(feature, layer) {
      layer.on("click", () => setFilter({ province: provinceName(feature) }));
    },
  }).addTo(map);
  provincesLayer.bringToBack();
}

function provinceName(feature) {
  const p = feature.properties || {};
  return p.province || "";
}

function colourProvinces(byProvince) {
  if (!provincesLayer) return;
  const max = Math.max(1, ...Object.values(byProvince));
  provincesLayer.eachLayer(layer => {
    const count = byProvince[provinceName(layer.feature)] || 0;
    const share = count / max;
    layer.setStyle({ fillColor: share ? `rgba(178, 24, 43, ${0.1 + 0.7 * share})` : "#fff" });
    layer.unbindTooltip();
    layer.bindTooltip(`${provinceName(layer.feature)}: ${count} incident(s)`, { sticky: true });
  });
}

function plotIncidents(rows) {
  clusters.clearLayers();
  const markers = [];
  for (const row of rows) {
    if (row.latitude === null || row.longitude === null) continue;
    const marker = L.circleMarker([row.latitude, row.longitude], {
      radius: 7, weight: 1, color: "#222", fillOpacity: 0.9,
      fillColor: STATUS_COLOURS[row.status] || "#000", status: row.status,
    });
    marker.bindTooltip(`${row.event_date || "undated"} · ${row.sub_event_type || ""} · ${row.status}`);
    marker.on("click", () => openIncident(row.id));
    markers.push(marker);
  }
  clusters.addLayers(markers);
}

function drawLegend() {
  const legend = document.getElementById("legend");
  legend.replaceChildren(...Object.entries(STATUS_COLOURS).map(([status, colour]) =>
    el("span", { class: "key" }, el("i", { class: "swatch status-" + status }), status)));
}

// -- timeline ----------------------------------------------------------------------------------

function drawTimeline(weeks) {
  const svg = document.getElementById("timeline");
  const width = svg.clientWidth || 420, height = 140, pad = 18;
  svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
  svg.replaceChildren();
  const byWeek = new Map();
  for (const { week, event_type, count } of weeks) {
    if (!byWeek.has(week)) byWeek.set(week, {});
    byWeek.get(week)[event_type] = count;
  }
  const keys = [...byWeek.keys()].sort();
  if (!keys.length) return;
  const totals = keys.map(k => Object.values(byWeek.get(k)).reduce((a, b) => a + b, 0));
  const max = Math.max(...totals);
  const step = (width - 2 * pad) / keys.length;
  const ns = "http://www.w3.org/2000/svg";
  keys.forEach((week, i) => {
    let y = height - pad;
    for (const [type, colour] of Object.entries(TYPE_COLOURS)) {
      const count = byWeek.get(week)[type] || 0;
      if (!count) continue;
      const h = (count / max) * (height - 2 * pad);
      const rect = document.createElementNS(ns, "rect");
      rect.setAttribute("x", pad + i * step); rect.setAttribute("width", Math.max(1, step - 1));
      rect.setAttribute("y", y - h); rect.setAttribute("height", h); rect.setAttribute("fill", colour);
      rect.setAttribute("data-week", week);
      const title = document.createElementNS(ns, "title");
      title.textContent = `${week}: ${count} ${type}`;
      rect.append(title);
      svg.append(rect);
      y -= h;
    }
  });
  const label = (text, x) => {
    const t = document.createElementNS(ns, "text");
    t.setAttribute("x", x); t.setAttribute("y", height - 4); t.setAttribute("class", "axis");
    t.textContent = text; svg.append(t);
  };
  label(keys[0], pad); label(keys[keys.length - 1], Math.max(pad, width - pad - 50));
  brush(svg, keys, step, pad, height);
  document.getElementById("timeline-legend").replaceChildren(...Object.entries(TYPE_COLOURS).map(([type, colour]) =>
    el("span", { class: "key" }, el("i", { class: "swatch type-" + type.replace(/[^A-Za-z]/g, "") }), type)));
}

function brush(svg, keys, step, pad, height) {
  const ns = "http://www.w3.org/2000/svg";
  const band = document.createElementNS(ns, "rect");
  band.setAttribute("class", "brush"); band.setAttribute("y", 0); band.setAttribute("height", height);
  band.setAttribute("width", 0);
  svg.append(band);
  let start = null;
  const index = event => {
    const box = svg.getBoundingClientRect();
    const x = (event.clientX - box.left) * (svg.viewBox.baseVal.width / box.width);
    return Math.min(keys.length - 1, Math.max(0, Math.floor((x - pad) / step)));
  };
  svg.onmousedown = event => { start = index(event); event.preventDefault(); };
  svg.onmousemove = event => {
    if (start === null) return;
    const a = Math.min(start, index(event)), b = Math.max(start, index(event));
    band.setAttribute("x", pad + a * step); band.setAttribute("width", (b - a + 1) * step);
  };
  svg.onmouseup = event => {
    if (start === null) return;
    const a = Math.min(start, index(event)), b = Math.max(start, index(event));
    start = null;
    setFilter({ date_from: weekStart(keys[a]), date_to: weekEnd(keys[b]) });
  };
}

function weekStart(isoWeek) {  // "2022-W36" → the Monday, as YYYY-MM-DD
  const [year, week] = isoWeek.split("-W").map(Number);
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const monday = new Date(jan4.getTime() - ((jan4.getUTCDay() + 6) % 7) * 864e5 + (week - 1) * 7 * 864e5);
  return monday.toISOString().slice(0, 10);
}

function weekEnd(isoWeek) {
  const start = new Date(weekStart(isoWeek) + "T00:00:00Z");
  return new Date(start.getTime() + 6 * 864e5).toISOString().slice(0, 10);
}

// -- table -------------------------------------------------------------------------------------

function renderTable() {
  const rows = [...state.rows].sort((a, b) => {
    const x = a[state.sortKey], y = b[state.sortKey];
    const order = x === y ? 0 : x === null || x === undefined ? 1 : y === null || y === undefined ? -1 : x < y ? -1 : 1;
    return state.sortDesc ? -order : order;
  });
  const body = document.querySelector("#incidents tbody");
  body.replaceChildren(...rows.map(row => el("tr", { "data-id": row.id, tabindex: "0",
    onclick: () => openIncident(row.id), onkeydown: e => { if (e.key === "Enter") openIncident(row.id); } },
  el("td", {}, row.event_date || "—"), el("td", {}, row.admin1 || ""), el("td", {}, row.admin2 || ""),
  el("td", {}, row.sub_event_type || ""), el("td", {}, row.actor1 || ""), el("td", {}, row.actor2 || ""),
  el("td", { class: "num" }, fatalities(row)), el("td", { class: "num" }, row.n_sources ?? ""),
  el("td", {}, el("span", { class: "badge status-" + row.status }, row.status)))));
  document.getElementById("more").hidden = !state.cursor;
  document.querySelectorAll("#incidents th").forEach(th => {
    th.setAttribute("aria-sort", th.dataset.key === state.sortKey ? (state.sortDesc ? "descending" : "ascending") : "none");
  });
}

function fatalities(row) {
  if (row.fatalities_best === null || row.fatalities_best === undefined) return "";
  if (row.fatalities_low !== row.fatalities_high) return `${row.fatalities_best} (${row.fatalities_low}–${row.fatalities_high})`;
  return String(row.fatalities_best);
}

document.querySelectorAll("#incidents th").forEach(th => th.addEventListener("click", () => {
  state.sortDesc = state.sortKey === th.dataset.key ? !state.sortDesc : true;
  state.sortKey = th.dataset.key;
  renderTable();
}));

document.getElementById("more").addEventListener("click", async () => {
  const page = await api("/api/incidents?" + query(Object.assign({}, state.filters, { limit: PAGE, cursor: state.cursor })));
  state.rows.push(...page.items);
  state.cursor = page.next_cursor;
  renderTable();
});

// -- loading everything for the current filters ------------------------------------------------

async function refresh() {
  const filters = state.filters;
  show("Loading…");
  try {
    const [stats, mapped] = await Promise.all([
      api("/api/stats?" + query(filters)),
      api("/api/incidents?" + query(Object.assign({}, filters, { limit: MAP_LIMIT }))),
    ]);
    state.rows = mapped.items;  // the table lists what the map shows; "Load more" goes on from there
    state.cursor = mapped.next_cursor;
    plotIncidents(mapped.items);
    colourProvinces(Object.fromEntries(stats.province.map(p => [p.key, p.count])));
    drawTimeline(stats.week);
    fillChoices(stats);
    renderTable();
    const shown = mapped.next_cursor ? `the newest ${mapped.items.length.toLocaleString()} on the map` : "all on the map";
    show(`${stats.total.toLocaleString()} incident(s) match — ${shown}.`);
  } catch (error) {
    show("Could not load: " + error.message);
  }
  updateExports();
}

function fillChoices(stats) {
  const form = document.getElementById("filters");
  for (const [name, items] of [["province", stats.province], ["event_type", stats.event_type]]) {
    const select = form.elements[name];
    const current = state.filters[name] || "";
    const known = new Set([...select.options].map(o => o.value));
    for (const item of items) {
      if (item.key && !known.has(item.key)) select.append(el("option", { value: item.key }, item.key));
    }
    select.value = current;
  }
}

function updateExports() {
  document.querySelectorAll("#exports a").forEach(a => {
    a.href = "/api/export?" + query(Object.assign({}, state.filters, { format: a.dataset.format }));
  });
}

function setFilter(changes) {
  state.filters = Object.assign({}, state.filters, changes);
  const form = document.getElementById("filters");
  for (const [key, value] of Object.entries(state.filters)) if (form.elements[key]) form.elements[key].value = value || "";
  refresh();
}

document.getElementById("filters").addEventListener("submit", event => {
  event.preventDefault();
  const data = new FormData(event.target);
  state.filters = Object.fromEntries([...data.entries()].filter(([, v]) => v));
  refresh();
});
document.getElementById("clear-filters").addEventListener("click", () => {
  document.getElementById("filters").reset();
  state.filters = {};
  refresh();
});

// -- one incident ------------------------------------------------------------------------------

async function openIncident(id) {
  const panel = document.getElementById("incident");
  const body = document.getElementById("incident-body");
  panel.hidden = false;
  body.replaceChildren(el("p", {}, "Loading " + id + "…"));
  history.replaceState(null, "", "#incident/" + encodeURIComponent(id));
  try {
    const incident = await api("/api/incidents/" + encodeURIComponent(id));
    const documents = await Promise.all([...new Set(incident.events.map(e => e.document_id))]
      .map(ref => api("/api/documents/" + encodeURIComponent(ref)).catch(() => null)));
    body.replaceChildren(...incidentView(incident, documents.filter(Boolean)));
  } catch (error) {
    body.replaceChildren(el("p", { class: "error" }, "Could not load " + id + ": " + error.message));
  }
}

function incidentView(incident, documents) {
  const head = el("div", { class: "incident-head" },
    el("h2", {}, `${incident.sub_event_type || incident.event_type || "Incident"} — ${incident.location || incident.admin1 || "unknown place"}`),
    el("p", {}, el("span", { class: "badge status-" + incident.status, id: "incident-status" }, incident.status), " ",
      incident.event_date || "undated", " · ", incident.id),
    el("p", { class: "explanation" }, incident.explanation));
  const deaths = el("section", {}, el("h3", {}, "Fatalities"),
    el("p", {}, incident.fatalities_best === null ? "No figure reported."
      : `Best ${incident.fatalities_best} (range ${incident.fatalities_low}–${incident.fatalities_high})`),
    el("ul", {}, ...incident.fatality_figures.map(f => el("li", {}, `${f.number} — according to ${f.source}`))));
  const kinds = {};
  for (const source of incident.sources) (kinds[source.kind] = kinds[source.kind] || []).push(source);
  const sources = el("section", {}, el("h3", {}, "Sources by kind"),
    el("dl", {}, ...Object.entries(kinds).flatMap(([kind, list]) => [el("dt", {}, kind),
      el("dd", {}, list.map(s => `${s.name}${s.affiliation ? " (" + s.affiliation + ")" : ""} — ${s.stance}`).join("; "))])));
  const asserts = [], denies = [];
  for (const event of incident.events) for (const claim of event.claims) {
    (claim.stance === "denies" ? denies : asserts).push(el("blockquote", { class: "claim " + claim.stance },
      el("p", {}, claim.quote), el("footer", {}, `${claim.source} (${claim.source_kind}) · ${event.document_id}`)));
  }
  const claims = el("section", { class: "claims" }, el("h3", {}, "Claims"),
    el("div", { class: "sides" },
      el("div", { class: "side asserts" }, el("h4", {}, `Asserts (${asserts.length})`), ...asserts),
      el("div", { class: "side denies" }, el("h4", {}, `Denies (${denies.length})`), ...denies)));
  const reports = el("section", {}, el("h3", {}, `Reports (${documents.length})`),
    ...documents.map(doc => reportView(doc, incident.events.filter(e => e.document_id === doc.id))));
  return [head, analystActions(incident), deaths, sources, claims, reports];
}

function reportView(doc, events) {
  const spans = [];
  for (const event of events) for (const [field, [start, end]] of Object.entries(event.spans || {})) {
    spans.push({ start, end, field });
  }
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const text = el("div", { class: "report-text" });
  let at = 0;
  for (const span of spans) {
    if (span.start < at) continue;  // nested or overlapping: the outer span is shown
    text.append(document.createTextNode(doc.text.slice(at, span.start)));
    const fields = spans.filter(s => s.start === span.start && s.end === span.end).map(s => s.field);
    text.append(el("mark", { class: "span", title: fields.join(", "), "data-fields": fields.join(" ") },
      doc.text.slice(span.start, span.end)));
    at = span.end;
  }
  text.append(document.createTextNode(doc.text.slice(at)));
  return el("article", { class: "report" },
    el("h4", {}, doc.title || doc.id), el("p", { class: "meta" }, [doc.outlet, doc.published].filter(Boolean).join(" · ")),
    text);
}

function analystActions(incident) {
  if (!sessionStorage.getItem("sitrep-token")) return el("p", { class: "hint" }, "Enter an analyst token below to confirm, reject, merge or split.");
  const why = el("input", { type: "text", placeholder: "why (required, audit-logged)", size: 40, name: "why" });
  const other = el("input", { type: "text", placeholder: "incident id to merge in", size: 14, name: "other" });
  const events = el("input", { type: "text", placeholder: "event ids to split off, e.g. 3 7", size: 14, name: "events" });
  const act = (action, extra = {}) => async () => {
    try {
      await api(`/api/incidents/${encodeURIComponent(incident.id)}/${action}`, {
        method: "POST", headers: { "Content-Type": "application/json" },
        body: JSON.stringify(Object.assign({ why: why.value }, extra())),
      });
      openIncident(incident.id);
      refresh();
    } catch (error) { alert(action + " failed: " + error.message); }
  };
  return el("div", { class: "actions" }, why,
    el("button", { type: "button", onclick: act("confirm", () => ({})) }, "Confirm"),
    el("button", { type: "button", onclick: act("reject", () => ({})) }, "Reject"),
    other, el("button", { type: "button", onclick: act("merge", () => ({ other: other.value })) }, "Merge"),
    events, el("button", { type: "button", onclick: act("split", () => ({ event_ids: events.value.split(/[\s,]+/).filter(Boolean).map(Number) })) }, "Split"));
}

document.getElementById("close").addEventListener("click", () => {
  document.getElementById("incident").hidden = true;
  history.replaceState(null, "", "#");
});

// -- token -------------------------------------------------------------------------------------

const tokenInput = document.getElementById("token");
tokenInput.value = sessionStorage.getItem("sitrep-token") || "";
tokenInput.addEventListener("change", () => {
  if (tokenInput.value) sessionStorage.setItem("sitrep-token", tokenInput.value);
  else sessionStorage.removeItem("sitrep-token");
  refresh();
});

// -- start ---------------------------------------------------------------------------------------

drawLegend();
loadBoundaries().then(refresh);
if (location.hash.startsWith("#incident/")) openIncident(decodeURIComponent(location.hash.slice(10)));
