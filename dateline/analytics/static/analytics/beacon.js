/* dateline view beacon: one sendBeacon per real view, once the page is visible. No cookies. */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !navigator.sendBeacon || !window.URLSearchParams) return;
  var article = script.getAttribute("data-article");
  var endpoint = script.getAttribute("data-endpoint");
  if (!article || !endpoint) return;
  var sent = false;
  function send() {
    if (sent || document.visibilityState !== "visible") return;
    sent = true;
    document.removeEventListener("visibilitychange", send);
    var referrer = "";
    try { referrer = document.referrer ? new URL(document.referrer).hostname : ""; } catch (e) {}
    navigator.sendBeacon(endpoint, new URLSearchParams({ a: article, r: referrer }));
  }
  if (document.visibilityState === "visible") send();
  else document.addEventListener("visibilitychange", send);
})();
