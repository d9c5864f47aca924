/* litmap interactive map: builds a vis-network view from a JSON island.
 * Every string from data is written with textContent or drawn on the canvas;
 * nothing from data is parsed as HTML. Links are only https://doi.org/ URLs built
 * and validated in Python and checked again here. */
(function () {
  "use strict";
  var FONT = '"Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", ' +
    '"Hiragino Sans GB", "WenQuanYi Micro Hei", sans-serif';
  var MAX_LIST = 200;

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }

  function fmt(v, digits) {
    return (v === null || v === undefined) ? "\u2013" : Number(v).toFixed(digits);
  }

  function safeDoi(url) {
    return (typeof url === "string" && url.indexOf("https://doi.org/10.") === 0) ? url : null;
  }

  function init(root) {
    var data = JSON.parse(document.getElementById(root.getAttribute("data-island")).textContent);
    var N = data.nodes, n = N.label.length;
    var q = function (cls) { return root.querySelector("." + cls); };
    var state = { view: data.view, color: data.color };

    function fontOf(i) {
      return state.view === "network" ? Math.round(N.font[i] * Math.max(1, data.font_scale))
                                      : Math.round(N.font[i] * 0.7);
    }

    function sizeOf(i) { return state.view === "network" ? N.size[i] : N.size[i] * data.lane_scale; }

    function nodeObject(i) {
      var c = N.color[state.color][i];
      return {
        id: i, x: N.pos[state.view][i][0], y: N.pos[state.view][i][1], size: sizeOf(i),
        label: N.shown[i] ? N.label[i] : undefined,
        color: { background: c, border: "#4D4D4D", highlight: { background: c, border: "#000000" },
                 hover: { background: c, border: "#000000" } },
        font: { size: fontOf(i), face: FONT, color: "#1A1A1A", strokeWidth: 3, strokeColor: "#FFFFFF" }
      };
    }

    var nodeList = [];
    for (var i = 0; i < n; i++) { nodeList.push(nodeObject(i)); }
    var E = data.edges, edgeList = [];
    for (var k = 0; k < E.source.length; k++) {
      edgeList.push({ id: k, from: E.source[k], to: E.target[k], width: E.width[k] });
    }
    var nodes = new vis.DataSet(nodeList), edges = new vis.DataSet(edgeList);
    var physics = data.physics && state.view === "network";
    var network = new vis.Network(q("lm-canvas"), { nodes: nodes, edges: edges }, {
      autoResize: true,
      layout: { improvedLayout: false, randomSeed: 0 },
      physics: { enabled: physics, stabilization: { iterations: 150, fit: true },
                 barnesHut: { springLength: 120, avoidOverlap: 0.2 } },
      nodes: { shape: "dot", borderWidth: 1 },
      edges: { smooth: false, color: { color: data.edge_color, highlight: "#222222",
               hover: "#444444" }, selectionWidth: 1.5 },
      interaction: { hover: true, hoverConnectedEdges: false, tooltipDelay: 120,
                     hideEdgesOnDrag: n > 500, hideEdgesOnZoom: n > 500, multiselect: false }
    });

    // Fit nodes and guides (year labels, lane labels on the right) into the canvas.
    function fitView() {
      var g = data.guides[state.view];
      if (!g) { network.fit({ animation: false }); return; }
      var P = N.pos[state.view], x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
      function take(x, y) { x0 = Math.min(x0, x); x1 = Math.max(x1, x); y0 = Math.min(y0, y); y1 = Math.max(y1, y); }
      P.forEach(function (p) { take(p[0], p[1]); });
      g.lines.forEach(function (L) { take(L[0], L[1]); take(L[2], L[3]); });
      g.texts.forEach(function (t) { take(t[0], t[1]); });
      var box = q("lm-canvas").getBoundingClientRect(), right = g.margin;
      var s = Math.min((box.width - right - 30) / Math.max(x1 - x0, 1), (box.height - 30) / Math.max(y1 - y0, 1));
      s = Math.max(0.05, Math.min(s, 1.5));
      network.moveTo({ scale: s, animation: false,
        position: { x: (x0 + x1) / 2 + (right / 2) / s, y: (y0 + y1) / 2 } });
    }
    if (state.view !== "network") { network.once("afterDrawing", fitView); }

    // ---- drawing: guides (year axis, lanes), cluster labels, CiteSpace rings ----
    var hidden = new Uint8Array(n);
    function hiddenNode(i) { return hidden[i] === 1; }
    var ringed = [];
    for (i = 0; i < n; i++) { if (N.ring[i]) { ringed.push(i); } }

    network.on("beforeDrawing", function (ctx) {
      var g = data.guides[state.view];
      if (!g) { return; }
      var s = network.getScale(), lw = 1 / s;
      ctx.save();
      ctx.lineWidth = lw;
      ctx.strokeStyle = "rgba(0,0,0,0.12)";
      g.lines.forEach(function (L) {
        ctx.beginPath(); ctx.moveTo(L[0], L[1]); ctx.lineTo(L[2], L[3]); ctx.stroke();
      });
      ctx.restore();
    });

    network.on("afterDrawing", function (ctx) {
      var s = network.getScale();
      ctx.save();
      var pos = network.getPositions(ringed), lw = Math.max(3, 1.5 / s);  // >= 1.5 px on screen
      ringed.forEach(function (i) {
        var p = pos[i], r = sizeOf(i) + lw;
        if (!p || hiddenNode(i)) { return; }
        ctx.lineWidth = lw;
        if (N.ring[i] & 1) {
          ctx.beginPath(); ctx.arc(p.x, p.y, r, 0, 2 * Math.PI);
          ctx.strokeStyle = data.rings.betweenness; ctx.stroke(); r += lw;
        }
        if (N.ring[i] & 2) {
          ctx.beginPath(); ctx.arc(p.x, p.y, r, 0, 2 * Math.PI);
          ctx.strokeStyle = data.rings.burst; ctx.stroke();
        }
      });
      var fs = Math.max(12, 15 / s);
      ctx.font = "bold " + fs + "px " + FONT;
      ctx.lineJoin = "round";
      var g = data.guides[state.view];
      if (g) {
        ctx.textBaseline = "middle";
        // year labels: every k-th one when the columns are narrower than a label
        var every = Math.max(1, Math.ceil((ctx.measureText("2024").width + 6 / s) / g.col));
        var years = 0;
        g.texts.forEach(function (t) {
          if (t[3] === "center" && (years++) % every !== 0) { return; }
          ctx.textAlign = t[3];
          ctx.lineWidth = 4 / s * 1.2; ctx.strokeStyle = "#FFFFFF"; ctx.strokeText(t[2], t[0], t[1]);
          ctx.fillStyle = t[4]; ctx.fillText(t[2], t[0], t[1]);
        });
      }
      if (state.view === "network") { drawClusterLabels(ctx, s); }
      ctx.restore();
    });

    function drawClusterLabels(ctx, s) {
      var all = network.getPositions(), sums = {};
      for (var i = 0; i < n; i++) {
        var c = N.cluster[i];
        if (c === null || c >= data.clusters.length || !data.clusters[c].draw) { continue; }
        var p = all[i];
        if (!p || hiddenNode(i)) { continue; }
        if (!sums[c]) { sums[c] = [0, 0, 0]; }
        sums[c][0] += p.x; sums[c][1] += p.y; sums[c][2] += 1;
      }
      var fs = Math.max(14, 20 / s);
      ctx.font = "bold " + fs + "px " + FONT;
      ctx.textAlign = "center"; ctx.textBaseline = "middle";
      Object.keys(sums).forEach(function (c) {
        var v = sums[c], info = data.clusters[c], text = "#" + c + " " + info.label;
        ctx.lineWidth = 5 / s; ctx.strokeStyle = "rgba(255,255,255,0.9)";
        ctx.strokeText(text, v[0] / v[2], v[1] / v[2]);
        ctx.fillStyle = info.ink; ctx.fillText(text, v[0] / v[2], v[1] / v[2]);
      });
    }

    // ---- hover tooltip (plain text lines) ----
    var tip = q("lm-tip");
    function tipLines(i) {
      var L = [[N.label[i], "lm-tip-title"]];
      if (N.labels[i].length > 1) { L.push(["Also: " + N.labels[i].filter(function (x) { return x !== N.label[i]; }).join("; ")]); }
      L.push(["Frequency: " + N.freq[i]]);
      L.push(["First year: " + (N.year[i] === null ? "unknown" : N.year[i])]);
      if (N.avg_year[i] !== null) { L.push(["Average year: " + fmt(N.avg_year[i], 1)]); }
      L.push(["Betweenness centrality: " + fmt(N.betweenness[i], 3)]);
      L.push(["Degree: " + N.degree[i]]);
      var b = N.burst[i];
      L.push([b ? "Burst: strength " + fmt(b[0], 2) + ", " + b[1] + "\u2013" + b[2] : "Burst: none"]);
      var c = N.cluster[i];
      if (c !== null && c < data.clusters.length) { L.push(["Cluster #" + c + ": " + data.clusters[c].label]); }
      return L;
    }
    network.on("hoverNode", function (p) {
      tip.textContent = "";
      tipLines(p.node).forEach(function (l) { tip.appendChild(el("div", l[1] || null, l[0])); });
      var box = root.querySelector(".lm-main").getBoundingClientRect();
      tip.style.left = Math.min(p.pointer.DOM.x + 14, box.width - 260) + "px";
      tip.style.top = (p.pointer.DOM.y + 14) + "px";
      tip.hidden = false;
    });
    network.on("blurNode", function () { tip.hidden = true; });
    network.on("dragStart", function () { tip.hidden = true; });

    // ---- drill-down: records behind a node or a link ----
    var panel = q("lm-records");
    function showRecords(heading, ids) {
      panel.textContent = "";
      panel.appendChild(el("h3", null, heading));
      panel.appendChild(el("p", "lm-count", ids.length + (ids.length === 1 ? " record" : " records")));
      if (!data.records.length) { panel.appendChild(el("p", null, "Records were not embedded in this map.")); return; }
      var list = el("ol", "lm-reclist");
      ids.slice(0, MAX_LIST).forEach(function (r) {
        var rec = data.records[r], li = el("li", "lm-record");
        li.appendChild(el("div", "lm-rec-title", rec[0] || "(no title)"));
        if (rec[1]) { li.appendChild(el("div", "lm-rec-authors", rec[1])); }
        var meta = [rec[2], rec[3]].filter(function (x) { return x !== null && x !== ""; }).join(", ");
        if (meta) { li.appendChild(el("div", "lm-rec-meta", meta)); }
        var url = safeDoi(rec[4]);
        if (url) {
          var a = el("a", "lm-doi", url.slice(16));
          a.href = url; a.target = "_blank"; a.rel = "noopener noreferrer";
          li.appendChild(a);
        }
        list.appendChild(li);
      });
      panel.appendChild(list);
      if (ids.length > MAX_LIST) { panel.appendChild(el("p", null, "\u2026 and " + (ids.length - MAX_LIST) + " more")); }
    }
    network.on("click", function (p) {
      if (p.nodes.length) {
        var i = p.nodes[0];
        showRecords(N.label[i], N.records[i]);
      } else if (p.edges.length) {
        var e = p.edges[0], a = E.source[e], b = E.target[e];
        var inA = {}; N.records[a].forEach(function (r) { inA[r] = true; });
        var both = N.records[b].filter(function (r) { return inA[r]; });
        showRecords(N.label[a] + " \u2014 " + N.label[b] + " (co-occurrence " + E.count[e] + ")", both);
      }
    });

    // ---- search, year filter, view and colour switches ----
    var status = q("lm-status");
    function setStatus(t) { status.textContent = t; }
    var search = q("lm-search");
    search.addEventListener("input", function () {
      var term = search.value.trim().toLowerCase();
      if (!term) { network.unselectAll(); setStatus(""); return; }
      var hits = [];
      for (var i = 0; i < n; i++) {
        if (hiddenNode(i)) { continue; }
        if (N.labels[i].some(function (x) { return x.toLowerCase().indexOf(term) >= 0; }) ||
            N.label[i].toLowerCase().indexOf(term) >= 0) { hits.push(i); }
      }
      network.selectNodes(hits, false);
      setStatus(hits.length + (hits.length === 1 ? " match" : " matches"));
      if (hits.length) { network.fit({ nodes: hits.slice(0, 50), animation: false }); }
      if (hits.length === 1) { showRecords(N.label[hits[0]], N.records[hits[0]]); }
    });

    var y0 = q("lm-y0"), y1 = q("lm-y1");
    y0.min = y1.min = y0.value = data.years[0];
    y0.max = y1.max = y1.value = data.years[1];
    function applyYears() {
      var a = Number(y0.value), b = Number(y1.value), upd = [], shown = 0;
      for (var i = 0; i < n; i++) {
        var y = N.year[i], hide = y !== null && (y < a || y > b);
        if (!hide) { shown++; }
        hidden[i] = hide ? 1 : 0;
        upd.push({ id: i, hidden: hide });
      }
      nodes.update(upd);
      setStatus(shown + " of " + n + " nodes shown");
    }
    y0.addEventListener("change", applyYears);
    y1.addEventListener("change", applyYears);

    var viewSel = q("lm-view"), colorSel = q("lm-color");
    viewSel.value = state.view; colorSel.value = state.color;
    viewSel.addEventListener("change", function () {
      state.view = viewSel.value;
      network.setOptions({ physics: { enabled: data.physics && state.view === "network" } });
      nodes.update(nodeList.map(function (o) {
        return { id: o.id, x: N.pos[state.view][o.id][0], y: N.pos[state.view][o.id][1], size: sizeOf(o.id),
                 font: { size: fontOf(o.id) } };
      }));
      fitView();
      buildLegend();
    });
    colorSel.addEventListener("change", function () {
      state.color = colorSel.value;
      nodes.update(nodeList.map(function (o) { return nodeObject(o.id); }).map(function (o) {
        return { id: o.id, color: o.color };
      }));
      buildLegend();
    });

    // ---- legend ----
    var legend = q("lm-legend");
    function swatch(color, text, ring) {
      var row = el("div", "lm-leg-row"), sw = el("span", "lm-swatch");
      sw.style.background = ring ? "transparent" : color;
      if (ring) { sw.style.border = "3px solid " + color; }
      row.appendChild(sw); row.appendChild(el("span", null, text));
      return row;
    }
    function buildLegend() {
      legend.textContent = "";
      legend.appendChild(el("h3", null, "Legend"));
      if (state.color === "cluster") {
        data.clusters.forEach(function (c, k) {
          if (c.draw) { legend.appendChild(swatch(c.color, "#" + k + " " + c.label + " (" + c.size + ")")); }
        });
        if (data.other_clusters) { legend.appendChild(swatch(data.other_color, "other or small clusters")); }
      } else {
        var bar = el("div", "lm-ramp");
        bar.style.background = "linear-gradient(to right, " + data.ramp.join(", ") + ")";
        legend.appendChild(bar);
        legend.appendChild(el("div", "lm-ramp-text", "average publication year " +
          fmt(data.avg_years[0], 0) + " \u2192 " + fmt(data.avg_years[1], 0)));
      }
      legend.appendChild(swatch(data.rings.betweenness, "betweenness centrality \u2265 " + data.rings.min_betweenness, true));
      legend.appendChild(swatch(data.rings.burst, "burst (strongest shown on hover)", true));
      legend.appendChild(el("p", "lm-note", "Node size: frequency. Link width: strength."));
    }
    buildLegend();
    setStatus(n + " nodes, " + E.source.length + " links");
    root.setAttribute("data-ready", "1");
    window.litmapNets = window.litmapNets || [];
    window.litmapNets.push({ root: root, network: network, nodes: nodes, edges: edges });
  }

  var roots = document.querySelectorAll(".lm-net[data-island]");
  for (var r = 0; r < roots.length; r++) { init(roots[r]); }
})();
