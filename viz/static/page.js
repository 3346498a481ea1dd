// Every view's page: the network, the details panel in words, fit/zoom/reset, search within
// a force view, PNG/SVG export and printing. The org chart adds viz/static/orgchart.js.
// Data may hold hostile strings: everything is set with textContent or as SVG text nodes.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("viz-data").textContent);
  var W = data.words;
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var container = document.getElementById("network");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);
  window.network = network;
  window.vizNodes = nodes;
  window.vizEdges = edges;
  window.vizData = data;
  window.vizStable = false;

  // Fit the visible cards to the canvas with a small margin: vis' own fit leaves a tenth of
  // the canvas empty, which costs a tenth of every label's size.
  var FIT_PAD = 12;
  function fitView() {
    var ids = nodes.getIds({ filter: function (n) { return !n.hidden; } });
    if (!ids.length) { return; }
    var l = Infinity, t = Infinity, r = -Infinity, b = -Infinity;
    ids.forEach(function (id) {
      var box = network.getBoundingBox(id);
      if (!box) { return; }
      l = Math.min(l, box.left); t = Math.min(t, box.top);
      r = Math.max(r, box.right); b = Math.max(b, box.bottom);
    });
    if (!isFinite(l)) { return; }
    var cw = container.clientWidth - 2 * FIT_PAD, ch = container.clientHeight - 2 * FIT_PAD;
    var scale = Math.min(1.0, cw / Math.max(r - l, 1), ch / Math.max(b - t, 1));
    network.moveTo({ position: { x: (l + r) / 2, y: (t + b) / 2 }, scale: scale,
      animation: false });
  }
  window.vizFit = fitView;

  function markStable() {
    if (window.vizStable) { return; }
    if (data.physics) { network.setOptions({ physics: { enabled: false } }); }
    fitView();
    window.vizStable = true;
    document.body.setAttribute("data-stable", "true");
  }
  network.once("stabilizationIterationsDone", markStable);
  network.once("stabilized", markStable);
  if (!data.physics) { network.once("afterDrawing", markStable); }

  // -- details panel ---------------------------------------------------------------------------
  var panel = document.getElementById("details");
  function text(tag, value, cls) {
    var el = document.createElement(tag);
    el.textContent = value;
    if (cls) { el.className = cls; }
    return el;
  }
  function fmt(value) {
    if (value === null || value === undefined) { return ""; }
    if (Array.isArray(value)) { return value.map(fmt).join(", "); }
    if (typeof value === "object") {
      return Object.keys(value).map(function (k) { return k + ": " + fmt(value[k]); }).join("; ");
    }
    return String(value);
  }
  var VIEWS = {
    Organisation: [["organisations", "view_hierarchy"], ["partners", "view_partners"]],
    Unit: [["organisations", "view_hierarchy"], ["chain-of-command", "view_chain"]],
    PartnerBody: [["organisations", "view_hierarchy"]],
    Post: [["chain-of-command", "view_chain"]]
  };
  function links(kind, id) {
    var box = document.createElement("p");
    box.className = "links";
    if (!data.linkBase) { return box; }
    var views = [["entities", "view_entity"]].concat(VIEWS[kind] || []);
    views.forEach(function (v) {
      var a = document.createElement("a");
      a.href = data.linkBase + "/" + v[0] + "/" + encodeURIComponent(id) +
        (data.lang === "en" ? "?lang=en" : "");
      a.textContent = W.ui.open + " " + W.ui[v[1]];
      box.appendChild(a);
    });
    return box;
  }
  function show(item, isNode) {
    var meta = item.meta;
    panel.replaceChildren();
    panel.appendChild(text("h3", meta.name));
    panel.appendChild(text("p", meta.kindLabel, "muted"));
    if (meta.collapsed) { panel.appendChild(text("p", W.ui.summarised + ": " + meta.collapsed)); }
    if (meta.quote) { panel.appendChild(text("blockquote", "“" + meta.quote + "”")); }
    var table = document.createElement("table");
    meta.props.forEach(function (kv) {
      var tr = document.createElement("tr");
      tr.appendChild(text("th", kv[0]));
      tr.appendChild(text("td", fmt(kv[1])));
      table.appendChild(tr);
    });
    panel.appendChild(table);
    if (isNode) { panel.appendChild(links(meta.kind, item.entityId || item.id)); }
  }
  window.vizShow = show;
  network.on("click", function (params) {
    if (params.nodes.length) { show(nodes.get(params.nodes[0]), true); }
    else if (params.edges.length) { show(edges.get(params.edges[0]), false); }
  });

  // -- fit, zoom, reset (the org chart replaces reset and adds more) --------------------------
  function on(id, ev, fn) {
    var el = document.getElementById(id);
    if (el) { el.addEventListener(ev, fn); }
  }
  if (!data.chart) {
    on("btn-fit", "click", function () { fitView(); });
    on("btn-zoom-in", "click", function () {
      network.moveTo({ scale: network.getScale() * 1.25, animation: false });
    });
    on("btn-zoom-out", "click", function () {
      network.moveTo({ scale: network.getScale() * 0.8, animation: false });
    });
    on("btn-reset", "click", function () {
      network.unselectAll();
      fitView();
    });
    var depth = document.getElementById("depth");
    if (depth) {
      depth.addEventListener("change", function () {
        var max = depth.value === "all" ? Infinity : Number(depth.value);
        nodes.update(nodes.get().map(function (n) { return { id: n.id, hidden: n.level > max }; }));
        fitView();
      });
    }
    var norm = function (s) {
      return String(s || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "")
        .toLowerCase().replace(/[^a-z0-9]+/g, " ").trim();
    };
    window.vizSearch = function (q) {
      var needle = norm(q), out = document.getElementById("search-status");
      if (!needle) { network.unselectAll(); if (out) { out.textContent = ""; } return []; }
      var hits = nodes.get().filter(function (n) {
        return !n.hidden && [n.meta.name].concat(n.searchNames || []).some(function (s) {
          return norm(s).indexOf(needle) >= 0;
        });
      }).map(function (n) { return n.id; });
      if (out) { out.textContent = hits.length ? hits.length + " " + W.ui.matches : W.ui.no_match; }
      if (hits.length) {
        network.selectNodes(hits);
        network.focus(hits[0], { scale: Math.max(network.getScale(), 1.0), animation: false });
        show(nodes.get(hits[0]), true);
      }
      return hits;
    };
    on("search-form", "submit", function (ev) {
      ev.preventDefault();
      window.vizSearch(document.getElementById("search-q").value);
    });
  }

  // -- org-chart connectors -----------------------------------------------------------------------
  // A card hangs from its parent by an elbow: down from the parent's card to a bus line in the
  // gap below it, across, and down to the card (or to the head post above it). Drawn under
  // the cards; the vis edge of the same fact stays (transparent) for hover and click.
  var headOf = {};
  if (data.chart) {
    Object.keys(data.chart.head).forEach(function (u) { headOf[data.chart.head[u]] = u; });
  }
  var elbowIds = {};
  if (data.chart) {
    data.chart.lines.forEach(function (id) {
      var e = edges.get(id);
      if (e && headOf[e.from] === undefined) { elbowIds[id] = true; }
    });
  }
  function connectors() {
    var out = [];
    Object.keys(elbowIds).forEach(function (id) {
      var e = edges.get(id);
      if (!e || e.hidden) { return; }
      var child = nodes.get(e.from), parent = nodes.get(e.to);
      if (!child || !parent || child.hidden || parent.hidden) { return; }
      var top = e.from, h = data.chart.head[e.from];
      if (h !== undefined && nodes.get(h) && !nodes.get(h).hidden) { top = h; }
      var pb = network.getBoundingBox(e.to), cb = network.getBoundingBox(top);
      var px = (pb.left + pb.right) / 2, cx = (cb.left + cb.right) / 2;
      var bus = pb.bottom + 20;
      out.push({ points: [[px, pb.bottom], [px, bus], [cx, bus], [cx, cb.top]],
                 color: e.lineColor || "#6b7785", dashed: !!e.dashes });
    });
    return out;
  }
  window.vizConnectors = connectors;
  if (data.chart) {
    network.on("beforeDrawing", function (ctx) {
      ctx.save();
      ctx.lineWidth = 1.2;
      connectors().forEach(function (c) {
        ctx.strokeStyle = c.color;
        ctx.setLineDash(c.dashed ? [6, 4] : []);
        ctx.beginPath();
        c.points.forEach(function (p, i) {
          if (i) { ctx.lineTo(p[0], p[1]); } else { ctx.moveTo(p[0], p[1]); }
        });
        ctx.stroke();
      });
      ctx.restore();
    });
  }

  // -- export ----------------------------------------------------------------------------------
  function canvas() { return container.querySelector("canvas"); }
  function download(url, name) {
    var a = document.createElement("a");
    a.href = url;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
  }
  function pngUrl() { return canvas().toDataURL("image/png"); }
  var SVGNS = "http://www.w3.org/2000/svg";
  function svgEl(tag, attrs, parent) {
    var el = document.createElementNS(SVGNS, tag);
    Object.keys(attrs).forEach(function (k) { el.setAttribute(k, String(attrs[k])); });
    if (parent) { parent.appendChild(el); }
    return el;
  }
  // The current view (what the canvas shows, at its zoom) as SVG: edges as lines, nodes as
  // boxes with their label lines, in screen coordinates of the canvas.
  function svgText() {
    var w = container.clientWidth, h = container.clientHeight, scale = network.getScale();
    var svg = svgEl("svg", { xmlns: SVGNS, width: w, height: h, viewBox: "0 0 " + w + " " + h });
    svgEl("rect", { x: 0, y: 0, width: w, height: h, fill: "#ffffff" }, svg);
    var pos = network.getPositions();
    connectors().forEach(function (c) {
      var pts = c.points.map(function (p) {
        var d = network.canvasToDOM({ x: p[0], y: p[1] });
        return d.x + "," + d.y;
      }).join(" ");
      var pl = svgEl("polyline", { points: pts, fill: "none", stroke: c.color,
        "stroke-width": 1.2 * scale }, svg);
      if (c.dashed) { pl.setAttribute("stroke-dasharray", "6 4"); }
    });
    edges.get().forEach(function (e) {
      if (elbowIds[e.id]) { return; }
      if (e.hidden || !pos[e.from] || !pos[e.to]) { return; }
      if (nodes.get(e.from).hidden || nodes.get(e.to).hidden) { return; }
      var a = network.canvasToDOM(pos[e.from]), b = network.canvasToDOM(pos[e.to]);
      var c = (e.color && e.color.color) || "#6b7785";
      var line = svgEl("line", { x1: a.x, y1: a.y, x2: b.x, y2: b.y, stroke: c,
        "stroke-width": (e.width || 1) * scale }, svg);
      if (e.dashes) { line.setAttribute("stroke-dasharray", "6 4"); }
    });
    nodes.get().forEach(function (n) {
      if (n.hidden || !pos[n.id]) { return; }
      var box = network.getBoundingBox(n.id);
      var tl = network.canvasToDOM({ x: box.left, y: box.top });
      var br = network.canvasToDOM({ x: box.right, y: box.bottom });
      var col = n.color || {};
      var g = svgEl("g", {}, svg);
      var r = svgEl("rect", { x: tl.x, y: tl.y, width: br.x - tl.x, height: br.y - tl.y,
        rx: 4 * scale, fill: col.background || "#ffffff", stroke: col.border || "#333333",
        "stroke-width": (n.borderWidth || 1) * scale }, g);
      if (n.shapeProperties && n.shapeProperties.borderDashes) {
        r.setAttribute("stroke-dasharray", "6 4");
      }
      var lines = String(n.label || "").split("\n");
      var size = ((n.font && n.font.size) || 14) * scale;
      var t = svgEl("text", { x: (tl.x + br.x) / 2, "text-anchor": "middle",
        "font-family": "DejaVu Sans, Arial, sans-serif", "font-size": size,
        fill: (n.font && n.font.color) || "#1b1b1b" }, g);
      var y0 = (tl.y + br.y) / 2 - (lines.length - 1) * size * 0.6 + size * 0.35;
      lines.forEach(function (line, i) {
        var span = svgEl("tspan", { x: (tl.x + br.x) / 2, y: y0 + i * size * 1.2 }, t);
        span.textContent = line;
      });
    });
    return new XMLSerializer().serializeToString(svg);
  }
  window.vizPng = pngUrl;
  window.vizSvg = svgText;
  var fileBase = (data.fileName || "orggraph");
  on("btn-png", "click", function () { download(pngUrl(), fileBase + ".png"); });
  on("btn-svg", "click", function () {
    download("data:image/svg+xml;charset=utf-8," + encodeURIComponent(svgText()),
      fileBase + ".svg");
  });
  on("btn-print", "click", function () { window.print(); });
  window.addEventListener("beforeprint", function () { network.redraw(); fitView(); });
})();
