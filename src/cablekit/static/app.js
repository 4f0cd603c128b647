// cablekit's own script: draws the reference graph with cytoscape (loaded only on pages that have a graph).
// Everything else works without it; htmx (loaded beside it) only makes links and forms swap the page in place.
(function () {
  "use strict";
  var loading = null;

  function loadCytoscape() {
    if (window.cytoscape) return Promise.resolve(window.cytoscape);
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = "/static/vendor/cytoscape.min.js";
        script.onload = function () { resolve(window.cytoscape); };
        script.onerror = reject;
        document.head.appendChild(script);
      });
    }
    return loading;
  }

  function draw(container) {
    if (container.dataset.drawn) return;
    container.dataset.drawn = "1";
    Promise.all([loadCytoscape(), fetch(container.dataset.graph).then(function (r) { return r.json(); })])
      .then(function (both) {
        var cytoscape = both[0], graph = both[1];
        var elements = graph.nodes.map(function (n) {
          return {data: {id: n.id, label: n.id, title: n.subject || "", stored: n.in_corpus,
                         center: n.id === graph.center}};
        }).concat(graph.edges.map(function (e, i) {
          return {data: {id: "e" + i, source: e.source, target: e.target}};
        }));
        var cy = cytoscape({
          container: container, elements: elements, wheelSensitivity: 0.3,
          layout: {name: graph.nodes.length > 60 ? "grid" : "cose", animate: false, padding: 20},
          style: [
            {selector: "node", style: {"label": "data(label)", "font-size": 9, "background-color": "#9aa5b1",
                                       "width": 12, "height": 12, "color": "#1f2933"}},
            {selector: "node[?stored]", style: {"background-color": "#2f6f9f"}},
            {selector: "node[?center]", style: {"background-color": "#b8322a", "width": 18, "height": 18}},
            {selector: "edge", style: {"width": 1, "line-color": "#b0b8c1", "target-arrow-color": "#b0b8c1",
                                       "target-arrow-shape": "triangle", "curve-style": "bezier"}}
          ]
        });
        cy.on("tap", "node[?stored]", function (event) {
          window.location.href = "/cable/" + encodeURIComponent(event.target.id());
        });
        container.dataset.nodes = String(cy.nodes().length);
        container.classList.add("drawn");
      })
      .catch(function () { container.textContent = "The graph could not be drawn; the table below lists it."; });
  }

  function drawAll(root) {
    (root || document).querySelectorAll("[data-graph]").forEach(draw);
  }

  document.addEventListener("DOMContentLoaded", function () { drawAll(document); });
  document.addEventListener("htmx:load", function (event) { drawAll(event.target); });
})();
