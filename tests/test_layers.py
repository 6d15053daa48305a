"""The package's layers hold: a module imports only from layers below its own (or its own package), so
ingest never reaches for a renderer and the core runs without the app (#24)."""

import ast

from chuangcheng import ROOT

# lower first; packages of one rank (ingest and views) do not import each other
RANKS = {
    "errors": 0,
    "files": 0,
    "i18n": 0,
    "settings": 0,
    "stats": 0,
    "model": 1,
    "store": 2,
    "ingest": 3,
    "views": 3,
    "geo": 4,
    "render": 4,
    "datasets": 5,
    "app": 5,
    "cli": 6,
    "dev": 6,
    "__main__": 7,
}


def imports() -> list[tuple[str, str, str]]:
    """(module file, its layer, the layer it imports) for every chuangcheng import in the package."""
    found = []
    for path in sorted((ROOT / "chuangcheng").rglob("*.py")):
        parts = path.relative_to(ROOT / "chuangcheng").with_suffix("").parts
        layer = parts[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("chuangcheng"):
                names = node.module.split(".")
                targets = [names[1]] if len(names) > 1 else [alias.name for alias in node.names]
            elif isinstance(node, ast.Import):
                targets = [alias.name.split(".")[1] for alias in node.names if alias.name.startswith("chuangcheng.")]
            else:
                continue
            found += [(str(path.relative_to(ROOT)), layer, target) for target in targets if target in RANKS]
    return found


def test_every_module_imports_only_from_below():
    wrong = [(file, target) for file, layer, target in imports() if target != layer and RANKS[target] >= RANKS[layer]]
    assert wrong == []


def test_every_layer_is_ranked():
    packages = {
        path.name for path in (ROOT / "chuangcheng").iterdir() if path.is_dir() and (path / "__init__.py").exists()
    }
    modules = {path.stem for path in (ROOT / "chuangcheng").glob("*.py") if path.stem != "__init__"}
    assert packages | modules <= set(RANKS)


def module_imports() -> dict[str, set[str]]:
    """chuangcheng module -> the chuangcheng modules it imports, at its top or inside a function (a lazy import is
    still a dependency: the store was held together by them)."""
    package = ROOT / "chuangcheng"
    modules = {
        ".".join(("chuangcheng", *path.relative_to(package).with_suffix("").parts)).removesuffix(".__init__")
        for path in package.rglob("*.py")
    }
    found = {}
    for path in package.rglob("*.py"):
        name = ".".join(("chuangcheng", *path.relative_to(package).with_suffix("").parts)).removesuffix(".__init__")
        targets = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("chuangcheng"):
                targets |= {f"{node.module}.{a.name}" for a in node.names if f"{node.module}.{a.name}" in modules}
                targets |= {node.module} if node.module in modules else set()
            elif isinstance(node, ast.Import):
                targets |= {a.name for a in node.names if a.name in modules}
        found[name] = targets - {name}
    return found


def test_no_two_modules_import_each_other_even_lazily():
    """#24: db, derive, integrity and snapshots imported each other through imports inside functions."""
    graph = module_imports()
    cycles, done = [], set()

    def visit(module: str, path: tuple[str, ...]) -> None:
        if module in path:
            cycles.append(path[path.index(module) :] + (module,))
            return
        if module in done:
            return
        for target in sorted(graph.get(module, ())):
            visit(target, (*path, module))
        done.add(module)

    for module in sorted(graph):
        visit(module, ())
    assert cycles == []
