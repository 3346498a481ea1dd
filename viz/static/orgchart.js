// The org chart's controls and its re-layout in the browser. The packing below is the same
// as viz/layout.py's (same constants, same order of operations, so the same floating point
// results): the page opens with the positions Python computed, and this re-lays out after
// expanding, collapsing or filtering. tests/viz/test_orgchart_browser.py checks that both give
// the same positions. Everything from the data is set as text, never as HTML.
(function () {
  "use strict";
  var data = window.vizData, chart = data.chart, W = data.words;
  var network = window.network, nodes = window.vizNodes, edges = window.vizEdges;
  var GAP_X = 18.0, GAP_Y = 26.0, CAP_GAP = 12.0, DROP = 40.0, ASPECT = 1.35;
  var INNER = [0.25, 0.4, 0.6, 0.9, 1.35, 2.0, 3.0], REF_W = 1050.0, REF_H = 775.0;
  var TEXT_WIDTH = data.textWidth;
  var TREE = {};
  chart.lines.forEach(function (id) { TREE[id] = true; });

  // -- packing (viz/layout.py) -------------------------------------------------------------
  function size(n) { return chart.sizes[n]; }
  function cap(node, visible) {
    var stack = [];
    var h = chart.head[node];
    if (h !== undefined && visible[h]) { stack.push(h); }
    stack.push(node);
    var w = Math.max.apply(null, stack.map(function (n) { return size(n)[0]; }));
    var items = [], y = 0.0;
    stack.forEach(function (n, i) {
      if (i) { y += CAP_GAP; }
      items.push([n, w / 2, y + size(n)[1] / 2]);
      y += size(n)[1];
    });
    return { w: w, h: y, items: items };
  }
  function greedy(lengths, gap, limit) {
    var runs = [], length = 0.0;
    lengths.forEach(function (x, i) {
      if (runs.length && length + gap + x <= limit + 1e-6) {
        runs[runs.length - 1].push(i);
        length += gap + x;
      } else {
        runs.push([i]);
        length = x;
      }
    });
    return runs;
  }
  function sumOf(blocks, r, key) {
    var s = 0;
    r.forEach(function (i) { s += blocks[i][key]; });
    return s;
  }
  function maxOf(blocks, r, key) {
    return Math.max.apply(null, r.map(function (i) { return blocks[i][key]; }));
  }
  function extentOf(blocks, runs, stacked) {
    var w = 0, h = 0;
    if (stacked) {
      runs.forEach(function (r) { w += maxOf(blocks, r, "w"); });
      w += GAP_X * (runs.length - 1);
      h = Math.max.apply(null, runs.map(function (r) {
        return sumOf(blocks, r, "h") + GAP_Y * (r.length - 1);
      }));
    } else {
      w = Math.max.apply(null, runs.map(function (r) {
        return sumOf(blocks, r, "w") + GAP_X * (r.length - 1);
      }));
      runs.forEach(function (r) { h += maxOf(blocks, r, "h"); });
      h += GAP_Y * (runs.length - 1);
    }
    return [w, h];
  }
  function arrange(c, blocks, aspect) {
    var n = blocks.length, best = null;
    [false, true].forEach(function (stacked) {
      var lengths = blocks.map(function (b) { return stacked ? b.h : b.w; });
      var gap = stacked ? GAP_Y : GAP_X;
      var total = 0;
      lengths.forEach(function (x) { total += x; });
      total += gap * (n - 1);
      var longest = Math.max.apply(null, lengths);
      for (var k = 1; k <= n; k++) {
        var runs = greedy(lengths, gap, Math.max(longest, total / k));
        var e = extentOf(blocks, runs, stacked);
        var w = Math.max(c.w, e[0]), h = c.h + DROP + e[1];
        var score = Math.abs(Math.log(w / h / aspect));
        if (best === null || score < best[0] - 1e-9) { best = [score, stacked, runs]; }
        if (runs.length === n) { break; }
      }
    });
    var stacked = best[1], runs = best[2];
    var inner = extentOf(blocks, runs, stacked);
    var width = Math.max(c.w, inner[0]);
    var items = c.items.map(function (it) { return [it[0], it[1] + (width - c.w) / 2, it[2]]; });
    var top = c.h + DROP, x, y;
    if (stacked) {
      x = (width - inner[0]) / 2;
      runs.forEach(function (r) {
        var colW = maxOf(blocks, r, "w");
        y = top;
        r.forEach(function (i) {
          var b = blocks[i], dx = x + (colW - b.w) / 2, yy = y;
          b.items.forEach(function (it) { items.push([it[0], it[1] + dx, it[2] + yy]); });
          y += b.h + GAP_Y;
        });
        x += colW + GAP_X;
      });
    } else {
      y = top;
      runs.forEach(function (r) {
        var rowW = sumOf(blocks, r, "w") + GAP_X * (r.length - 1);
        x = (width - rowW) / 2;
        r.forEach(function (i) {
          var b = blocks[i], xx = x, yy = y;
          b.items.forEach(function (it) { items.push([it[0], it[1] + xx, it[2] + yy]); });
          x += b.w + GAP_X;
        });
        y += maxOf(blocks, r, "h") + GAP_Y;
      });
    }
    return { w: width, h: top + inner[1], items: items };
  }
  function block(node, visible, aspect, inner) {
    var c = cap(node, visible);
    var kids = (chart.children[node] || []).filter(function (k) { return visible[k]; });
    if (!kids.length) { return c; }
    return arrange(c, kids.map(function (k) { return block(k, visible, inner, inner); }), aspect);
  }
  function place(visible) {
    if (!visible[chart.root]) { return {}; }
    var best = null;
    INNER.forEach(function (inner) {
      var b = block(chart.root, visible, ASPECT, inner);
      var zoom = Math.min(REF_W / b.w, REF_H / b.h);
      if (best === null || zoom > best[0] + 1e-9) { best = [zoom, b]; }
    });
    var out = {};
    best[1].items.forEach(function (it) {
      out[it[0]] = [Math.round(it[1] * 100) / 100, Math.round(it[2] * 100) / 100];
    });
    return out;
  }
  window.vizPlace = function (ids) {
    var visible = {};
    ids.forEach(function (id) { visible[id] = true; });
    return place(visible);
  };

  // -- what is shown -------------------------------------------------------------------------
  var state = {
    statuses: { current: true, planned: true, historical: false },
    asOf: data.asOf,
    depth: chart.openDepth,
    opened: {},  // node id -> true (opened by hand) / false (closed by hand)
    kindsOff: {},
    other: false
  };
  window.vizState = state;
  var all = nodes.get();
  var byId = {};
  all.forEach(function (n) { byId[n.id] = n; });

  function passes(n) {
    if (n === undefined) { return false; }
    if (n.id === chart.root) { return true; }
    if (state.kindsOff[n.kind]) { return false; }
    if (!state.statuses[n.status]) { return false; }
    if (n.status !== "planned" && state.asOf) {
      if (n.validFrom && n.validFrom.slice(0, 10) > state.asOf) { return false; }
      if (n.validTo && n.validTo.slice(0, 10) < state.asOf) { return false; }
    }
    return true;
  }
  function isOpen(id) {
    if (state.opened[id] !== undefined) { return state.opened[id]; }
    return (chart.depth[id] || 0) < state.depth;
  }
  function visibleSet() {
    var visible = {}, stack = [chart.root];
    visible[chart.root] = true;
    while (stack.length) {
      var cur = stack.pop();
      var h = chart.head[cur];
      if (h !== undefined && passes(byId[h])) { visible[h] = true; }
      if (!isOpen(cur)) { continue; }
      (chart.children[cur] || []).forEach(function (k) {
        if (passes(byId[k])) { visible[k] = true; stack.push(k); }
      });
    }
    return visible;
  }
  window.vizVisible = function () { return Object.keys(visibleSet()).sort(); };

  // -- card text (viz/orgchart.py card_text) -----------------------------------------------
  var NARROW = "iljtf.,:;!|'()[] ·-/", WIDE = "MWmw@%";
  function textWidth(t) {
    var w = 0;
    for (var i = 0; i < t.length; i++) {
      var ch = t.charAt(i);
      if (WIDE.indexOf(ch) >= 0) { w += 14.0; }
      else if (NARROW.indexOf(ch) >= 0) { w += 5.0; }
      else if (ch !== ch.toLowerCase() || /[0-9]/.test(ch)) { w += 10.0; }
      else { w += 8.0; }
    }
    return w;
  }
  function wrap(text, width) {
    var ws = [];
    text.split(/\s+/).filter(Boolean).forEach(function (word) {
      while (textWidth(word) > width && word.slice(1, -1).indexOf("-") >= 0) {
        var cuts = [];
        for (var i = 1; i < word.length - 1; i++) { if (word.charAt(i) === "-") { cuts.push(i + 1); } }
        var fit = cuts.filter(function (c) { return textWidth(word.slice(0, c)) <= width; });
        var cut = fit.length ? fit[fit.length - 1] : cuts[0];
        ws.push(word.slice(0, cut));
        word = word.slice(cut);
      }
      ws.push(word);
    });
    var lines = [];
    ws.forEach(function (word) {
      var n = lines.length, last = n ? lines[n - 1] : null;
      if (last !== null && last.slice(-1) === "-" && textWidth(last + word) <= width) {
        lines[n - 1] = last + word;
      } else if (last !== null && last.slice(-1) !== "-" &&
                 textWidth(last + " " + word) <= width) {
        lines[n - 1] = last + " " + word;
      } else {
        lines.push(word);
      }
    });
    return lines.length ? lines : [""];
  }
  function validAt(h, day) {
    if (h.status === "planned") { return false; }
    if (h.status === "historical" && !h.to) { return false; }
    return (!h.from || h.from <= day) && (!h.to || h.to >= day);
  }
  function belowCount(id) {
    var n = 0, stack = (chart.children[id] || []).slice();
    while (stack.length) {
      var cur = stack.pop();
      n += 1 + (chart.head[cur] !== undefined ? 1 : 0);
      (chart.children[cur] || []).forEach(function (c) { stack.push(c); });
    }
    return n;
  }
  function cardLabel(id) {
    var c = chart.cards[id];
    if (!c) { return byId[id].label; }
    var lines = wrap(c.title, TEXT_WIDTH);
    var day = state.asOf || data.asOf;
    var now = c.holders.filter(function (h) { return validAt(h, day); })
      .map(function (h) { return h.name; }).join(", ");
    var vacant = c.vacantProp || (c.holders.length > 0 && !now);
    var who = now || (vacant ? W.ui.vacant : null);
    var second = [c.rank, who].filter(Boolean).join(" · ");
    if (second) { lines = lines.concat(wrap(second, TEXT_WIDTH)); }
    if (c.staff !== null && c.staff !== undefined) { lines.push(c.staff + " " + W.ui.staff); }
    var below = belowCount(id);
    if (below) { lines.push((isOpen(id) ? "▾ " : "▸ ") + below + " " + W.ui.below); }
    return lines.join("\n");
  }

  // -- re-layout -------------------------------------------------------------------------------
  function relayout(fit) {
    var visible = visibleSet();
    var pos = place(visible);
    Object.keys(chart.pinned).forEach(function (id) { pos[id] = chart.pinned[id]; });
    nodes.update(all.map(function (n) {
      var p = pos[n.id];
      var upd = { id: n.id, hidden: !p, label: cardLabel(n.id) };
      if (p) { upd.x = p[0]; upd.y = p[1]; }
      return upd;
    }));
    edges.update(edges.get().map(function (e) {
      var show = !!(pos[e.from] && pos[e.to]) && (TREE[e.id] || state.other || e.onChain);
      return { id: e.id, hidden: !show };
    }));
    if (fit !== false) { window.vizFit(); }
    return pos;
  }
  window.vizRelayout = relayout;

  // -- controls --------------------------------------------------------------------------------
  function on(id, ev, fn) {
    var el = document.getElementById(id);
    if (el) { el.addEventListener(ev, fn); }
  }
  function zoom(factor) {
    network.moveTo({ scale: network.getScale() * factor, animation: false });
  }
  on("btn-fit", "click", function () { window.vizFit(); });
  on("btn-zoom-in", "click", function () { zoom(1.25); });
  on("btn-zoom-out", "click", function () { zoom(0.8); });
  on("btn-reset", "click", function () {
    state.opened = {};
    state.depth = chart.openDepth;
    state.kindsOff = {};
    state.other = false;
    state.statuses = { current: true, planned: true, historical: false };
    state.asOf = data.asOf;
    syncControls();
    network.unselectAll();
    relayout();
  });
  function syncControls() {
    ["current", "planned", "historical"].forEach(function (s) {
      var el = document.getElementById("status-" + s);
      if (el) { el.checked = !!state.statuses[s]; }
    });
    var d = document.getElementById("as-of");
    if (d) { d.value = state.asOf || ""; }
    var depth = document.getElementById("depth");
    if (depth) { depth.value = state.depth >= 99 ? "all" : String(state.depth); }
    document.querySelectorAll("input[data-kind-toggle]").forEach(function (el) {
      el.checked = !state.kindsOff[el.getAttribute("data-kind-toggle")];
    });
    var other = document.getElementById("other-relations");
    if (other) { other.checked = state.other; }
  }
  ["current", "planned", "historical"].forEach(function (s) {
    on("status-" + s, "change", function (ev) {
      state.statuses[s] = ev.target.checked;
      relayout();
    });
  });
  on("as-of", "change", function (ev) {
    state.asOf = ev.target.value || null;
    relayout();
  });
  on("depth", "change", function (ev) {
    state.depth = ev.target.value === "all" ? 99 : Number(ev.target.value);
    state.opened = {};
    relayout();
  });
  document.querySelectorAll("input[data-kind-toggle]").forEach(function (el) {
    el.addEventListener("change", function () {
      state.kindsOff[el.getAttribute("data-kind-toggle")] = !el.checked;
      relayout();
    });
  });
  on("other-relations", "change", function (ev) {
    state.other = ev.target.checked;
    relayout();
  });
  function toggle(id) {
    if (!(chart.children[id] || []).length) {
      var unit = Object.keys(chart.head).filter(function (u) { return chart.head[u] === id; })[0];
      if (unit === undefined) { return; }
      id = unit;
    }
    state.opened[id] = !isOpen(id);
    relayout();
  }
  window.vizToggle = toggle;
  network.on("doubleClick", function (params) {
    if (params.nodes.length) { toggle(params.nodes[0]); }
  });

  // -- search within the view ------------------------------------------------------------------
  function norm(s) {
    return String(s || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .toLowerCase().replace(/[^a-z0-9]+/g, " ").trim();
  }
  function parentOf(id) {
    for (var p in chart.children) {
      if (chart.children[p].indexOf(id) >= 0) { return p; }
    }
    for (var u in chart.head) { if (chart.head[u] === id) { return parentOf(u); } }
    return null;
  }
  var marked = [];
  function search(q) {
    var needle = norm(q);
    var out = document.getElementById("search-status");
    nodes.update(marked.map(function (id) { return { id: id, borderWidth: byId[id].borderWidth,
      color: byId[id].color }; }));
    marked = [];
    if (!needle) { if (out) { out.textContent = ""; } network.unselectAll(); return []; }
    var hits = all.filter(function (n) {
      var names = [n.meta.name].concat(n.searchNames || []);
      return names.some(function (s) { return norm(s).indexOf(needle) >= 0; });
    }).map(function (n) { return n.id; });
    hits.forEach(function (id) {
      state.kindsOff[byId[id].kind] = false;
      for (var p = parentOf(id); p !== null; p = parentOf(p)) { state.opened[p] = true; }
    });
    syncControls();
    var pos = relayout(false);
    hits = hits.filter(function (id) { return pos[id]; });
    marked = hits;
    nodes.update(hits.map(function (id) {
      return { id: id, borderWidth: 5, color: { background: byId[id].color.background,
        border: "#d7263d" } };
    }));
    if (out) { out.textContent = hits.length ? hits.length + " " + W.ui.matches : W.ui.no_match; }
    if (hits.length) {
      network.selectNodes(hits);
      window.vizFit();
      network.focus(hits[0], { scale: Math.max(network.getScale(), 1.0), animation: false });
      if (window.vizShow) { window.vizShow(nodes.get(hits[0]), true); }
    }
    return hits;
  }
  window.vizSearch = search;
  on("search-form", "submit", function (ev) {
    ev.preventDefault();
    search(document.getElementById("search-q").value);
  });
  syncControls();
})();
