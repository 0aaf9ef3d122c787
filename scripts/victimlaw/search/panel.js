// The search box in the header (overrides/partials/site-search.html) and its panel of results, on search.js's
// index. It answers as Material's search does, which readers know: "/" or "s" (outside a text field) reaches the
// box; Down and Up walk the results and back to the box; Escape anywhere in the search closes the panel and
// returns to the box, and so does a click or tap outside it (on a phone, the arrow before the box). The query is
// kept in the address (?q=), so that Back from a result opens the page with its results again, served or from
// file://. An excerpt quotes a section's own words: the index keeps its citations and labels apart
// (search/__init__.py), searched but never shown.
(function () {
  "use strict";
  var S = window.victimlawSearch;
  var SHOWN = 10;  // pages listed at a time; "more" lists the next ones
  var SECTIONS = 3;  // a page's best sections, listed with it
  var ACTS = 3;  // a query citing more acts than this names a subject, not an act: no act is put first
  var PARAM = "q";  // the query's name in the address
  var BEFORE = 60, LENGTH = 180;  // an excerpt's characters before the first word found, and in all

  // Where an excerpt of a text should begin to show the most of the query's words: the first place, at the start of
  // a word, where a query word begins (as the index matches a prefix) with the most others after it; -1 if none.
  var LETTER = /[\p{L}\p{N}]/u;
  function bestMatch(text, words) {
    var folded = S.fold(text || ""), found = [];
    words.forEach(function (w, n) {
      var part = w.slice(0, Math.max(3, w.length - 1));
      for (var i = folded.indexOf(part); i >= 0; i = folded.indexOf(part, i + 1)) {
        if (!LETTER.test(folded.charAt(i - 1))) found.push({ at: i, word: n });
      }
    });
    found.sort(function (a, b) { return a.at - b.at; });
    var best = -1, most = 0;
    found.forEach(function (start, k) {
      var seen = {}, count = 0;
      for (var j = k; j < found.length && found[j].at < start.at + LENGTH - BEFORE; j++) {
        if (!seen[found[j].word]) { seen[found[j].word] = true; count++; }
      }
      if (count > most) { most = count; best = start.at; }
    });
    return best;
  }
  // About LENGTH characters of a text from a little before `at` (its start if -1), cut between words.
  function excerpt(text, at) {
    var start = Math.max(0, at - BEFORE), end = start + LENGTH, space;
    if (start > 0 && (space = text.indexOf(" ", start)) >= 0 && space < at) start = space + 1;
    if (end < text.length && (space = text.lastIndexOf(" ", end)) > Math.max(at, start)) end = space;
    return (start > 0 ? "…" : "") + text.slice(start, end) + (end < text.length ? "…" : "");
  }
  // The text with the words that match the query marked: a word matches when its term starts with a query
  // term (the index matches the last word of a query by its beginning too).
  function marked(text, query, lang) {
    var wanted = S.terms(query, lang), out = document.createDocumentFragment(), at = 0, m;
    var word = new RegExp(S.WORD.source, "gu");
    while ((m = word.exec(text)) !== null) {
      var term = S.terms(m[0], lang)[0] || "";
      if (!wanted.some(function (w) { return term && (term.indexOf(w) === 0 || w.indexOf(term) === 0 && S.length(term) >= 3); })) continue;
      out.appendChild(document.createTextNode(text.slice(at, m.index)));
      var mark = document.createElement("mark");
      mark.textContent = m[0];
      out.appendChild(mark);
      at = m.index + m[0].length;
    }
    out.appendChild(document.createTextNode(text.slice(at)));
    return out;
  }

  // The acts a query cites, as the citation lookup reads it (cite.js, with the lookup page's data, loaded
  // when first needed): their page numbers in the index, or none.
  function citedPages(query, index, shards) {
    var data = window.VICTIMLAW_CITE, lookup = window.victimlawCite;
    var ready = data ? Promise.resolve(data) : shards.script(index.manifest.home + "cite/cite-data.js").then(function () {
      return window.VICTIMLAW_CITE;
    }, function () { return null; });
    return ready.then(function (cite) {
      if (!cite || !lookup) return [];
      var matches = (shards.resolver || (shards.resolver = new lookup.Resolver(cite))).resolve(query);
      if (!matches.length || matches.length > ACTS) return [];
      var locations = {};  // an act's page, and a provision's own page where it has one (act id#provision id)
      cite.instruments.forEach(function (inst) {
        locations[inst.id] = inst.location;
        inst.provisions.forEach(function (p) { if (p.location) locations[inst.id + "#" + p.id] = p.location; });
      });
      return matches.map(function (m) {
        return index.manifest.pageLocations.indexOf(locations[m.id + "#" + m.provision] || locations[m.id]);
      })
        .filter(function (page) { return page >= 0; });
    });
  }

  // The query in the address: ?q= set or removed, every other parameter and the hash left as they were.
  function nameOf(part) {
    var name = part.split("=")[0].replace(/\+/g, " ");
    try { return decodeURIComponent(name); } catch (e) { return name; }
  }
  function remember(value) {
    var kept = location.search.slice(1).split("&").filter(function (part) { return part && nameOf(part) !== PARAM; });
    if (value.trim()) kept.push(PARAM + "=" + encodeURIComponent(value));
    var search = kept.length ? "?" + kept.join("&") : "";
    if (search === location.search) return;
    try {
      history.replaceState(history.state, "", location.pathname + search + location.hash);
    } catch (e) { /* a browser refusing it from file:// keeps the address as it was */ }
  }
  // A field that takes typed letters, where "/" and "s" are the reader's own.
  function typing(el) {
    if (!el || !el.tagName) return false;
    if (el.isContentEditable || el.tagName === "TEXTAREA" || el.tagName === "SELECT") return true;
    return el.tagName === "INPUT" && !/^(checkbox|radio|button|submit|reset|range|color|file|image)$/.test(el.type);
  }

  function setup() {
    var form = document.querySelector("[data-site-search]");
    if (!form) return;
    var input = form.querySelector("input"), box = form.querySelector(".site-search__results");
    var config = JSON.parse(document.getElementById("__config").textContent);
    var lang = document.documentElement.lang, base = config.base.replace(/\/$/, "") + "/", index = null, waiting = [];
    var shards = new S.Shards(base, lang);
    function withIndex(done) {
      if (index) return done(index);
      waiting.push(done);
      if (waiting.length > 1) return;
      shards.load("index").then(function (manifest) {
        index = new S.Index(shards, manifest);
        waiting.splice(0).forEach(function (fn) { fn(index); });
      });
    }
    // The header's row, marked while the search is in use: on a phone the search then takes it whole (extra.css).
    var row = form.parentElement;
    function mark() { row.classList.toggle("site-search-active", !box.hidden || form.contains(document.activeElement)); }
    function open() {
      if (!input.value.trim() || !box.firstChild) return false;
      box.hidden = false;
      mark();
      return true;
    }
    function close() {
      box.hidden = true;
      mark();
    }
    function render() {
      var query = input.value.trim();
      remember(input.value);
      if (!query) { close(); box.textContent = ""; return; }
      withIndex(function (idx) {
        Promise.all([idx.search(query), citedPages(query, idx, shards)]).then(function (found) {
          var pages = idx.pages(found[0], found[1]);
          return documentsOf(idx, pages.slice(0, SHOWN)).then(function (docs) {
            if (input.value.trim() === query) show(query, pages, docs, idx);
          });
        });
      });
    }
    // For each page: its own first section's document, then those of its best sections.
    function documentsOf(idx, pages) {
      var wanted = [];
      pages.forEach(function (group) {
        wanted.push(idx.manifest.pageStarts[group.page]);
        group.sections.slice(0, SECTIONS).forEach(function (r) { wanted.push(r.section); });
      });
      return idx.documents(wanted).then(function (docs) {
        var at = 0;
        return pages.map(function (group) {
          var own = docs[at++], best = docs.slice(at, at += Math.min(SECTIONS, group.sections.length));
          return { own: own, best: best };
        });
      });
    }
    function link(doc, content) {
      var a = document.createElement("a");
      a.href = base + doc.l;
      a.dataset.location = doc.l;
      a.appendChild(content);
      return a;
    }
    function element(name, className, content) {
      var el = document.createElement(name);
      if (className) el.className = className;
      el.appendChild(typeof content === "string" ? document.createTextNode(content) : content);
      return el;
    }
    // A page: its title, what it is (kind and date), and the excerpt of its best section that holds the query in
    // its own words. A section found by its title shows its opening words; one found by its asides alone (a
    // citation) gives way to the next best whose own words hold the query. Where none does, the page's summary.
    function item(found, query, lang) {
      var words = S.terms(query, lang), own = found.own, top = found.best[0], at = bestMatch(top.x, words);
      var text = top.x;
      if (at < 0 && bestMatch(top.t, words) < 0) {  // found by its asides alone
        var next = found.best.slice(1).filter(function (doc) { return bestMatch(doc.x, words) >= 0; })[0];
        if (next) at = bestMatch((text = (top = next).x), words);
      }
      if (at < 0 && (top.l === own.l || !text)) text = own.d || own.x || text;  // the page's summary
      var entry = element("li", "site-search__page", document.createDocumentFragment());
      var head = document.createDocumentFragment();
      head.appendChild(element("strong", "", marked(own.t, query, lang)));
      if (own.k) head.appendChild(element("small", "site-search__label", own.k));
      if (top.l !== own.l) head.appendChild(element("em", "site-search__section", marked(top.t, query, lang)));
      head.appendChild(element("span", "site-search__excerpt", marked(excerpt(text, at), query, lang)));
      entry.appendChild(link(top, head));
      entry.dataset.location = own.l;
      var more = found.best.filter(function (doc) { return doc !== top && doc.l !== own.l; });  // its title is the page's
      if (more.length) {
        var list = element("ul", "site-search__sections", document.createDocumentFragment());
        more.forEach(function (doc) { list.appendChild(element("li", "", link(doc, marked(doc.t, query, lang)))); });
        entry.appendChild(list);
      }
      return entry;
    }
    function show(query, pages, docs, idx) {
      var total = pages.length, lang = idx.lang;
      box.textContent = "";
      var count = document.createElement("p");
      count.className = "site-search__count";
      count.textContent = total === 0 ? form.dataset.none : total === 1 ? form.dataset.one : form.dataset.other.replace("#", total);
      box.appendChild(count);
      var list = document.createElement("ol");
      docs.forEach(function (found) { list.appendChild(item(found, query, lang)); });
      box.appendChild(list);
      if (total > docs.length) {  // every result can be reached: the next ones are loaded when asked for
        var more = document.createElement("button");
        more.type = "button";
        more.className = "site-search__more";
        more.textContent = form.dataset.more;
        more.addEventListener("click", function () {
          var shown = list.children.length;
          documentsOf(idx, pages.slice(shown, shown + SHOWN)).then(function (next) {
            next.forEach(function (found) { list.appendChild(item(found, query, lang)); });
            if (list.children.length >= total) more.remove();
            var first = list.children[shown] && list.children[shown].querySelector("a");
            if (first) first.focus();
          });
        });
        box.appendChild(more);
      }
      open();
    }
    // Down and Up: from the box to each result and its sections in turn, and back up to the box.
    function walk(event) {
      var down = event.key === "ArrowDown";
      if (box.hidden) {
        if (down && event.target === input && open()) event.preventDefault();
        return;
      }
      var stops = Array.from(box.querySelectorAll("a[href], button")), at = stops.indexOf(document.activeElement);
      var next = at + (down ? 1 : -1);
      if ((at < 0 && !down) || next >= stops.length) return;  // Up in the box, Down on the last: as ever
      event.preventDefault();
      (next < 0 ? input : stops[next]).focus();
    }

    input.addEventListener("input", render);
    input.addEventListener("focus", function () { withIndex(function () {}); });
    input.addEventListener("click", open);
    form.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown" || event.key === "ArrowUp") walk(event);
      if (event.key !== "Escape" || box.hidden) return;  // with the panel closed, the box's Escape empties it
      event.preventDefault();
      close();
      input.focus();
    });
    form.addEventListener("focusin", mark);
    form.addEventListener("focusout", function (event) {
      if (event.relatedTarget && !form.contains(event.relatedTarget)) close();
      setTimeout(mark, 0);  // once the focus has landed
    });
    document.addEventListener("pointerdown", function (event) {
      if (!form.contains(event.target)) close();
    });
    document.addEventListener("keydown", function (event) {
      if ((event.key !== "/" && event.key !== "s") || event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.defaultPrevented || event.isComposing || typing(event.target)) return;
      event.preventDefault();
      input.focus();
      input.select();
      open();
    });
    var closer = form.querySelector(".site-search__close");  // a phone's way out: it has no Escape key
    closer.addEventListener("click", function () {
      close();
      closer.blur();
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var first = box.querySelector("a");
      if (first) window.location.href = first.href;
    });
    var asked = new URLSearchParams(location.search).get(PARAM);
    if (asked && asked.trim()) {  // the query left in the address, by Back or a shared link: its results again
      input.value = asked;
      render();
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup); else setup();
})();
