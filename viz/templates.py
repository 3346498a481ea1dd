"""Jinja templates of the visualisation pages (autoescaped; kept in Python so they ship with the
package without package-data configuration). Nothing here loads anything from the network."""

from __future__ import annotations

_HEAD = """<!DOCTYPE html>
<html lang="{{ lang | default('nl') }}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{{ csp }}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<link rel="icon" href="data:,">
<title>{{ title }} · orggraph</title>
"""

_BASE_CSS = """
* { box-sizing: border-box; }
body { margin: 0; font-family: "DejaVu Sans", Arial, sans-serif; color: #1b1b1b;
       background: #f6f7f9; }
header { padding: 10px 16px; background: #1f3a93; color: #fff; }
header h1 { margin: 0; font-size: 20px; font-weight: 600; }
header p { margin: 2px 0 0; font-size: 13px; opacity: .9; }
header a { color: #fff; }
.banner { margin: 8px 16px 0; padding: 8px 12px; background: #fff4d6;
          border: 1px solid #e0b84c; border-radius: 4px; font-size: 13px; }
a { color: #1f3a93; }
"""

PAGE_TEMPLATE = (
    _HEAD
    + """<style>{{ vis_css | safe }}</style>
<style>"""
    + _BASE_CSS
    + """
header { display: flex; align-items: baseline; gap: 16px; }
header .lang { margin-left: auto; font-size: 13px; }
nav.toolbar { display: flex; flex-wrap: wrap; align-items: center; gap: 6px 10px;
              padding: 5px 12px; background: #e9edf3; border-bottom: 1px solid #d5d9de;
              font-size: 13px; }
nav.toolbar button { font: inherit; padding: 2px 8px; }
nav.toolbar fieldset { border: 0; margin: 0; padding: 0; display: inline-flex; gap: 6px;
                       align-items: center; }
nav.toolbar input[type=search] { width: 160px; }
nav.toolbar form.inline { display: inline-flex; gap: 4px; align-items: center; margin: 0; }
html, body.page { height: 100%; }
body.page { display: flex; flex-direction: column; }
main { display: flex; flex: 1 1 auto; min-height: 0; }
#network { flex: 1 1 auto; min-width: 0; background: #fff; border-right: 1px solid #d5d9de; }
aside { flex: 0 0 320px; overflow-y: auto; padding: 10px 14px; font-size: 13px; }
aside h2 { font-size: 14px; margin: 14px 0 6px; }
.legend { list-style: none; margin: 0; padding: 0; }
.legend li { display: flex; align-items: center; gap: 6px; margin: 2px 0; }
.line { display: inline-block; width: 22px; height: 0; border-top: 2px solid #6b7785; }
.line.planned { border-top-style: dashed; }
.line.historical { border-top-style: dotted; border-color: #a0a7ae; }
.line.chain { border-top: 3px solid #d7263d; }
#details table { border-collapse: collapse; width: 100%; }
#details th { text-align: left; vertical-align: top; padding: 2px 6px 2px 0; color: #4b5563;
              font-weight: normal; white-space: nowrap; }
#details td { padding: 2px 0; word-break: break-word; }
#details blockquote { margin: 6px 0; padding: 4px 8px; border-left: 3px solid #1f3a93;
                      background: #eef1f8; font-style: italic; }
#details .links a { display: inline-block; margin: 2px 8px 2px 0; }
#sources { margin: 0; padding-left: 18px; }
.muted { color: #6b7280; }
div.vis-tooltip { white-space: pre-wrap; max-width: 420px; font-family: inherit;
                  font-size: 12px; line-height: 1.35; }
.print-only { display: none; }
@media print {
  @page { size: A4 landscape; margin: 10mm; }
  body { background: #fff; }
  nav.toolbar, #details-section, .links, header .lang { display: none !important; }
  header { background: #fff; color: #000; padding: 0 0 4px; border-bottom: 2px solid #1f3a93; }
  main { height: auto; display: block; }
  #network { width: 100%; height: 150mm; border: 1px solid #999; }
  aside { columns: 2; overflow: visible; padding: 4px 0; }
  .print-only { display: block; }
}
</style>
</head>
<body class="page" data-view="{{ data_view }}" data-stable="false">
<header>
  <div><h1>{{ title }}</h1>
  <p>{{ subtitle }} · {{ node_count }} {{ ui.nodes }}, {{ edge_count }} {{ ui.edges }}</p></div>
  <a class="lang" id="lang-switch" href="?lang={{ other_lang }}">{{ ui.language }}</a>
</header>
<nav class="toolbar" aria-label="{{ ui.show }}">
  <button type="button" id="btn-fit">{{ ui.fit }}</button>
  <button type="button" id="btn-zoom-in" aria-label="{{ ui.zoom_in }}">+</button>
  <button type="button" id="btn-zoom-out" aria-label="{{ ui.zoom_out }}">−</button>
  <button type="button" id="btn-reset">{{ ui.reset }}</button>
  <form id="search-form" role="search" class="inline">
    <input type="search" id="search-q" maxlength="200" aria-label="{{ ui.search_view }}"
           placeholder="{{ ui.search_view }}">
    <button type="submit">{{ ui.find }}</button>
    <span id="search-status" class="muted" role="status"></span>
  </form>
  {% if chart_controls %}
  <fieldset id="status-filter" aria-label="{{ ui.show }}">
    <label><input type="checkbox" id="status-current" checked> {{ statuses.current }}</label>
    <label><input type="checkbox" id="status-planned" checked> {{ statuses.planned }}</label>
    <label><input type="checkbox" id="status-historical"> {{ statuses.historical }}</label>
  </fieldset>
  <label>{{ ui.as_of }} <input type="date" id="as-of" value="{{ as_of }}"></label>
  {% endif %}
  {% if depth_control %}
  <label>{{ ui.depth }} <select id="depth">
    {% for level in range(1, max_level + 1) %}
    <option value="{{ level }}"{% if level == open_depth %} selected{% endif %}>
      {{- ui.level_n }} {{ level }}</option>{% endfor %}
    <option value="all"{% if open_depth >= max_level %} selected{% endif %}>{{ ui.all }}</option>
  </select></label>
  {% endif %}
  <button type="button" id="btn-png" title="{{ ui.export }}">PNG</button>
  <button type="button" id="btn-svg">SVG</button>
  <button type="button" id="btn-print">{{ ui.print }}</button>
</nav>
{% if message %}<div class="banner" id="budget-message" role="status">{{ message }}</div>{% endif %}
<main>
  <div id="network" aria-label="{{ title }}"></div>
  <aside>
    <h2>{{ ui.legend }}</h2>
    <ul class="legend" id="legend">
      {% for item in legend %}
      <li data-kind="{{ item.kind }}">{% if chart %}<input type="checkbox" checked
        data-kind-toggle="{{ item.kind }}" id="kind-{{ item.kind }}"
        aria-label="{{ item.label }}">{% endif %}{{ item.svg | safe }} {{ item.label }}</li>
      {%- endfor %}
      <li><span class="line"></span> {{ statuses.current }}</li>
      <li><span class="line planned"></span> {{ statuses.planned }}</li>
      <li><span class="line historical"></span> {{ statuses.historical }}</li>
      {% if chain_view %}<li><span class="line chain"></span> {{ ui.chain_legend }}</li>{% endif %}
      {% if chart %}<li class="muted">{{ ui.tree_line }}</li>
      <li><label><input type="checkbox" id="other-relations"> {{ ui.relations }}</label></li>
      {%- endif %}
    </ul>
    <section id="details-section">
    <h2>{{ ui.details }}</h2>
    <div id="details"><p class="muted">{{ ui.details_hint }}</p></div>
    </section>
    <h2>{{ ui.sources }}</h2>
    <ol id="sources">{% for s in sources %}<li>{{ s }}</li>{% endfor %}</ol>
  </aside>
</main>
<script>{{ vis_js | safe }}</script>
<script id="viz-data" type="application/json">{{ data_json | safe }}</script>
<script>{{ page_js | safe }}</script>
{% if chart %}<script>{{ chart_js | safe }}</script>{% endif %}
</body>
</html>
"""
)

MESSAGE_TEMPLATE = (
    _HEAD
    + "<style>"
    + _BASE_CSS
    + """
.box { margin: 24px 16px; max-width: 760px; }
</style>
</head>
<body>
<header><h1>{{ title }}</h1></header>
<div class="banner box" id="message" role="alert">{{ message }}</div>
{% if links %}<section class="box"><h2>{{ links_heading }}</h2>
<ul id="candidates">{% for c in links %}
  <li><a href="{{ c.href }}">{{ c.name }}</a> <span class="muted">{{ c.detail }}</span></li>
{%- endfor %}
</ul></section>{% endif %}
{% if link_base is not none %}<p class="box"><a href="/">{{ back }}</a></p>{% endif %}
</body>
</html>
"""
)

LANDING_TEMPLATE = (
    _HEAD.replace("{{ title }}", "{{ ui.organisations }}")
    + "<style>"
    + _BASE_CSS
    + """
header { display: flex; align-items: baseline; gap: 16px; }
header .lang { margin-left: auto; font-size: 13px; }
section { margin: 14px 16px; max-width: 980px; background: #fff; padding: 10px 14px;
          border: 1px solid #d5d9de; border-radius: 4px; }
section h2 { margin: 0 0 8px; font-size: 16px; }
section h3 { margin: 10px 0 4px; font-size: 14px; color: #1f3a93; }
ul.results { list-style: none; padding: 0; margin: 0; }
ul.results li { padding: 3px 0; border-bottom: 1px solid #eef0f2; }
ul.results a { margin-left: 8px; font-size: 13px; }
.muted { color: #6b7280; font-size: 13px; }
input[type=search], input[type=password], input[type=text] { padding: 4px 6px; width: 320px; }
form.path input { width: 220px; }
</style>
</head>
<body data-key="{{ 'set' if key_set else '' }}">
<header><div><h1>{{ ui.landing_title }}</h1>
<p>{{ ui.landing_sub }}</p></div>
<a class="lang" id="lang-switch" href="?lang={{ other_lang }}">{{ ui.language }}</a></header>
<section id="key-section">
  <h2>{{ ui.api_key }}</h2>
  {% if lang == "nl" %}
  <p class="muted">De pagina's gebruiken dezelfde sleutel als de API (rol <em>reader</em> of
  <em>analyst</em>, ingesteld met <code>ORGGRAPH_API_KEYS</code>; <code>make demo</code> drukt er
  een af). De server controleert ze eerst; een geldige sleutel bewaart de server in deze browser
  als cookie <code>orggraph_key</code> (HttpOnly: geen script kan ze lezen).</p>
  {% else %}
  <p class="muted">The pages use the same key as the API (role <em>reader</em> or
  <em>analyst</em>, set with <code>ORGGRAPH_API_KEYS</code>; <code>make demo</code> prints one).
  The server checks it first; a good key is kept by the server in this browser as the cookie
  <code>orggraph_key</code> (HttpOnly: no script can read it).</p>
  {% endif %}
  <form id="key-form">
    <input type="password" id="key" autocomplete="off" placeholder="{{ ui.api_key }}">
    <button type="submit">{{ ui.save }}</button>
    <button type="button" id="key-clear">{{ ui.clear }}</button>
    <span id="key-status" class="muted"></span>
  </form>
</section>
<section>
  <h2>{{ ui.search }}</h2>
  <form id="search-form">
    <input type="search" id="q" maxlength="500" placeholder="{{ ui.search_hint }}">
    <button type="submit">{{ ui.find }}</button>
  </form>
  <ul class="results" id="search-results"></ul>
  <h3>{{ ui.path }}</h3>
  <form id="path-form" class="path" action="{{ viz_base }}/path" method="get">
    <input type="text" name="from" id="path-from" maxlength="200" required
           placeholder="{{ ui.path_from }}" aria-label="{{ ui.path_from }}">
    <input type="text" name="to" id="path-to" maxlength="200" required
           placeholder="{{ ui.path_to }}" aria-label="{{ ui.path_to }}">
    {% if lang == "en" %}<input type="hidden" name="lang" value="en">{% endif %}
    <button type="submit">{{ ui.path_show }}</button>
  </form>
</section>
<section>
  <h2>{{ ui.organisations }}</h2>
  <input type="search" id="org-filter" maxlength="200" placeholder="{{ ui.filter_hint }}"
         aria-label="{{ ui.filter }}">
  <div id="organisations"><p class="muted">{{ ui.loading }}</p></div>
</section>
<script id="landing-words" type="application/json">{{ words_json | safe }}</script>
<script>
(function () {
  "use strict";
  var API = {{ api_prefix | tojson }}, VIZ = {{ viz_base | tojson }};
  var W = JSON.parse(document.getElementById("landing-words").textContent);
  var LANG = W.lang, SUFFIX = LANG === "en" ? "?lang=en" : "";
  var T = W.key;
  // The key lives in an HttpOnly cookie the server sets (POST /session): this script never
  // sees it. The server says in data-key whether the page was served with a good one.
  var keySet = document.body.getAttribute("data-key") === "set";
  function setStatus(msg) { document.getElementById("key-status").textContent = msg; }
  function api(path) {
    return fetch(API + path, { credentials: "same-origin" }).then(function (r) {
      if (r.status === 401) {
        keySet = false;
        throw new Error(W.ui.bad_key);
      }
      if (!r.ok) { throw new Error(W.ui.api_said + " " + r.status); }
      return r.json();
    });
  }
  var VIEWS = {
    Organisation: [["organisations", "view_hierarchy"], ["partners", "view_partners"]],
    Unit: [["organisations", "view_hierarchy"], ["chain-of-command", "view_chain"]],
    PartnerBody: [["organisations", "view_hierarchy"]],
    Post: [["chain-of-command", "view_chain"]]
  };
  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = text; }
    if (cls) { e.className = cls; }
    return e;
  }
  // One result: its name, then what tells it apart (kind, organisation, the units above it),
  // then links to its views.
  function item(row) {
    var li = el("li");
    li.appendChild(el("strong", row.name || row.id));
    var parts = [W.kinds[row.kind] || row.kind || ""];
    if (row.org_type) { parts.push(W.orgTypes[row.org_type] || row.org_type); }
    if (row.organisation && row.organisation.name && row.organisation.id !== row.id) {
      parts.push(row.organisation.name);
    }
    if (row.path && row.path.length) { parts.push(row.path.join(" › ")); }
    if (row.units) { parts.push(row.units + " " + W.ui.units); }
    parts.push(row.id);
    li.appendChild(el("span", " " + parts.filter(Boolean).join(" · "), "muted"));
    [["entities", "view_entity"]].concat(VIEWS[row.kind] || []).forEach(function (v) {
      var a = el("a", W.ui[v[1]]);
      a.href = VIZ + "/" + v[0] + "/" + encodeURIComponent(row.id) + SUFFIX;
      li.appendChild(a);
    });
    li.setAttribute("data-text", [row.name, row.abbreviation, row.id,
      W.orgTypes[row.org_type] || row.org_type].join(" ").toLowerCase());
    return li;
  }
  function message(box, text) {
    box.replaceChildren(el("p", text, "muted"));
  }
  function fillResults(list, rows, empty) {
    list.replaceChildren();
    if (!rows.length) { list.appendChild(el("li", empty, "muted")); }
    rows.forEach(function (row) { list.appendChild(item(row)); });
  }
  // Organisations grouped by type (police zones, cities, …), largest group first.
  function fillOrganisations(box, rows) {
    box.replaceChildren();
    if (!rows.length) { message(box, W.ui.no_organisations); return; }
    var groups = {};
    rows.forEach(function (r) {
      var t = r.org_type || "";
      (groups[t] = groups[t] || []).push(r);
    });
    Object.keys(groups).sort(function (a, b) {
      return groups[b].length - groups[a].length || a.localeCompare(b);
    }).forEach(function (type) {
      var sec = el("section");
      sec.className = "group";
      sec.setAttribute("data-type", type);
      var title = (W.orgTypes[type] || type || W.orgTypes[""]);
      sec.appendChild(el("h3", title + " (" + groups[type].length + ")"));
      var ul = el("ul", null, "results");
      groups[type].sort(function (a, b) { return (a.name || "").localeCompare(b.name || ""); })
        .forEach(function (r) { ul.appendChild(item(r)); });
      sec.appendChild(ul);
      box.appendChild(sec);
    });
    applyFilter();
  }
  function applyFilter() {
    var q = document.getElementById("org-filter").value.trim().toLowerCase();
    document.querySelectorAll("#organisations section.group").forEach(function (sec) {
      var shown = 0;
      sec.querySelectorAll("li").forEach(function (li) {
        var hit = !q || (li.getAttribute("data-text") || "").indexOf(q) >= 0;
        li.hidden = !hit;
        if (hit) { shown++; }
      });
      sec.hidden = shown === 0;
    });
  }
  document.getElementById("org-filter").addEventListener("input", applyFilter);
  function loadOrganisations() {
    var box = document.getElementById("organisations");
    if (!keySet) { message(box, W.ui.need_key); return; }
    api("/organisations").then(function (body) {
      var rows = (body.rows || []).map(function (r) {
        return { id: r.id, name: r.name, kind: r.kind || "Organisation", org_type: r.org_type,
                 abbreviation: r.abbreviation, units: r.units };
      });
      fillOrganisations(box, rows);
    }).catch(function (err) { message(box, err.message); });
  }
  document.getElementById("search-form").addEventListener("submit", function (ev) {
    ev.preventDefault();
    var q = document.getElementById("q").value.trim();
    var list = document.getElementById("search-results");
    if (!q) { list.replaceChildren(); return; }
    api("/search?limit=25&q=" + encodeURIComponent(q)).then(function (body) {
      fillResults(list, body.rows || [], W.ui.nothing);
    }).catch(function (err) {
      list.replaceChildren(el("li", err.message, "muted"));
    });
  });
  // A key is kept only once the server accepts it: POST /session checks the key (header only)
  // and sets the cookie itself; a wrong key gets a 401 and no cookie, so the old one stays.
  function saveKey(key) {
    return fetch("/session", {
      method: "POST", headers: { "X-API-Key": key }, credentials: "same-origin",
      cache: "no-store"
    }).then(function (r) { return r.status; }, function () { return 0; });
  }
  var checking = false;
  document.getElementById("key-form").addEventListener("submit", function (ev) {
    ev.preventDefault();
    if (checking) { return; }
    var input = document.getElementById("key");
    var key = input.value.trim();
    if (!key) { setStatus(T.empty); return; }
    if (!/^[A-Za-z0-9._~+\\/=-]+$/.test(key)) {
      setStatus(T.bad_chars);
      return;
    }
    checking = true;
    setStatus(T.checking);
    saveKey(key).then(function (status) {
      checking = false;
      if (status === 204) {
        keySet = true;
        input.value = "";
        setStatus(T.saved);
        loadOrganisations();
      } else if (status === 401 || status === 403) {
        setStatus(T.unknown + (keySet ? T.old_kept : ""));
      } else {
        setStatus(T.unchecked + " (" + (status ? W.ui.api_said + " " + status : T.unreachable) +
                  ")" + T.not_saved);
      }
    });
  });
  document.getElementById("key-clear").addEventListener("click", function () {
    fetch("/session", { method: "DELETE", credentials: "same-origin", cache: "no-store" })
      .then(function (r) {
        if (!r.ok) { throw new Error(String(r.status)); }
        keySet = false;
        setStatus(T.cleared);
        loadOrganisations();
      }).catch(function () { setStatus(T.not_cleared); });
  });
  setStatus(keySet ? T.is_set : T.not_set);
  loadOrganisations();
})();
</script>
</body>
</html>
"""
)
