// Renders CSL-JSON items with citeproc-js (the processor inside Zotero and Mendeley) and one CSL style.
// Reads {"style": path, "locales": dir, "lang": "en-GB", "items": [...]} on stdin; writes, for each item, its
// first note or in-text citation and its entry in one bibliography of all the items (as a reader's reference
// list holds them), as plain text. One engine for all: makeCitationCluster renders a citation alone.
"use strict";
const fs = require("fs");
const path = require("path");
const CSL = require("citeproc");

const request = JSON.parse(fs.readFileSync(0, "utf8"));
const items = Object.fromEntries(request.items.map((item) => [item.id, item]));
const sys = {
  retrieveLocale: (lang) => {
    const file = path.join(request.locales, `locales-${lang}.xml`);
    return fs.existsSync(file) ? fs.readFileSync(file, "utf8") : false;
  },
  retrieveItem: (id) => items[id],
};
const style = fs.readFileSync(request.style, "utf8");
const engine = new CSL.Engine(sys, style, request.lang, true);
engine.setOutputFormat("text");
const ids = Object.keys(items);
engine.updateItems(ids);
const [meta, entries] = engine.makeBibliography() || [{ entry_ids: [] }, []];
const bibliography = {};
meta.entry_ids.forEach(([id], i) => (bibliography[id] = entries[i].trim()));
const out = {};
for (const id of ids) {
  out[id] = { citation: engine.makeCitationCluster([{ id }]), bibliography: bibliography[id] ?? null };
}
process.stdout.write(JSON.stringify(out));
