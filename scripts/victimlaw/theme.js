// What Material's script bundle did for moving around a page, which the pages do not load (theme.py): the
// language switcher keeps the reader's place, the table of contents follows the reader, Escape closes the
// drawer. Material's markup it relies on is listed in ARCHITECTURE.md ("The seam to Material"): the switcher's
// a.md-select__link[hreflang], the contents' .md-nav--secondary links, the #__drawer toggle and the
// md-nav__link--active class that Material's CSS colours. Works served and from file://.
(function () {
  "use strict";
  var OFFSET = 80; // px below the viewport's top that count as "here": the header and tabs cover the rest
  var active = null; // the id of the section being read, as the contents show it

  function visible(element) {
    var box = element.getBoundingClientRect();
    return box.bottom > 0 && box.top < window.innerHeight;
  }

  // The anchors are the same in every language: the other language's page opens at the same place, the
  // address's anchor while its target is in view, else the section being read.
  function place() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    var target = id && document.getElementById(id);
    if (target && visible(target)) return "#" + encodeURIComponent(id);
    return active ? "#" + encodeURIComponent(active) : window.location.hash;
  }
  function keepPlace(event) {
    var link = event.target.closest && event.target.closest("a.md-select__link[hreflang]");
    if (link) link.setAttribute("href", link.getAttribute("href").split("#")[0] + place());
  }
  // before the link is followed, opened in a new tab or copied, by pointer or keyboard
  ["pointerdown", "focusin", "click", "contextmenu"].forEach(function (type) {
    document.addEventListener(type, keepPlace, true);
  });

  // The contents follow the reader: the last section whose heading has passed OFFSET is marked.
  function follow() {
    var links = Array.prototype.slice.call(document.querySelectorAll(".md-nav--secondary a.md-nav__link[href^='#']"));
    var sections = links
      .map(function (link) { return { link: link, heading: document.getElementById(decodeURIComponent(link.hash.slice(1))) }; })
      .filter(function (s) { return s.heading; });
    if (!sections.length) return;
    var scheduled = false;
    function mark() {
      scheduled = false;
      var current = null;
      sections.forEach(function (s) { if (s.heading.getBoundingClientRect().top <= OFFSET) current = s; });
      active = current ? current.heading.id : null;
      sections.forEach(function (s) {
        var on = s === current;
        s.link.classList.toggle("md-nav__link--active", on);
        if (on) s.link.setAttribute("aria-current", "location");
        else s.link.removeAttribute("aria-current");
      });
      if (current) keepInView(current.link);
    }
    window.addEventListener("scroll", function () {
      if (!scheduled) { scheduled = true; window.requestAnimationFrame(mark); }
    }, { passive: true });
    mark();
  }
  // the marked entry stays in view in a contents list taller than the screen, which scrolls on its own
  function keepInView(link) {
    var box = link.closest(".md-sidebar__scrollwrap");
    if (!box || box.scrollHeight <= box.clientHeight) return;
    var top = link.offsetTop - box.offsetTop;
    if (top < box.scrollTop || top > box.scrollTop + box.clientHeight - link.offsetHeight) {
      box.scrollTop = top - box.clientHeight / 3;
    }
  }

  // Escape closes the navigation drawer (a checkbox Material's CSS opens), as it closes any panel.
  document.addEventListener("keydown", function (event) {
    var drawer = document.getElementById("__drawer");
    if (event.key === "Escape" && drawer && drawer.checked) {
      drawer.checked = false;
      drawer.dispatchEvent(new Event("change"));
    }
  });

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", follow);
  else follow();
})();
