// An htmx request answered 503 (the database is restarting, core.unavailable): the server sends
// `HX-Reswap: none`, so the form and what the user typed stay; this shows the server's message
// (plain text, set as text, never as HTML) in an alert just before the form. A static file, not
// an inline script: the Content-Security-Policy allows scripts from this site only.
"use strict";
document.addEventListener("htmx:responseError", function (event) {
  var xhr = event.detail.xhr;
  if (!xhr || xhr.status !== 503) {
    return;
  }
  var anchor = event.detail.elt.closest("form") || event.detail.elt;
  var alert = document.getElementById("htmx-unavailable");
  if (!alert) {
    alert = document.createElement("div");
    alert.id = "htmx-unavailable";
    alert.className = "alert alert-warning";
    alert.setAttribute("role", "alert");
    var text = document.createElement("p");
    text.className = "alert-text";
    alert.appendChild(text);
  }
  alert.firstChild.textContent = xhr.responseText;
  anchor.parentNode.insertBefore(alert, anchor);
});
