/* The API documentation page: what Swagger UI leaves out for assistive technology, added as
 * it renders (it redraws on every click, so a MutationObserver applies the fixes again).
 * - a select in a parameter row gets the parameter's name as its label;
 * - a scrollable code block can be reached with the keyboard (tabindex);
 * - each responses table (role="region") gets a name of its own.
 * Served as a static file: the page runs under the site's Content-Security-Policy. */
(function () {
  "use strict";

  function labelSelects(root) {
    root.querySelectorAll("tr[data-param-name] select:not([aria-label])").forEach(function (select) {
      var row = select.closest("tr[data-param-name]");
      select.setAttribute("aria-label", row.getAttribute("data-param-name"));
    });
  }

  function focusableCode(root) {
    root.querySelectorAll(".swagger-ui pre:not([tabindex])").forEach(function (pre) {
      pre.setAttribute("tabindex", "0");
    });
  }

  function nameResponseTables(root) {
    root.querySelectorAll("table.responses-table[role='region']:not([aria-label])").forEach(function (table) {
      var operation = table.closest(".opblock");
      var path = operation && operation.querySelector(".opblock-summary-path");
      var method = operation && operation.querySelector(".opblock-summary-method");
      var name = [method && method.textContent, path && path.textContent].filter(Boolean).join(" ");
      var live = table.classList.contains("live-responses-table") ? "Svar fra serveren" : "Svar";
      table.setAttribute("aria-label", name ? live + ": " + name : live);
    });
  }

  function fix() {
    labelSelects(document);
    focusableCode(document);
    nameResponseTables(document);
  }

  function start() {
    var root = document.getElementById("swagger-ui");
    if (!root) {
      return;
    }
    fix();
    new MutationObserver(fix).observe(root, { childList: true, subtree: true });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
