// Citation lookup: the same rules as scripts/victimlaw/cite.py. The patterns and vocabulary come from
// the page's generated data (cite-data.js), so both implementations share one definition; tests run
// the same table of citations through both. Runs only on the lookup page; works from file://.
(function () {
  "use strict";
  var FOLD = { "ə": "e", "ı": "i", "ş": "s", "ç": "c", "ğ": "g", "ö": "o", "ü": "u", "ё": "е" };

  function fold(text) {
    text = text.replace(/İ/g, "i").replace(/I/g, "i").toLowerCase();
    text = text.replace(/[əışçğöüё]/g, function (c) { return FOLD[c]; });
    text = text.normalize("NFD").replace(/\p{Mn}/gu, "");
    return text.replace(/[\u2010\u2011\u2013\u2014]/g, "-");
  }
  function compact(number) { return fold(number).replace(/№/g, "").replace(/[^0-9a-z]/g, ""); }
  function provisionKey(number) { return fold(number).replace(/[^0-9a-z.()-]/g, ""); }
  function wordPrefix(word) { return word.slice(0, Math.max(5, word.length - 3)); }
  function stemMatches(word, stem) { return stem.length <= 3 ? word === stem : word.indexOf(stem) === 0; }
  function startsWithAny(word, stems) { return stems.some(function (s) { return word.indexOf(s) === 0; }); }

  function isoDate(year, month, day) {
    var y = +year, m = +month, d = +day;
    var date = new Date(Date.UTC(y, m - 1, d));
    if (!m || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
    return String(y).padStart(4, "0") + "-" + String(m).padStart(2, "0") + "-" + String(d).padStart(2, "0");
  }

  function Resolver(data) {
    this.data = data;
    this.rx = {};
    for (var name in data.patterns) this.rx[name] = new RegExp(data.patterns[name], "gud");
    this.frequency = {};
  }

  Resolver.prototype.monthNumber = function (word) {
    var best = 0, bestLength = 0;
    this.data.vocabulary.months.forEach(function (stems, index) {
      stems.forEach(function (stem) {
        if (word.indexOf(stem) === 0 && stem.length > bestLength) { best = index + 1; bestLength = stem.length; }
      });
    });
    return best;
  };

  Resolver.prototype.kindOf = function (word) {
    var voc = this.data.vocabulary;
    if (startsWithAny(word, voc.not_kinds)) return null;
    for (var kind in voc.kinds) {
      if (voc.kinds[kind].some(function (stem) { return stemMatches(word, stem); })) return kind;
    }
    return null;
  };

  Resolver.prototype.parse = function (text) {
    var self = this, voc = this.data.vocabulary, rx = this.rx;
    var q = { eqanun: null, numbers: [], weak: [], dates: [], years: [], provisions: [], kinds: {}, instruments: {}, words: [] };
    var s = fold(text);
    function take(name, handle) {
      var re = rx[name];
      Array.from(s.matchAll(re)).forEach(handle);
      s = s.replace(re, function (m) { return " ".repeat(m.length); });
    }
    take("eqanun", function (m) { q.eqanun = parseInt(m[1], 10); });
    take("iso", function (m) { q.dates.push(isoDate(m[1], m[2], m[3])); });
    take("dotted", function (m) { q.dates.push(isoDate(m[3], m[2], m[1])); });
    take("ydm", function (m) { q.dates.push(isoDate(m[1], self.monthNumber(m[3]), m[2])); });
    take("ymd", function (m) { q.dates.push(isoDate(m[1], self.monthNumber(m[2]), m[3])); });
    take("dmy", function (m) { q.dates.push(isoDate(m[3], self.monthNumber(m[2]), m[1])); });
    take("mdy", function (m) { q.dates.push(isoDate(m[3], self.monthNumber(m[1]), m[2])); });
    q.dates = q.dates.filter(Boolean);
    take("cets", function (m) { q.numbers.push(compact("CETS No. " + m[1])); });
    take("qd", function (m) { q.numbers.push(compact(m[1] + "-" + m[2] + "QD")); });
    take("code_article", function (m) { q.instruments["criminal-code"] = true; q.provisions.push(provisionKey(m[1])); });
    take("provision_before", function (m) { q.provisions.push(provisionKey(m[1])); });
    take("provision_after", function (m) { q.provisions.push(provisionKey(m[1])); });
    take("unsymbol", function (m) { q.numbers.push(compact("A/RES/" + m[1] + "/" + m[2])); });
    take("number_marked", function (m) { q.numbers.push(compact(m[1])); });
    take("number_after", function (m) { q.numbers.push(compact(m[1])); });
    Array.from(s.matchAll(rx.kind_number)).forEach(function (m) {
      var value = m[1];
      if (/^(19|20)\d\d$/.test(value)) { q.years.push(value); q.weak.push(value); } else { q.numbers.push(compact(value)); }
      var span = m.indices[1];  // blank only the number: the kind word is read below
      s = s.slice(0, span[0]) + " ".repeat(span[1] - span[0]) + s.slice(span[1]);
    });
    take("provision_bare", function (m) { q.provisions.push(provisionKey(m[1])); });
    take("year", function (m) { q.years.push(m[1]); });
    take("bare", function (m) { q.weak.push(compact(m[1])); });
    for (var instrument in voc.instrument_abbreviations) {
      voc.instrument_abbreviations[instrument].forEach(function (phrase) {
        if (phrase.indexOf(" ") >= 0 && s.indexOf(phrase) >= 0) q.instruments[instrument] = true;
      });
    }
    (s.match(rx.word) || []).forEach(function (word) {
      if (voc.instrument_abbreviations["criminal-code"].indexOf(word) >= 0) { q.instruments["criminal-code"] = true; return; }
      var kind = self.kindOf(word);
      if (kind) {
        q.kinds[kind] = true;
        ((voc.kind_aliases || {})[kind] || []).forEach(function (alias) { q.kinds[alias] = true; });
      } else if (voc.stopwords.indexOf(word) < 0 && voc.number_words.indexOf(word) < 0 && word.length >= 3) {
        q.words.push(word);
      }
    });
    return q;
  };

  Resolver.prototype.hasWord = function (inst, word) {
    var prefix = wordPrefix(word);
    return inst.words.some(function (v) { return v.indexOf(prefix) === 0; });
  };

  Resolver.prototype.wordFrequency = function (word) {
    if (!(word in this.frequency)) {
      var self = this;
      this.frequency[word] = this.data.instruments.filter(function (inst) { return self.hasWord(inst, word); }).length;
    }
    return this.frequency[word];
  };

  Resolver.prototype.score = function (inst, q) {
    var data = this.data, self = this, score = 0, provision = null;
    var kinds = Object.keys(q.kinds), named = Object.keys(q.instruments);
    if (q.eqanun !== null) {
      if (inst.eqanun !== q.eqanun) return [-100, null];
      score += 100;
    }
    if (named.length) score += named.indexOf(inst.id) >= 0 ? 60 : -60;
    if (q.numbers.length) score += q.numbers.indexOf(inst.number) >= 0 ? 50 : -40;
    else if (q.weak.length && inst.number !== null && q.weak.indexOf(inst.number) >= 0) score += 35;
    if (q.dates.length) {
      if (q.dates.indexOf(inst.date) >= 0) score += 40;
      else if (inst.date && inst.date.length === 7 && q.dates.some(function (d) { return d.slice(0, 7) === inst.date; })) score += 30;
      else if (inst.date) score -= 40;
    }
    if (q.years.length && !q.dates.length && inst.date) score += q.years.indexOf(inst.date.slice(0, 4)) >= 0 ? 10 : -20;
    if (kinds.length) {
      if (q.kinds[inst.kind] || (inst.approves && q.kinds[inst.approves])) {
        score += 15;
        if (q.years.length && inst.date && q.years.indexOf(inst.date.slice(0, 4)) >= 0) score += 10;
      } else {
        score -= 25;
      }
    }
    if (q.provisions.length) {
      var found = inst.provisions.filter(function (p) { return q.provisions.indexOf(p.key) >= 0; })[0];
      if (found) {
        provision = found.id;
        score += 20 + (data.provision_count[found.key] === 1 ? 15 : 0);
      } else {
        score -= 10;
      }
    }
    if (q.words.length) {
      var matched = q.words.filter(function (w) { return self.hasWord(inst, w); });
      if (matched.some(function (w) { return self.wordFrequency(w) <= data.specific_limit; })) {
        var fraction = matched.length / q.words.length;
        score += Math.floor(40 * fraction * fraction);
      }
    }
    return [score, provision];
  };

  Resolver.prototype.resolve = function (text) {
    var self = this, q = this.parse(text), data = this.data, found = [];
    data.instruments.forEach(function (inst) {
      var result = self.score(inst, q);
      if (result[0] >= data.threshold) found.push({ id: inst.id, provision: result[1], score: result[0] });
    });
    found.sort(function (a, b) { return b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0); });
    if (found.length) {
      var best = found[0].score;
      found = found.filter(function (m) { return m.score > best - data.spread; });
    }
    return found.slice(0, data.max_results);
  };

  function show(resolver, box) {
    var data = resolver.data, input = box.querySelector("input"), list = box.querySelector("ol");
    var none = box.querySelector("[data-lookup-none]");
    var byId = {};
    data.instruments.forEach(function (inst) { byId[inst.id] = inst; });
    function update() {
      var text = input.value.trim();
      list.textContent = "";
      var matches = text ? resolver.resolve(text) : [];
      none.hidden = !text || matches.length > 0;
      matches.forEach(function (m) {
        var inst = byId[m.id], item = document.createElement("li"), link = document.createElement("a");
        var provision = m.provision && inst.provisions.filter(function (p) { return p.id === m.provision; })[0];
        link.href = data.base + inst.id + data.suffix + (m.provision ? "#" + m.provision : "");
        link.textContent = inst.name + (provision ? " — " + provision.label : "");
        item.appendChild(link);
        var facts = document.createElement("div");
        facts.className = "citation-facts";
        facts.textContent = inst.facts;
        item.appendChild(facts);
        item.dataset.id = m.id;
        list.appendChild(item);
      });
    }
    input.addEventListener("input", update);
    var preset = new URLSearchParams(window.location.search).get("cite");
    if (preset) input.value = preset;
    update();
  }

  window.victimlawCite = { fold: fold, Resolver: Resolver };
  function setup() {
    var box = document.getElementById("citation-lookup");
    if (box && window.VICTIMLAW_CITE) show(new Resolver(window.VICTIMLAW_CITE), box);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup); else setup();
})();
