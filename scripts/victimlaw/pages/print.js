// What a printout says of where and when it came from (overrides/partials/print-masthead.html): the page's
// address and the date of printing, in the page's language (the words and the pattern come from strings.yaml
// through the masthead's data-* attributes; Intl has no Azerbaijani month names in every browser). Written when
// the page opens, for a PDF made without a print dialog, and again before printing: a page may have stayed
// open since an earlier day, or a filter may have changed its address.
(function () {
  "use strict";
  function address(masthead) {
    var here = window.location.href.split("#")[0];
    if (window.location.protocol !== "file:") return here;
    // from disk: the public address if the build had one, else the file; said to be the offline copy either way
    var canonical = document.querySelector('link[rel="canonical"]');
    try { here = decodeURI(here); } catch (error) { /* a malformed escape: keep the address as it is */ }
    return (canonical ? canonical.href : here) + " (" + masthead.dataset.offline + ")";
  }
  function fill() {
    var masthead = document.querySelector("[data-print-masthead]");
    if (!masthead) return;
    var now = new Date(), months = masthead.dataset.months.split(" ");
    var date = masthead.querySelector("[data-print-date]");
    masthead.querySelector("[data-print-address]").textContent = address(masthead);
    date.textContent = masthead.dataset.pattern.replace("{day}", now.getDate())
      .replace("{month}", months[now.getMonth()]).replace("{year}", now.getFullYear());
  }
  fill();
  window.addEventListener("beforeprint", fill);
})();
