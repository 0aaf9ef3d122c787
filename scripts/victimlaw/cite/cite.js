// Citation lookup: the same rules as scripts/victimlaw/cite/reading.py (what a citation says) and resolver.py
// (the acts it points to). The patterns and vocabulary come from the lookup page's generated data
// (cite-data.js), the folding and the scoring weights from scripts/victimlaw/search/wordrules.yaml, which the
// build writes into the site as search/words.js (window.VICTIMLAW_WORDS, loaded by every page before this
// script), so both implementations share one definition; tests run the same table of citations through both.
// Every page loads it: the lookup runs on the lookup page, and the "Copy" buttons beside a citation work on
// any page that has them (an act's Cite block, the lookup's results). Works from file://. Text is read by
// characters (code points), as Python reads it.
(function () {
  "use strict";
  function words() {
    if (!window.VICTIMLAW_WORDS) throw new Error("search/words.js is not loaded");
    return window.VICTIMLAW_WORDS;
  }
  function replacer(groups) {  // a function replacing each character by its entry in the groups' tables
    var table = Object.create(null);
    groups.forEach(function (group) { Object.keys(group.letters).forEach(function (k) { table[k] = group.letters[k]; }); });
    return function (text) { return Array.from(text, function (c) { return c in table ? table[c] : c; }).join(""); };
  }
  var prepared = null;
  function folding() {
    var data = words();
    if (!prepared || prepared.data !== data) {
      var rules = data.fold;
      prepared = { data: data, dashes: replacer(rules.dashes), marks: new RegExp("\\p{" + rules.others.marks + "}", "gu") };
    }
    return prepared;
  }

  // The site search's folding (search.js, loaded on every page), of the text composed first, then without the
  // marks left standing alone; dashes are hyphens: as cite/reading.py's fold.
  function fold(text) {
    var f = folding();
    return f.dashes(window.victimlawSearch.fold(text.normalize("NFC")).replace(f.marks, ""));
  }
  function length(word) { return Array.from(word).length; }  // in characters, not UTF-16 code units
  function compact(number) { return fold(number).replace(/№/g, "").replace(/[^0-9a-z]/g, ""); }
  function provisionKey(number) { return fold(number).replace(/[^0-9a-z.()-]/g, ""); }
  function wordPrefix(word, rules) {
    var letters = Array.from(word);
    return letters.slice(0, Math.max(rules.keep, letters.length - rules.drop)).join("");
  }
  function stemMatches(word, stem) { return stem.length <= 3 ? word === stem : word.indexOf(stem) === 0; }
  function startsWithAny(word, stems) { return stems.some(function (s) { return word.indexOf(s) === 0; }); }

  function isoDate(year, month, day) {
    var y = +year, m = +month, d = +day;
    var date = new Date(Date.UTC(y, m - 1, d));
    if (!m || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
    return String(y).padStart(4, "0") + "-" + String(m).padStart(2, "0") + "-" + String(d).padStart(2, "0");
  }

  // data: the page's cite-data.js; the rules for words: wordrules.yaml, as search/words.js has it.
  function Resolver(data) {
    this.data = data;
    this.rules = words();
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
    take("law_number", function (m) { q.numbers.push(compact(m[1] + "-" + m[2] + "Q" + m[3])); });
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
    var oneWord = {};
    Object.keys(voc.instrument_abbreviations).forEach(function (instrument) {
      voc.instrument_abbreviations[instrument].forEach(function (phrase) {
        if (phrase.indexOf(" ") < 0) oneWord[phrase] = instrument;
        else if (s.indexOf(phrase) >= 0) q.instruments[instrument] = true;
      });
    });
    (s.match(rx.word) || []).forEach(function (word) {
      if (Object.prototype.hasOwnProperty.call(oneWord, word)) { q.instruments[oneWord[word]] = true; return; }
      var kind = self.kindOf(word);
      if (kind) {
        q.kinds[kind] = true;
        ((voc.kind_aliases || {})[kind] || []).forEach(function (alias) { q.kinds[alias] = true; });
      } else if (voc.stopwords.indexOf(word) < 0 && voc.number_words.indexOf(word) < 0 &&
                 length(word) >= self.rules.cite.words.shortest) {
        q.words.push(word);
      }
    });
    return q;
  };

  Resolver.prototype.hasWord = function (inst, word) {
    var prefix = wordPrefix(word, this.rules.cite.words);
    return inst.words.some(function (v) { return v.indexOf(prefix) === 0; });
  };

  Resolver.prototype.wordFrequency = function (word) {
    if (!(word in this.frequency)) {
      var self = this;
      this.frequency[word] = this.data.instruments.filter(function (inst) { return self.hasWord(inst, word); }).length;
    }
    return this.frequency[word];
  };

  // As cite/resolver.py's Resolver._title_score: the share of the words found, and of the closest title covered.
  // The kind named counts as a word of the phrase where it is the act's (kindAgrees).
  Resolver.prototype.titleScore = function (inst, words, kindAgrees) {
    var self = this, rules = this.rules.cite, data = this.data;
    var matched = words.filter(function (w) { return self.hasWord(inst, w); });
    var phrase = matched.length === words.length && words.length + (kindAgrees ? 1 : 0) >= 2;
    if (!phrase && !matched.some(function (w) { return self.wordFrequency(w) <= data.specific_limit; })) return 0;
    var fraction = matched.length / words.length;
    var prefixes = matched.map(function (w) { return wordPrefix(w, rules.words); });
    var coverage = Math.max.apply(null, inst.titles.map(function (title) {
      return title.filter(function (word) {
        return prefixes.some(function (p) { return word.indexOf(p) === 0; });
      }).length / title.length;
    }));
    return Math.floor(rules.score.title_words * fraction * fraction + rules.score.title_coverage * coverage * coverage);
  };

  // The points of wordrules.yaml's cite.score, as cite/resolver.py's Resolver.score gives them.
  Resolver.prototype.score = function (inst, q) {
    var data = this.data, points = this.rules.cite.score, self = this, score = 0, provision = null;
    var kinds = Object.keys(q.kinds), named = Object.keys(q.instruments);
    if (q.eqanun !== null) {
      if (inst.eqanun !== q.eqanun) return [points.eqanun.other, null];
      score += points.eqanun.same;
    }
    if (named.length) score += points.named[named.indexOf(inst.id) >= 0 ? "same" : "other"];
    var sameNumber = function (given) { return inst.numbers.some(function (n) { return given.indexOf(n) >= 0; }); };
    if (q.numbers.length) score += points.number[sameNumber(q.numbers) ? "same" : "other"];
    else if (sameNumber(q.weak)) score += points.bare_number.same;
    if (q.dates.length) {
      if (q.dates.indexOf(inst.date) >= 0) score += points.date.same;
      else if (inst.date && inst.date.length === 7 && q.dates.some(function (d) { return d.slice(0, 7) === inst.date; })) {
        score += points.date.same_month;
      } else if (inst.date) score += points.date.other;
    }
    if (q.years.length && !q.dates.length && inst.date) {
      score += points.year[q.years.indexOf(inst.date.slice(0, 4)) >= 0 ? "same" : "other"];
    }
    var kindAgrees = false;
    if (kinds.length) {
      kindAgrees = Boolean(q.kinds[inst.kind] || (inst.approves && q.kinds[inst.approves]));
      if (kindAgrees) {
        score += points.kind.same;
        if (q.years.length && inst.date && q.years.indexOf(inst.date.slice(0, 4)) >= 0) score += points.kind.with_year;
      } else {
        score += points.kind.other;
      }
    }
    if (q.provisions.length) {
      var found = inst.provisions.filter(function (p) { return q.provisions.indexOf(p.key) >= 0; })[0];
      if (found) {
        provision = found.id;
        score += points.provision.found + (data.provision_count[found.key] === 1 ? points.provision.only_one : 0);
      } else {
        score += points.provision.missing;
      }
    }
    if (q.words.length) score += this.titleScore(inst, q.words, kindAgrees);
    else if (kindAgrees && inst.named_by_kind) score += points.title_words + points.title_coverage;  // "Konstitusiya"
    return [score, provision];
  };

  Resolver.prototype.resolve = function (text) {
    var self = this, q = this.parse(text), data = this.data, cite = this.rules.cite, found = [];
    data.instruments.forEach(function (inst) {
      var result = self.score(inst, q);
      if (result[0] >= cite.threshold) found.push({ id: inst.id, provision: result[1], score: result[0] });
    });
    found.sort(function (a, b) { return b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0); });
    if (found.length) {
      var best = found[0].score;
      found = found.filter(function (m) { return m.score > best - cite.spread; });
    }
    return found.slice(0, cite.max_results);
  };

  // The citation to the clipboard; where the page may not write it (an old browser), the text is selected to copy.
  function copy(text, button) {
    var label = button.textContent;
    function done() {
      button.textContent = button.dataset.copied;
      setTimeout(function () { button.textContent = label; }, 2000);
    }
    function select() {
      var range = document.createRange();
      range.selectNodeContents(text);
      window.getSelection().removeAllRanges();
      window.getSelection().addRange(range);
    }
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text.textContent).then(done, select);
    } else {
      select();
    }
  }

  function show(resolver, box) {
    var data = resolver.data, input = box.querySelector("input"), list = box.querySelector("ol");
    var none = box.querySelector("[data-lookup-none]"), template = box.querySelector("#citation-result");
    var byId = {};
    data.instruments.forEach(function (inst) { byId[inst.id] = inst; });
    function update() {
      var text = input.value.trim();
      list.textContent = "";
      var matches = text ? resolver.resolve(text) : [];
      none.hidden = !text || matches.length > 0;
      matches.forEach(function (m) {
        var inst = byId[m.id], item = template.content.firstElementChild.cloneNode(true);
        var provision = m.provision && inst.provisions.filter(function (p) { return p.id === m.provision; })[0];
        var name = item.querySelector(".citation-name"), official = item.querySelector(".citation-official");
        // the provision's own page, else the act's page at the provision's heading, as layout.py's
        // provision_page places them
        name.href = provision && provision.own_page
          ? data.provision_base + inst.id + "/" + provision.id + data.suffix
          : data.base + inst.id + data.suffix + (m.provision ? "#" + m.provision : "");
        name.textContent = inst.name + (provision ? " — " + provision.label : "");
        item.querySelector(".citation-facts").textContent = inst.facts;
        item.querySelector(".citation-text").textContent = provision ? provision.citation : inst.citation;
        if (inst.link) {
          official.href = inst.link;
          official.textContent = official.dataset[inst.link_kind];
        } else {
          official.remove();
        }
        item.dataset.id = m.id;
        list.appendChild(item);
      });
    }
    input.addEventListener("input", update);
    var preset = new URLSearchParams(window.location.search).get("cite");
    if (preset) input.value = preset;
    update();
  }

  window.victimlawCite = { fold: fold, compact: compact, provisionKey: provisionKey, Resolver: Resolver };
  function setup() {
    // Every "Copy" beside a citation: an act's Cite block and the lookup's results.
    document.addEventListener("click", function (event) {
      var button = event.target.closest && event.target.closest(".citation-copy");
      if (button) copy(button.parentNode.querySelector(".citation-text"), button);
    });
    var box = document.getElementById("citation-lookup");
    if (box && window.VICTIMLAW_CITE) show(new Resolver(window.VICTIMLAW_CITE), box);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup); else setup();
})();
