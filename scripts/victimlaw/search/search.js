// Site search, one index per language, split into shards (search/<lang>/, written by
// scripts/victimlaw/search/__init__.py): the words of every page section, folded and stemmed at build time, in
// term shards chosen by their first two letters; the sections in small document shards. A query loads
// the term shards of its words and the document shards of the results shown, with <script> tags, so
// it also works from file://. Words are folded (ə/e, ı/i, İ/i, ş/s, ç/c, ğ/g, ö/o, ü/u, ё/е, case,
// accents), Russian words are stemmed (Snowball), English lightly, and every query word matches as a
// prefix. The tables of these rules are not here: they are scripts/victimlaw/search/wordrules.yaml, which the
// build writes into the site as search/words.js (window.VICTIMLAW_WORDS), loaded before this script;
// search/__init__.py and words.py apply the same rules to the pages (a browser test compares the two). Text is read by
// characters (code points), as Python reads it, never by UTF-16 code units.
(function () {
  "use strict";
  var WORD = /[\p{L}\p{N}]+/gu;

  // -- the rules, as the page received them
  var prepared = null;
  function merged(groups) {
    var table = Object.create(null);
    groups.forEach(function (group) { Object.keys(group.letters).forEach(function (k) { table[k] = group.letters[k]; }); });
    return table;
  }
  function rules() {
    var data = window.VICTIMLAW_WORDS;
    if (!data) throw new Error("search/words.js is not loaded");
    if (!prepared || prepared.data !== data) {
      prepared = { data: data, capitals: merged(data.fold.capitals), letters: merged(data.fold.letters),
        decomposition: data.fold.others.decomposition, ru: data.stem.ru, en: data.stem.en, folded: Object.create(null) };
    }
    return prepared;
  }
  function length(word) { return Array.from(word).length; }  // in characters, not UTF-16 code units

  // One character in, one character out, so positions in folded text match the original.
  function foldChar(c) {
    var r = rules();
    if (c in r.folded) return r.folded[c];
    var folded;
    if (c in r.capitals) {
      folded = r.capitals[c];
    } else {
      var lower = c.toLowerCase();
      if (length(lower) !== 1) lower = c;
      // else the first character of the letter's decomposition: the letter without its marks
      folded = lower in r.letters ? r.letters[lower] : Array.from(lower.normalize(r.decomposition))[0] || lower;
    }
    return (r.folded[c] = folded);
  }
  function fold(text) { return Array.from(text, foldChar).join(""); }  // by characters: a pair of surrogates is one

  // -- Russian: the Snowball stemmer
  // The longest ending found; group1 endings must follow a letter of `after`. Returns the word without it, or null.
  function strip(word, group1, group2, after) {
    var best = null;
    (group1 || []).forEach(function (e) {
      var cut = word.length - e.length;
      if (cut > 0 && word.slice(cut) === e && after.indexOf(word[cut - 1]) >= 0 && (!best || e.length > best.length)) best = e;
    });
    (group2 || []).forEach(function (e) {
      if (word.length >= e.length && word.slice(word.length - e.length) === e && (!best || e.length > best.length)) best = e;
    });
    return best === null ? null : word.slice(0, word.length - best.length);
  }
  // Positions here are in UTF-16 code units: the vowels and endings are all single units, so a letter
  // outside the Basic Multilingual Plane (two units, neither a vowel) cuts the word where Python does.
  function regionAfter(word, start, vowels) {
    for (var i = start + 1; i < word.length; i++) {
      if (vowels.indexOf(word[i - 1]) >= 0 && vowels.indexOf(word[i]) < 0) return i + 1;
    }
    return word.length;
  }
  function stemRu(word) {
    var ru = rules().ru, RU = ru.endings, vowels = ru.vowels, after = ru.group1_after;
    var start = -1;
    for (var i = 0; i < word.length; i++) if (vowels.indexOf(word[i]) >= 0) { start = i + 1; break; }
    if (start < 0) return word;
    var head = word.slice(0, start), rv = word.slice(start), cut;
    if ((cut = strip(rv, RU.gerund1, RU.gerund2, after)) !== null) {
      rv = cut;
    } else {
      if ((cut = strip(rv, null, RU.reflexive)) !== null) rv = cut;
      if ((cut = strip(rv, null, RU.adjective)) !== null) {
        rv = cut;
        if ((cut = strip(rv, RU.participle1, RU.participle2, after)) !== null) rv = cut;
      } else if ((cut = strip(rv, RU.verb1, RU.verb2, after)) !== null) {
        rv = cut;
      } else if ((cut = strip(rv, null, RU.noun)) !== null) {
        rv = cut;
      }
    }
    if (rv.slice(-1) === "и") rv = rv.slice(0, -1);
    var whole = head + rv, r2 = regionAfter(whole, regionAfter(whole, 0, vowels) - 1, vowels);
    RU.derivational.some(function (e) {
      if (whole.slice(-e.length) === e && whole.length - e.length >= r2) { rv = rv.slice(0, rv.length - e.length); return true; }
      return false;
    });
    if (rv.slice(-2) === "нн") rv = rv.slice(0, -1);
    else if ((cut = strip(rv, null, RU.superlative)) !== null) { rv = cut.slice(-2) === "нн" ? cut.slice(0, -1) : cut; }
    else if (rv.slice(-1) === "ь") rv = rv.slice(0, -1);
    return head + rv;
  }
  // -- English: plural and verb endings only, the first rule that applies (lengths in characters)
  function stemEn(word) {
    var letters = length(word), list = rules().en;
    for (var i = 0; i < list.length; i++) {
      var rule = list[i], stem = word.slice(0, word.length - rule.ending.length);
      if (letters > rule.longer_than && word.slice(stem.length) === rule.ending &&
          !(rule.not_after && stem.slice(-rule.not_after.length) === rule.not_after)) return stem + rule.becomes;
    }
    return word;
  }
  function stem(word, lang) { return lang === "ru" ? stemRu(word) : lang === "en" ? stemEn(word) : word; }
  function terms(text, lang) {
    return (fold(text).match(WORD) || []).map(function (w) { return stem(w, lang); });
  }

  // The term shard of a key, a term's first two letters or, in a group split for size, three
  // (search/__init__.py's shard_of and shard_key).
  function shardOf(key, shards) {
    var number = 0;
    for (var i = 0; i < key.length; i++) number = number * 31 + key.charCodeAt(i);  // three letters at most: exact
    return number % shards;
  }

  // Shards arrive by <script> (fetch is refused from file://); each assigns itself to VICTIMLAW_SEARCH.
  function Shards(base, lang) {
    this.base = base;
    this.lang = lang;
    this.pending = {};
  }
  Shards.prototype.load = function (name) {
    var key = this.lang + "/" + name, store = window.VICTIMLAW_SEARCH || {};
    if (store[key]) return Promise.resolve(store[key]);
    return this.script("search/" + key + ".js").then(function () { return window.VICTIMLAW_SEARCH[key]; });
  };
  // A script of the site, by its address below the site's root, loaded once.
  Shards.prototype.script = function (path) {
    var src = this.base + path;
    if (!this.pending[src]) {
      this.pending[src] = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = src;
        script.onload = function () { resolve(); };
        script.onerror = function () { reject(new Error("cannot load " + src)); };
        document.head.appendChild(script);
      });
    }
    return this.pending[src];
  };

  function Index(shards, manifest) {
    this.shards = shards;
    this.lang = manifest.lang;
    this.manifest = manifest;
    this.sorted = {};
  }
  // Every term of a shard that starts with the given one (a sorted list makes it one contiguous run).
  Index.prototype.expand = function (shard, name, prefix) {
    var list = this.sorted[name] || (this.sorted[name] = Object.keys(shard).sort()), low = 0, high = list.length;
    while (low < high) { var mid = (low + high) >> 1; if (list[mid] < prefix) low = mid + 1; else high = mid; }
    var out = [];
    for (var i = low; i < list.length && list[i].indexOf(prefix) === 0; i++) out.push(list[i]);
    return out;
  };
  // Promise of [{section number, score}], best first: sections holding every query word (as a prefix).
  Index.prototype.search = function (query) {
    var self = this, words = terms(query, this.lang), total = this.manifest.sections;
    if (!words.length) return Promise.resolve([]);
    return Promise.all(words.map(function (word) {
      var split = self.manifest.split[word.slice(0, 2)], numbers;
      if (!split) numbers = [shardOf(word.slice(0, 2), self.manifest.termShards)];
      else if (word.length >= 3) numbers = [shardOf(word.slice(0, 3), self.manifest.termShards)];
      else numbers = split;  // every term of the group: all its shards
      return Promise.all(numbers.map(function (n) {
        return self.shards.load("t" + n).then(function (shard) { return [n, shard]; });
      })).then(function (loaded) {
        var found = {};
        loaded.forEach(function (item) {
          var shard = item[1];
          self.expand(shard, "t" + item[0], word).forEach(function (term) {
            var list = shard[term], idf = Math.log(1 + total / (list.length / 2));
            for (var i = 0; i < list.length; i += 2) {
              found[list[i]] = (found[list[i]] || 0) + list[i + 1] * idf * (term === word ? 2 : 1);
            }
          });
        });
        return found;
      });
    })).then(function (perWord) {
      var scores = perWord[0];
      perWord.slice(1).forEach(function (found) {
        var both = {};
        for (var n in scores) if (n in found) both[n] = scores[n] + found[n];
        scores = both;
      });
      return Object.keys(scores).map(function (n) { return { section: +n, score: scores[n] }; })
        .sort(function (a, b) { return b.score - a.score || a.section - b.section; });
    });
  };
  // Promise of the sections' documents {l, t, p, x, k, d}, in the order given. Document shard k holds the
  // sections from docShards[k] to the next shard's first.
  Index.prototype.documents = function (numbers) {
    var starts = this.manifest.docShards, self = this;
    return Promise.all(numbers.map(function (n) {
      var low = 0, high = starts.length - 1;
      while (low < high) { var mid = (low + high + 1) >> 1; if (starts[mid] <= n) low = mid; else high = mid - 1; }
      return self.shards.load("d" + low).then(function (shard) {
        var d = shard[n - starts[low]];
        return { l: d[0], t: d[1], p: d[2], x: d[3], k: d[4] || "", d: d[5] || "" };
      });
    }));
  };

  // The page a section belongs to: the last page whose first section is not after it.
  Index.prototype.pageOf = function (section) {
    var starts = this.manifest.pageStarts, low = 0, high = starts.length - 1;
    while (low < high) { var mid = (low + high + 1) >> 1; if (starts[mid] <= section) low = mid; else high = mid - 1; }
    return low;
  };
  // One result per page, [{page, sections: [{section, score}]}], in the order of each page's best section;
  // the pages of `first` (page numbers: the acts the query cites) come before all others.
  Index.prototype.pages = function (results, first) {
    var self = this, byPage = {}, cited = [], others = [];
    first.forEach(function (page) {
      byPage[page] = { page: page, sections: [] };
      cited.push(byPage[page]);
    });
    results.forEach(function (r) {
      var page = self.pageOf(r.section);
      if (!(page in byPage)) others.push(byPage[page] = { page: page, sections: [] });
      byPage[page].sections.push(r);
    });
    cited.forEach(function (group) {  // an act found by its citation alone: its page's own section
      if (!group.sections.length) group.sections.push({ section: self.manifest.pageStarts[group.page], score: 0 });
    });
    return cited.concat(others);
  };

  // The search box and its results are panel.js's, run after this script.
  window.victimlawSearch = { WORD: WORD, length: length, fold: fold, stemRu: stemRu, stemEn: stemEn, terms: terms,
    shardOf: shardOf, Index: Index, Shards: Shards };
})();
