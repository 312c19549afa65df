// newsgraph web UI: a tooltip for quotes (speaker, cue, kind) that shows at once on hover or focus, and the
// quote and its cue outlined together. No framework and nothing from outside; text is set with textContent only.
"use strict";
(function () {
  const tip = document.getElementById("tip");
  if (!tip) return;
  const selector = "mark.quote, span.cue, del.removed, span.timex";

  function show(el, x, y) {
    tip.textContent = el.dataset.tip || "";
    tip.hidden = false;
    tip.style.left = Math.min(x + 12, window.innerWidth - tip.offsetWidth - 8) + "px";
    tip.style.top = (y + 16) + "px";
  }
  function mark(el, on) {
    const n = el.dataset.quote;
    if (n === undefined) return;
    document.querySelectorAll('[data-quote="' + CSS.escape(n) + '"]').forEach((part) => part.classList.toggle("active", on));
  }

  // The title becomes data-tip, so that the browser's own (slow) tooltip does not show twice.
  document.querySelectorAll(selector).forEach((el) => {
    if (el.title) { el.dataset.tip = el.title; el.setAttribute("aria-label", el.title); el.removeAttribute("title"); }
  });
  document.addEventListener("mouseover", (e) => {
    const el = e.target.closest(selector);
    if (!el) { tip.hidden = true; return; }
    show(el, e.clientX, e.clientY);
    mark(el, true);
  });
  document.addEventListener("mouseout", (e) => {
    const el = e.target.closest(selector);
    if (el) mark(el, false);
  });

  // Remember "hide removed" between articles.
  const hide = document.getElementById("hide-removed");
  if (hide) {
    hide.checked = localStorage.getItem("newsgraph.hideRemoved") === "1";
    hide.addEventListener("change", () => localStorage.setItem("newsgraph.hideRemoved", hide.checked ? "1" : "0"));
  }
})();
