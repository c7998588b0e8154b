// The network page: draws the server's nodes and edges (positions fixed, physics off), groups
// the overview's clustered nodes, opens a group on click, opens an entity's page on click,
// and focuses the node a search names (opening the group that holds it).
(function () {
  "use strict";
  function data(id) { return JSON.parse(document.getElementById(id).textContent); }
  var nodes = new vis.DataSet(data("rg-nodes"));
  var edges = new vis.DataSet(data("rg-edges"));
  var container = document.getElementById("network");
  container.style.height = Math.max(320, window.innerHeight - container.getBoundingClientRect().top - window.scrollY - 8) + "px";
  var network = new vis.Network(container, {nodes: nodes, edges: edges}, data("rg-options"));
  window.network = network;
  window.rgNodes = nodes;
  data("rg-clusters").forEach(function (group) {
    network.cluster({
      joinCondition: function (node) { return node.cluster === group.key; },
      clusterNodeProperties: {
        id: "cluster:" + group.key, label: group.label, title: group.title, shape: group.shape,
        color: group.color, size: group.size, x: group.x, y: group.y, borderWidth: 2, physics: false,
        font: {size: 15, strokeWidth: 3, strokeColor: "#ffffff"}
      }
    });
  });
  if (network.body.nodeIndices.some(function (id) { return network.isCluster(id); })) {
    network.fit({animation: false});
  }
  network.once("afterDrawing", function () {
    document.documentElement.setAttribute("data-drawn", String(performance.now()));
  });
  network.on("click", function (params) {
    if (params.nodes.length !== 1) { return; }
    var id = params.nodes[0];
    if (network.isCluster(id)) { network.openCluster(id); return; }
    var node = nodes.get(id);
    if (node && node.url) { window.location.href = node.url; }
  });
  var form = document.getElementById("focus-form");
  if (!form) { return; }
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var wanted = document.getElementById("focus").value.trim().toLowerCase();
    var status = document.getElementById("focus-status");
    var exact = nodes.get({filter: function (n) { return n.name.toLowerCase() === wanted; }});
    var found = exact.length ? exact : nodes.get({filter: function (n) { return n.name.toLowerCase().indexOf(wanted) >= 0; }});
    if (!wanted || !found.length) { status.textContent = "No entity by that name in this network."; return; }
    var id = found[0].id;
    var path = network.findNode(id);
    for (var i = 0; i < path.length - 1; i += 1) {
      if (network.isCluster(path[i])) { network.openCluster(path[i]); }
    }
    network.selectNodes([id]);
    network.focus(id, {scale: 1.4, animation: {duration: 300}});
    status.textContent = "Showing " + found[0].name + (found.length > 1 ? " (first of " + found.length + " matches)" : "") + ".";
  });
})();
