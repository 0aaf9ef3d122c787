// The catalogue's filter (catalogue.html.j2): narrows the tables to the instruments whose kind, level,
// issuer, year and theme are those chosen. Each row carries its values as data-* attributes; a group left
// without rows is hidden with its heading, and with its entry in the contents; the list in date order, which
// would repeat the acts shown, is hidden while a filter is on. The choice is kept in the address (?kind=decision&year=2005),
// read again when the page opens, so a filtered list can be shared or bookmarked, online or from file://.
(function () {
  "use strict";
  function setup() {
    var form = document.querySelector("[data-catalogue-filter]");
    if (!form) return;
    var selects = Array.from(form.querySelectorAll("select")), count = form.querySelector(".catalogue-filter__count");
    var rows = Array.from(document.querySelectorAll("[data-id]"));
    var total = new Set(rows.map(function (row) { return row.dataset.id; })).size;
    function has(row, field, value) {  // a row's theme holds every theme of the act, space-separated
      var own = row.dataset[field] || "";
      return field === "theme" ? own.split(" ").indexOf(value) >= 0 : own === value;
    }
    function apply(remember) {
      var chosen = selects.filter(function (s) { return s.value; });
      var shown = new Set();
      rows.forEach(function (row) {
        row.hidden = !chosen.every(function (s) { return has(row, s.name, s.value); });
        if (!row.hidden) shown.add(row.dataset.id);
      });
      document.querySelectorAll(".catalogue-group").forEach(function (group) {
        group.hidden = !group.querySelector("tr[data-id]:not([hidden])");
      });
      document.querySelectorAll(".catalogue-level").forEach(function (level) {
        level.hidden = !level.querySelector(".catalogue-group:not([hidden])");
      });
      // the same acts in date order would list each twice: shown when nothing is chosen
      var chronology = document.querySelector(".catalogue-chronology");
      if (chronology) chronology.hidden = chosen.length > 0;
      // the contents list what is shown
      document.querySelectorAll(".md-nav--secondary a.md-nav__link[href^='#']").forEach(function (link) {
        var target = document.getElementById(decodeURIComponent(link.hash.slice(1)));
        link.parentElement.hidden = !!(target && target.closest("[hidden]"));
      });
      count.textContent = count.dataset.template.replace("{shown}", shown.size).replace("{total}", total);
      if (remember) {
        var params = new URLSearchParams(window.location.search);
        selects.forEach(function (s) { if (s.value) params.set(s.name, s.value); else params.delete(s.name); });
        var query = params.toString();
        history.replaceState(history.state, "", window.location.pathname + (query ? "?" + query : "") + window.location.hash);
      }
    }
    var params = new URLSearchParams(window.location.search);
    selects.forEach(function (s) {
      var value = params.get(s.name);
      if (value && Array.from(s.options).some(function (o) { return o.value === value; })) s.value = value;
    });
    form.addEventListener("change", function () { apply(true); });
    form.addEventListener("reset", function () { setTimeout(function () { apply(true); }, 0); });  // after the reset
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    apply(false);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup); else setup();
})();
