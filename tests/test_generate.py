"""Writing the pages' stubs: whole files, only when changed, and nothing written when the data is bad."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from victimlaw.cli import main
from victimlaw.generate import STUB, generate
from victimlaw.model.errors import DataError


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {
        p.relative_to(folder).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    docs = tmp_path / "docs"
    (docs / "en").mkdir(parents=True)
    (docs / "en" / "index.md").write_text("# Hand-written home\n", encoding="utf-8")
    return docs


def test_generate_writes_pages_and_keeps_hand_written_ones(data_dir, docs):
    assert generate(data_dir / "instruments.yaml", docs) is True
    assert (docs / "az" / "instruments" / "law-one.md").exists()
    assert (docs / "ru" / "references" / "index.md").exists()
    assert (docs / "en" / "index.md").read_text(encoding="utf-8") == "# Hand-written home\n"
    assert not list(docs.parent.glob(".generating-*")), "the staging folder is removed"


def test_unchanged_data_writes_nothing(data_dir, docs):
    generate(data_dir / "instruments.yaml", docs)
    before = snapshot(docs)
    assert generate(data_dir / "instruments.yaml", docs) is False
    assert snapshot(docs) == before


def test_pages_of_removed_records_disappear(data_dir, docs):
    generate(data_dir / "instruments.yaml", docs)
    stray = docs / "en" / "instruments" / "gone.md"
    stray.write_text("old page", encoding="utf-8")
    assert generate(data_dir / "instruments.yaml", docs) is True
    assert not stray.exists()


def test_bad_data_leaves_docs_exactly_as_they_were(data_dir, docs):
    generate(data_dir / "instruments.yaml", docs)
    before = snapshot(docs)
    path = data_dir / "instruments.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("date: 2005-06-28", "date: 2005-02-30"), encoding="utf-8")
    with pytest.raises(DataError):
        generate(path, docs)
    assert snapshot(docs) == before


def test_a_stub_edited_by_hand_is_restored_and_the_data_is_validated_every_time(data_dir, docs):
    """There is no build stamp: every build validates the data and renders every page from it."""
    generate(data_dir / "instruments.yaml", docs)
    page = docs / "en" / "instruments" / "law-one.md"
    assert page.read_text(encoding="utf-8") == STUB
    page.write_text("edited by hand", encoding="utf-8")
    assert generate(data_dir / "instruments.yaml", docs) is True
    assert page.read_text(encoding="utf-8") == STUB

    path = data_dir / "instruments.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("date: 2005-06-28", "date: 2005-02-30"), encoding="utf-8")
    with pytest.raises(DataError):
        generate(path, docs)


def test_cli_check_reports_every_error_and_exit_status(data_dir, capsys):
    assert main(["check", str(data_dir / "instruments.yaml")]) == 0
    assert "3 instruments, 2 provisions, 1 relations: OK" in capsys.readouterr().out
    path = data_dir / "instruments.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("eqanun: 100", "eqanun: x").replace("kind: law", "kind: lex"),
        encoding="utf-8",
    )
    assert main(["check", str(path)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("2 errors in the data:")
    assert f"{path}:3: instruments[0] (law-one).kind:" in err and f"{path}:9: instruments[0] (law-one).eqanun:" in err


def test_cli_generate_and_console_script(data_dir, tmp_path):
    docs = tmp_path / "out"
    result = subprocess.run(
        [
            Path(sys.executable).with_name("victimlaw"),
            "generate",
            "--data",
            data_dir / "instruments.yaml",
            "--docs",
            docs,
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert (docs / "en" / "instruments" / "decision-two.md").exists()
    result = subprocess.run(
        [Path(sys.executable).with_name("victimlaw"), "check", tmp_path / "missing.yaml"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1 and "cannot read the file" in result.stderr and "Traceback" not in result.stderr
