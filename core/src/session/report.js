/* report.js - what precis's HTML pages do with JavaScript on; each page
 * works without it.  Embedded in the library; the page's
 * Content-Security-Policy names its SHA-256, so no other script runs. */
(function () {
  "use strict";
  var doc = document;
  doc.documentElement.className += " js";

  /* Dropped paragraphs: one button folds or unfolds them all, and a
   * printed page shows them. */
  var drops = doc.querySelectorAll("details.boilerplate");
  var tools = doc.getElementById("tools");
  function setAll(open) {
    for (var i = 0; i < drops.length; i++) drops[i].open = open;
  }
  if (drops.length && tools) {
    var button = doc.createElement("button");
    var shown = false;
    button.type = "button";
    var label = function () {
      button.textContent = (shown ? "Fold" : "Unfold") +
        " the dropped paragraphs (" + drops.length + ")";
    };
    label();
    button.addEventListener("click", function () {
      shown = !shown;
      setAll(shown);
      label();
    });
    tools.appendChild(button);
  }
  var before = [];
  window.addEventListener("beforeprint", function () {
    before = [];
    for (var i = 0; i < drops.length; i++) before.push(drops[i].open);
    setAll(true);
  });
  window.addEventListener("afterprint", function () {
    for (var i = 0; i < drops.length && i < before.length; i++)
      drops[i].open = before[i];
  });

  /* A sentence and its translation light up together. */
  function lit(e, on) {
    var t = e.target.closest ? e.target.closest("[data-sentence]") : null;
    if (!t || !doc.body.classList.contains("translated")) return;
    var all = doc.querySelectorAll('[data-sentence="' +
                                   t.getAttribute("data-sentence") + '"]');
    for (var i = 0; i < all.length; i++) all[i].classList.toggle("lit", on);
  }
  doc.addEventListener("mouseover", function (e) { lit(e, true); });
  doc.addEventListener("mouseout", function (e) { lit(e, false); });

  /* Sortable tables: a click on a column's heading sorts by it. */
  function key(row, col) {
    var c = row.cells[col];
    if (!c) return "";
    var k = c.getAttribute("data-sort");
    return k === null ? c.textContent.trim().toLowerCase() : k;
  }
  function compare(a, b) {
    var x = parseFloat(a), y = parseFloat(b);
    if (a !== "" && b !== "" && !isNaN(x) && !isNaN(y) &&
        String(x) === a && String(y) === b)
      return x - y;
    return a < b ? -1 : a > b ? 1 : 0;
  }
  function sortable(table) {
    var heads = table.tHead ? table.tHead.rows[0].cells : [];
    var body = table.tBodies[0];
    Array.prototype.forEach.call(heads, function (th, col) {
      var b = doc.createElement("button");
      b.type = "button";
      while (th.firstChild) b.appendChild(th.firstChild);
      th.appendChild(b);
      b.addEventListener("click", function () {
        var up = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(heads, function (h) {
          h.removeAttribute("aria-sort");
        });
        th.setAttribute("aria-sort", up ? "ascending" : "descending");
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (r, s) {
          var c = compare(key(r, col), key(s, col));
          return up ? c : -c;         /* sort() keeps ties in order */
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
  }
  var tables = doc.querySelectorAll("table.sortable");
  for (var i = 0; i < tables.length; i++) sortable(tables[i]);
})();
