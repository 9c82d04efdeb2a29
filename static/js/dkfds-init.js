// DKFDS components (mobile menu, accordions, error summary focus …) need one init call. A
// static file, not an inline script: the Content-Security-Policy allows scripts from this
// site only. Loaded with `defer` after dkfds.min.js, so DKFDS is there and the page is parsed.
"use strict";
if (window.DKFDS) {
  window.DKFDS.init();
}
