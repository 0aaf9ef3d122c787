"""The package's modules import one another without a cycle, and each imports on its own.

The import graph is read from the source with `ast`: every import counts, those inside functions too (a lazy
import is how a cycle hides), except under `if TYPE_CHECKING:`. Importing `a.b.c` runs the packages `a` and
`a.b` first, so it depends on them as well, unless they are the importer's own packages (already running).
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = "victimlaw"
ROOT = Path(__file__).resolve().parents[1] / "scripts" / PACKAGE


def module_files(root: Path = ROOT, package: str = PACKAGE) -> dict[str, Path]:
    """Every module of the package by its dotted name (a package by its __init__.py)."""
    found = {}
    for path in sorted(root.rglob("*.py")):
        parts = [package, *path.relative_to(root).with_suffix("").parts]
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def _type_checking_only(node: ast.AST) -> bool:
    return isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)


def _imports(tree: ast.AST):
    """The import statements of a module, wherever they are, but not those only type checkers see."""
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node
        for child in ast.iter_child_nodes(node):
            if _type_checking_only(child):
                stack.extend(child.orelse)
            else:
                stack.append(child)


def import_graph(modules: dict[str, Path]) -> dict[str, set[str]]:
    """Module -> the package's modules it runs by importing."""
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        is_package = path.name == "__init__.py"
        here = name if is_package else name.rpartition(".")[0]
        targets = set()  # what the module names: the modules it runs, whose names it may use
        for node in _imports(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import):
                targets.update(alias.name for alias in node.names)
                continue
            base = node.module or ""
            if node.level:
                anchor = here.rsplit(".", node.level - 1)[0] if node.level > 1 else here
                base = f"{anchor}.{base}" if base else anchor
            for alias in node.names:  # `from package import submodule` runs the submodule, else a name of base
                targets.add(f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base)
        edges = set()
        for target in targets:
            while target not in modules and "." in target:  # a name inside a module: the module
                target = target.rpartition(".")[0]
            if target not in modules or target == name:
                continue  # outside the package
            edges.add(target)
            parts = target.split(".")
            for n in range(1, len(parts)):  # the packages the target is in run first, unless they hold the importer
                package = ".".join(parts[:n])
                if package != name and not name.startswith(package + "."):
                    edges.add(package)
        graph[name] = edges
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan's algorithm), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in sorted(graph.get(node, ())):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1 or node in graph.get(node, ()):
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_package_has_no_import_cycle():
    graph = import_graph(module_files())
    assert len(graph) > 30  # the whole package was read
    assert cycles(graph) == []


def test_the_cycle_check_finds_a_cycle_hidden_in_a_function_or_at_a_file_end(tmp_path):
    root = tmp_path / "pkg"
    (root / "sub").mkdir(parents=True)
    (root / "__init__.py").write_text("")
    (root / "sub" / "__init__.py").write_text("from ..b import x\n")
    (root / "sub" / "a.py").write_text("def f():\n    from .. import b\n")
    (root / "b.py").write_text("x = 1\nfrom .sub.a import f  # noqa: E402\n")
    (root / "c.py").write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from . import d\n")
    (root / "d.py").write_text("from . import c\n")
    (root / "kinds").mkdir()  # a package importing, at its end, a module that takes names from the package
    (root / "kinds" / "__init__.py").write_text("class Kind: ...\n\nfrom .law import Law  # noqa: E402\n")
    (root / "kinds" / "law.py").write_text("from . import Kind\n\nclass Law(Kind): ...\n")
    (root / "exports").mkdir()  # a package's modules importing one another through it: no cycle
    (root / "exports" / "__init__.py").write_text("from . import styles\n")
    (root / "exports" / "styles.py").write_text("")
    (root / "exports" / "tags.py").write_text("from . import styles\n")
    found = cycles(import_graph(module_files(root, "pkg")))
    # sub.a runs the package sub, which imports b; b imports sub.a at its end; c and d only for type checkers
    assert found == [["pkg.b", "pkg.sub", "pkg.sub.a"], ["pkg.kinds", "pkg.kinds.law"]]


def test_every_module_imports_first():
    """Each module imported before any other of the package (a cycle that breaks an import shows only when its
    import comes first), in one fresh interpreter that forgets the package between modules."""
    script = (
        "import importlib, sys\n"
        f"for module in {sorted(module_files())!r}:\n"
        f"    for name in [n for n in sys.modules if n == {PACKAGE!r} or n.startswith({PACKAGE + '.'!r})]:\n"
        "        del sys.modules[name]\n"
        "    importlib.import_module(module)\n"
    )
    subprocess.run([sys.executable, "-c", script], check=True, timeout=120)
