"""The runtime package ships without the development tools (tools/): `pip install .` gets the site generator
and the MkDocs plugin alone, and nothing in it reaches for a tool."""

from __future__ import annotations

import ast
import importlib.util
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

from conftest import ROOT

PACKAGE = ROOT / "scripts" / "victimlaw"
TOOLS = ROOT / "tools"
# Read from the folder, so a tool added later is covered without editing this list.
TOOL_MODULES = sorted(path.stem for path in TOOLS.glob("*.py") if path.stem != "__init__")


def test_the_tools_are_found_where_make_runs_them():
    assert {"bench", "screenshots", "audit", "synthetic", "zotero_import", "zotero_server"} <= set(TOOL_MODULES)


def test_a_wheel_of_the_project_holds_the_runtime_package_and_no_tool(tmp_path):
    # Built from a copy (the tools beside it, as in the repository), so the checkout gets no build/ or egg-info.
    source = tmp_path / "source"
    (source / "scripts").mkdir(parents=True)
    shutil.copy(ROOT / "pyproject.toml", source)
    shutil.copytree(PACKAGE, source / "scripts" / "victimlaw", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(TOOLS, source / "tools", ignore=shutil.ignore_patterns("__pycache__"))
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation", "--no-index"]
        + ["--disable-pip-version-check", "--wheel-dir", str(tmp_path / "wheel"), str(source)],
        check=True,
    )
    [wheel] = (tmp_path / "wheel").glob("*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    top = {name.split("/")[0] for name in names if not name.split("/")[0].endswith(".dist-info")}
    assert top == {"victimlaw"}
    assert "victimlaw/plugin.py" in names  # the wheel does hold the package
    shipped = {Path(name).stem for name in names if name.endswith(".py")}
    assert not shipped & set(TOOL_MODULES)


def test_no_tool_is_a_module_of_the_runtime_package():
    for name in TOOL_MODULES:
        assert importlib.util.find_spec(f"victimlaw.{name}") is None, name


def imported_modules(path: Path) -> list[tuple[int, str]]:
    """Every module a file imports, at any depth (imports inside functions too), relative ones with their dots."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            module = "." * node.level + (node.module or "")
            found += [(node.lineno, f"{module}.{alias.name}" if node.level else module) for alias in node.names]
    return found


def test_the_runtime_package_imports_nothing_from_the_tools():
    offending = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for line, module in imported_modules(path):
            parts = module.lstrip(".").split(".")
            if parts[0] == "tools" or (module.startswith(".") and set(parts) & set(TOOL_MODULES)):
                offending.append(f"{path.relative_to(ROOT)}:{line}: {module}")
    assert not offending


def test_importing_every_runtime_module_loads_no_tool():
    # Every file as a module (model/ is a namespace package, which pkgutil would skip), with the root on sys.path
    # as under `make`, so a tool would load if anything asked for it by name.
    modules = sorted(
        ".".join(("victimlaw",) + path.relative_to(PACKAGE).with_suffix("").parts).removesuffix(".__init__")
        for path in PACKAGE.rglob("*.py")
    )
    probe = (
        f"import importlib, sys\nfor name in {modules!r}:\n    importlib.import_module(name)\n"
        "print(sorted(name for name in sys.modules if name == 'tools' or name.startswith('tools.')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True, timeout=120
    )
    assert "victimlaw.model.corpus" in modules
    assert result.stdout.strip() == "[]"
