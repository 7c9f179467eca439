/* The entity page's graph, drawn by Cytoscape.js from the #graph element's data-graph
   attribute (the same nodes and edges as the page's JSON twin). Who points at the entity
   (owners, suppliers, makers) sits above it, what it points at (subsidiaries, customers,
   products) below, partners beside. Clicking a node opens that entity's page. The
   instance is kept on window.swGraph (the browser tests read it). */
(function () {
  "use strict";
  var box = document.getElementById("graph");
  if (!box || typeof window.cytoscape !== "function") { return; }
  var data = JSON.parse(box.getAttribute("data-graph") || "{\"nodes\": [], \"edges\": []}");
  var ROW = { owner: -1, supplier: -1, maker: -1, self: 0, partner: 0,
              subsidiary: 1, customer: 1, product: 1 };
  var PER_ROW = 7, DX = 170, DY = 130;

  function positions(nodes) {
    var rows = { "-1": [], "0": [], "1": [] }, out = {};
    nodes.forEach(function (n) { rows[String(ROW[n.role] || 0)].push(n); });
    Object.keys(rows).forEach(function (key) {
      var side = Number(key), list = rows[key];
      if (side === 0) {  // the entity in the middle, partners to either side
        list.sort(function (a, b) { return a.role === "self" ? -1 : b.role === "self" ? 1 : 0; });
        list.forEach(function (n, i) {
          out[n.id] = { x: i === 0 ? 0 : (i % 2 ? 1 : -1) * Math.ceil(i / 2) * DX, y: 0 };
        });
        return;
      }
      list.forEach(function (n, i) {
        var line = Math.floor(i / PER_ROW), inLine = Math.min(PER_ROW, list.length - line * PER_ROW);
        var col = i % PER_ROW;
        out[n.id] = { x: (col - (inLine - 1) / 2) * DX + (line % 2) * DX / 3,
                      y: side * DY * (line + 1) };
      });
    });
    return out;
  }

  var at = positions(data.nodes);
  var elements = [];
  data.nodes.forEach(function (n) {
    elements.push({ group: "nodes", position: at[n.id],
                    data: { id: n.id, label: n.label, type: n.type, role: n.role, href: n.href } });
  });
  data.edges.forEach(function (e) {
    elements.push({ group: "edges", data: { id: e.id, source: e.source, target: e.target, label: e.label,
                                            relation: e.relation, status: e.status || "" } });
  });
  var colours = { self: "#14263a", owner: "#7b4fa0", subsidiary: "#7b4fa0", supplier: "#0b5cad",
                  customer: "#2a7a3a", maker: "#a66b00", product: "#d69c3f", partner: "#5b6570" };
  var cy = window.cytoscape({
    container: box,
    elements: elements,
    minZoom: 0.15,
    maxZoom: 3,
    style: [
      { selector: "node", style: {
          "label": "data(label)", "font-size": 12, "text-valign": "bottom", "text-margin-y": 4,
          "text-wrap": "wrap", "text-max-width": 150, "width": 22, "height": 22,
          "background-color": function (n) { return colours[n.data("role")] || "#5b6570"; } } },
      { selector: "node[type = 'product']", style: { "shape": "round-rectangle" } },
      { selector: "node[role = 'self']", style: { "width": 34, "height": 34, "font-weight": "bold" } },
      { selector: "edge", style: {
          "width": 1.5, "curve-style": "bezier", "target-arrow-shape": "triangle",
          "line-color": "#9aa5b1", "target-arrow-color": "#9aa5b1",
          // near the arrowhead, where edges fan apart, rather than overlapping mid-way
          "target-label": "data(label)", "target-text-offset": 55, "text-wrap": "wrap",
          "text-max-width": 120, "font-size": 9, "color": "#5b6570",
          "text-background-color": "#fbfbfc", "text-background-opacity": 0.9,
          "text-background-padding": 1 } },
      { selector: "edge[status = 'ended']", style: { "line-style": "dashed", "line-color": "#c99",
                                                     "target-arrow-color": "#c99" } },
      { selector: "edge[status = 'planned']", style: { "line-style": "dotted" } }
    ],
    layout: { name: "preset", fit: true, padding: 40 }
  });
  if (cy.zoom() > 1.3) { cy.zoom(1.3); cy.center(); }
  cy.on("tap", "node", function (evt) {
    var node = evt.target;
    if (node.data("role") !== "self" && node.data("href")) { window.location.assign(node.data("href")); }
  });
  var fit = document.getElementById("graph-fit");
  if (fit) { fit.addEventListener("click", function () { cy.fit(undefined, 40); }); }
  window.swGraph = cy;
  box.setAttribute("data-drawn", String(cy.nodes().length));
}());
