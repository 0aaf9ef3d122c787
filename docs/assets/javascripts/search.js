// Site search, one index per language (search/<lang>.js, written by scripts/victimlaw/search.py).
// Loaded with a <script> tag so it also works from file://. Words are folded (ə/e, ı/i, İ/i, ş/s,
// ç/c, ğ/g, ö/o, ü/u, ё/е, case), Russian words are stemmed (Snowball), English lightly, and every
// query word matches as a prefix; the index and the query go through the same code.
(function () {
  "use strict";
  var FOLD = { "ə": "e", "ı": "i", "ş": "s", "ç": "c", "ğ": "g", "ö": "o", "ü": "u", "ё": "е" };
  var WORD = /[\p{L}\p{N}]+/gu;

  // One character in, one character out, so positions in folded text match the original.
  function foldChar(c) {
    if (c === "İ" || c === "I") return "i";
    var lower = c.toLowerCase();
    if (lower.length !== 1) lower = c;
    if (FOLD[lower]) return FOLD[lower];
    var base = lower.normalize("NFD")[0];
    return base || lower;
  }
  function fold(text) { return Array.from(text, foldChar).join(""); }

  // -- Russian: the Snowball stemmer
  var RU = {
    vowels: "аеиоуыэюя",
    gerund1: ["в", "вши", "вшись"], gerund2: ["ив", "ивши", "ившись", "ыв", "ывши", "ывшись"],
    adjective: ["ее", "ие", "ые", "ое", "ими", "ыми", "ей", "ий", "ый", "ой", "ем", "им", "ым", "ом", "его", "ого",
      "ему", "ому", "их", "ых", "ую", "юю", "ая", "яя", "ою", "ею"],
    participle1: ["ем", "нн", "вш", "ющ", "щ"], participle2: ["ивш", "ывш", "ующ"],
    reflexive: ["ся", "сь"],
    verb1: ["ла", "на", "ете", "йте", "ли", "й", "л", "ем", "н", "ло", "но", "ет", "ют", "ны", "ть", "ешь", "нно"],
    verb2: ["ила", "ыла", "ена", "ейте", "уйте", "ите", "или", "ыли", "ей", "уй", "ил", "ыл", "им", "ым", "ен", "ило",
      "ыло", "ено", "ят", "ует", "уют", "ит", "ыт", "ены", "ить", "ыть", "ишь", "ую", "ю"],
    noun: ["а", "ев", "ов", "ие", "ье", "е", "иями", "ями", "ами", "еи", "ии", "и", "ией", "ей", "ой", "ий", "й",
      "иям", "ям", "ием", "ем", "ам", "ом", "о", "у", "ах", "иях", "ях", "ы", "ь", "ию", "ью", "ю", "ия", "ья", "я"],
    superlative: ["ейше", "ейш"], derivational: ["ость", "ост"]
  };
  // The longest ending found; group1 endings must follow а or я. Returns the word without it, or null.
  function strip(word, group1, group2) {
    var best = null;
    (group1 || []).forEach(function (e) {
      var cut = word.length - e.length;
      if (cut > 0 && word.slice(cut) === e && "ая".indexOf(word[cut - 1]) >= 0 && (!best || e.length > best.length)) best = e;
    });
    (group2 || []).forEach(function (e) {
      if (word.length >= e.length && word.slice(word.length - e.length) === e && (!best || e.length > best.length)) best = e;
    });
    return best === null ? null : word.slice(0, word.length - best.length);
  }
  function regionAfter(word, start) {
    for (var i = start + 1; i < word.length; i++) {
      if (RU.vowels.indexOf(word[i - 1]) >= 0 && RU.vowels.indexOf(word[i]) < 0) return i + 1;
    }
    return word.length;
  }
  function stemRu(word) {
    var start = -1;
    for (var i = 0; i < word.length; i++) if (RU.vowels.indexOf(word[i]) >= 0) { start = i + 1; break; }
    if (start < 0) return word;
    var head = word.slice(0, start), rv = word.slice(start), cut;
    if ((cut = strip(rv, RU.gerund1, RU.gerund2)) !== null) {
      rv = cut;
    } else {
      if ((cut = strip(rv, null, RU.reflexive)) !== null) rv = cut;
      if ((cut = strip(rv, null, RU.adjective)) !== null) {
        rv = cut;
        if ((cut = strip(rv, RU.participle1, RU.participle2)) !== null) rv = cut;
      } else if ((cut = strip(rv, RU.verb1, RU.verb2)) !== null) {
        rv = cut;
      } else if ((cut = strip(rv, null, RU.noun)) !== null) {
        rv = cut;
      }
    }
    if (rv.slice(-1) === "и") rv = rv.slice(0, -1);
    var whole = head + rv, r2 = regionAfter(whole, regionAfter(whole, 0) - 1);
    RU.derivational.some(function (e) {
      if (whole.slice(-e.length) === e && whole.length - e.length >= r2) { rv = rv.slice(0, rv.length - e.length); return true; }
      return false;
    });
    if (rv.slice(-2) === "нн") rv = rv.slice(0, -1);
    else if ((cut = strip(rv, null, RU.superlative)) !== null) { rv = cut.slice(-2) === "нн" ? cut.slice(0, -1) : cut; }
    else if (rv.slice(-1) === "ь") rv = rv.slice(0, -1);
    return head + rv;
  }
  // -- English: plural and verb endings only
  function stemEn(word) {
    if (word.length <= 4) return word;
    if (/ies$/.test(word)) return word.slice(0, -3) + "y";
    if (/ing$/.test(word) && word.length > 6) return word.slice(0, -3);
    if (/ed$/.test(word) && word.length > 5) return word.slice(0, -2);
    if (/[^s]s$/.test(word)) return word.slice(0, -1);
    return word;
  }
  function stem(word, lang) { return lang === "ru" ? stemRu(word) : lang === "en" ? stemEn(word) : word; }
  function terms(text, lang) {
    return (fold(text).match(WORD) || []).map(function (w) { return stem(w, lang); });
  }

  function Index(data) {
    var postings = {}, docs = data.docs, lang = data.lang;
    docs.forEach(function (doc, n) {
      [[doc.t, 10], [doc.p, 2], [doc.x, 1]].forEach(function (part) {
        terms(part[0] || "", lang).forEach(function (term) {
          var list = postings[term] || (postings[term] = {});
          list[n] = (list[n] || 0) + part[1];
        });
      });
    });
    this.lang = lang;
    this.docs = docs;
    this.postings = postings;
    this.terms = Object.keys(postings).sort();
  }
  // Every term that starts with the given one (the sorted list makes it one contiguous run).
  Index.prototype.expand = function (prefix) {
    var list = this.terms, low = 0, high = list.length;
    while (low < high) { var mid = (low + high) >> 1; if (list[mid] < prefix) low = mid + 1; else high = mid; }
    var out = [];
    for (var i = low; i < list.length && list[i].indexOf(prefix) === 0; i++) out.push(list[i]);
    return out;
  };
  Index.prototype.search = function (query) {
    var self = this, words = terms(query, this.lang), scores = null;
    if (!words.length) return [];
    words.forEach(function (word) {
      var found = {};
      self.expand(word).forEach(function (term) {
        var list = self.postings[term], idf = Math.log(1 + self.docs.length / Object.keys(list).length);
        for (var n in list) found[n] = (found[n] || 0) + list[n] * idf * (term === word ? 2 : 1);
      });
      if (scores === null) { scores = found; return; }
      var both = {};
      for (var n in scores) if (n in found) both[n] = scores[n] + found[n];
      scores = both;
    });
    return Object.keys(scores).map(function (n) { return { doc: self.docs[n], score: scores[n] }; })
      .sort(function (a, b) { return b.score - a.score; });
  };

  function excerpt(text, query, lang) {
    var folded = fold(text), words = terms(query, lang), at = -1;
    words.forEach(function (w) { var i = folded.indexOf(w.slice(0, Math.max(3, w.length - 1))); if (i >= 0 && (at < 0 || i < at)) at = i; });
    var start = Math.max(0, at - 60);
    return (start > 0 ? "…" : "") + text.slice(start, start + 180) + (text.length > start + 180 ? "…" : "");
  }

  function setup() {
    var form = document.querySelector("[data-site-search]");
    if (!form) return;
    var input = form.querySelector("input"), box = form.querySelector(".site-search__results");
    var config = JSON.parse(document.getElementById("__config").textContent);
    var lang = document.documentElement.lang, base = config.base.replace(/\/$/, "") + "/", index = null, waiting = [];
    function withIndex(done) {
      if (index) return done(index);
      waiting.push(done);
      if (waiting.length > 1) return;
      var script = document.createElement("script");
      script.src = base + "search/" + lang + ".js";
      script.onload = function () {
        index = new Index(window.VICTIMLAW_SEARCH[lang]);
        waiting.splice(0).forEach(function (fn) { fn(index); });
      };
      document.head.appendChild(script);
    }
    function render() {
      var query = input.value.trim();
      if (!query) { box.hidden = true; box.textContent = ""; return; }
      withIndex(function (idx) {
        if (input.value.trim() !== query) return;
        var results = idx.search(query);
        box.textContent = "";
        var count = document.createElement("p");
        count.className = "site-search__count";
        count.textContent = results.length === 0 ? form.dataset.none
          : results.length === 1 ? form.dataset.one : form.dataset.other.replace("#", results.length);
        box.appendChild(count);
        var list = document.createElement("ol");
        results.slice(0, 20).forEach(function (result) {
          var item = document.createElement("li"), link = document.createElement("a"), title = document.createElement("strong");
          link.href = base + result.doc.l;
          link.dataset.location = result.doc.l;
          title.textContent = result.doc.p ? result.doc.p + " — " + result.doc.t : result.doc.t;
          link.appendChild(title);
          var text = document.createElement("span");
          text.textContent = excerpt(result.doc.x || "", query, idx.lang);
          link.appendChild(text);
          item.appendChild(link);
          list.appendChild(item);
        });
        box.appendChild(list);
        box.hidden = false;
      });
    }
    input.addEventListener("input", render);
    input.addEventListener("focus", function () { withIndex(function () {}); });
    input.addEventListener("keydown", function (event) { if (event.key === "Escape") { input.value = ""; render(); } });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var first = box.querySelector("a");
      if (first) window.location.href = first.href;
    });
  }

  window.victimlawSearch = { fold: fold, stemRu: stemRu, stemEn: stemEn, Index: Index };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup); else setup();
})();
