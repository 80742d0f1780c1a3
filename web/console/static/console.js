// Sportello staff console: live updates over Server-Sent Events. The
// pages work without it (reload to see changes); with it, the part of the
// page marked data-live-fragment is fetched again whenever the server
// signals a change.
(function () {
  "use strict";
  // The live SMS counters (the editor's SMS field, the operator's reply
  // on the SMS channel): characters and segments as the SMS channel will
  // count them, asked of the server (data-sms-url) after each pause in
  // typing. The server flags a text over the channel's cap.
  Array.prototype.forEach.call(document.querySelectorAll("[data-sms-count]"), function (box) {
    var out = document.getElementById(box.getAttribute("data-sms-count"));
    var url = box.getAttribute("data-sms-url") || "/staff/kb/sms-count";
    var timer = null;
    box.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var body = new URLSearchParams();
        body.set("text", box.value);
        fetch(url, { method: "POST", credentials: "same-origin", body: body })
          .then(function (r) {
            out.classList.toggle("sp-sms-over", r.headers.get("X-SMS-Over") === "1");
            return r.ok ? r.text() : "";
          })
          .then(function (t) { out.textContent = t; })
          .catch(function () {});
      }, 250);
    });
  });
  var live = document.querySelector("[data-live-events]");
  if (!live || !window.EventSource || !window.fetch) {
    return;
  }
  var target = document.querySelector("[data-live-fragment]");
  var busy = false;
  var again = false;
  function refresh() {
    if (busy) {
      again = true;
      return;
    }
    busy = true;
    fetch(target.getAttribute("data-live-fragment"), { credentials: "same-origin", headers: { "Accept": "text/html" } })
      .then(function (r) { return r.ok ? r.text() : null; })
      .then(function (html) {
        if (html !== null) {
          var doc = new DOMParser().parseFromString(html, "text/html");
          var fresh = doc.querySelector("[data-live-fragment]");
          if (fresh) {
            target.innerHTML = fresh.innerHTML;
          }
        }
      })
      .catch(function () {})
      .then(function () {
        busy = false;
        if (again) {
          again = false;
          refresh();
        }
      });
  }
  var es = new EventSource(live.getAttribute("data-live-events"));
  es.addEventListener("change", refresh);
  // Canned replies fill the reply box, where the operator can edit them.
  var canned = document.querySelector("[data-canned]");
  var box = document.querySelector("[data-reply-text]");
  if (canned && box) {
    canned.addEventListener("change", function () {
      if (canned.value) {
        box.value = canned.value;
        box.focus();
      }
    });
  }
})();
