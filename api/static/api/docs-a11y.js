/* The API documentation page: what Swagger UI leaves out for assistive technology, added as
 * it renders (it redraws on every click, so a MutationObserver applies the fixes again).
 * - a select in a parameter row gets the parameter's name as its label;
 * - a scrollable code block can be reached with the keyboard (tabindex);
 * - each responses table (role="region") gets a name of its own;
 * - headings below the title move up one level (aria-level): Swagger UI jumps from the title's
 *   h1 to h3 for each group of endpoints, and the outline must not skip a level;
 * - the title and description above the endpoints (Swagger UI's own <main> holds only those)
 *   become the page's banner, so no content sits outside a landmark.
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

  function headingBefore(table) {
    // Swagger UI's own heading of the table ("Responses", "Server response"), in its language.
    var previous = table.previousElementSibling;
    if (previous && /^H[1-6]$/.test(previous.tagName)) {
      return previous.textContent;
    }
    var wrapper = table.closest(".responses-wrapper");
    var heading = wrapper && wrapper.querySelector(".opblock-section-header h4");
    return heading ? heading.textContent : "";
  }

  function nameResponseTables(root) {
    root.querySelectorAll("table.responses-table[role='region']:not([aria-label])").forEach(function (table) {
      var operation = table.closest(".opblock");
      var path = operation && operation.querySelector(".opblock-summary-path");
      var method = operation && operation.querySelector(".opblock-summary-method");
      var name = [method && method.textContent, path && path.textContent].filter(Boolean).join(" ");
      var label = [headingBefore(table), name].filter(Boolean).join(": ");
      if (label) {
        table.setAttribute("aria-label", label);
      }
    });
  }

  function levelHeadings(root) {
    root.querySelectorAll(".swagger-ui h3:not([aria-level]), .swagger-ui h4:not([aria-level]), " +
      ".swagger-ui h5:not([aria-level]), .swagger-ui h6:not([aria-level])").forEach(function (heading) {
      heading.setAttribute("aria-level", String(Number(heading.tagName.charAt(1)) - 1));
    });
  }

  function bannerForInformation(root) {
    root.querySelectorAll(".swagger-ui .information-container:not([role])").forEach(function (info) {
      info.setAttribute("role", "banner");
    });
  }

  function fix() {
    levelHeadings(document);
    bannerForInformation(document);
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
