"""Development tools, kept out of the runtime package `victimlaw` (pip installs only scripts/victimlaw/):
`make bench` (bench.py, with synthetic.py's corpora), `make screenshots`, `make audit` and `make zotero`
(zotero_import.py, zotero_server.py). Run from the repository's root as `python -m tools.<name>`; the tests
import them with the root on sys.path (pyproject.toml's pytest `pythonpath`)."""
