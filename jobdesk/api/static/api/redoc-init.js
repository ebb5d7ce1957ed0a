// Starts Redoc on the schema URL named by the page (no inline script: the CSP allows 'self' only).
(function () {
  "use strict";
  var container = document.getElementById("redoc-container");
  if (container && window.Redoc) {
    window.Redoc.init(container.getAttribute("data-spec-url"), { hideDownloadButton: false }, container);
  }
})();
