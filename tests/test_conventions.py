"""Static checks on every notebook, and the generated files being in sync with the notebooks."""
import ast
import builtins
import dis
import importlib
import json
import re
import shutil
import subprocess
import sys
import types
import warnings
from pathlib import Path

import pytest

from conftest import PAPERS, ROOT

ALL_NBS = sorted(p for p in (ROOT / "nbs").rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)
NETWORK = re.compile(r"urlretrieve|urlopen|requests\.(get|post)|fetch_openml|fetch_\w+\(|load_dataset\(|download\s*=\s*True|"
                     r"hf_hub_download|from_pretrained\(|torch\.hub|wget |curl ")
IMPORT_LINE = re.compile(r"\s*(import|from)\s")


def _cells(path: Path) -> list[dict]:
    return json.loads(path.read_text())["cells"]


def _src(cell: dict) -> str:
    return "".join(cell.get("source", ""))


def _ids(paths):
    return [str(p.relative_to(ROOT / "nbs")) for p in paths]


@pytest.mark.parametrize("path", ALL_NBS, ids=_ids(ALL_NBS))
def test_code_hygiene(path):
    """No hard-coded .cuda(), no downloads, imports alone in their cells (nbdev's docs step re-runs mixed cells)."""
    for i, c in enumerate(_cells(path)):
        if c["cell_type"] != "code":
            continue
        s = _src(c)
        assert not re.search(r"\.cuda\(", s), f"cell {i}: hard-coded .cuda(); use get_device(device)"
        assert not NETWORK.search(s), f"cell {i}: looks like network access at run time"
        if "#| export" in s:
            continue
        try:  # statements, not lines: a parenthesised import may span several lines
            body = ast.parse(s).body
        except SyntaxError:  # IPython magics: fall back to lines
            lines = [l for l in s.splitlines() if l.strip() and not l.strip().startswith(("#", "%", "!"))]
            imports = [l for l in lines if IMPORT_LINE.match(l)]
            assert not imports or len(imports) == len(lines), f"cell {i} mixes imports with other code:\n{s[:300]}"
            continue
        kinds = {isinstance(n, (ast.Import, ast.ImportFrom)) for n in body}
        assert len(kinds) <= 1, f"cell {i} mixes imports with other code:\n{s[:300]}"


PAPER_PATHS = [p.path for p in PAPERS]


@pytest.mark.parametrize("path", PAPER_PATHS, ids=_ids(PAPER_PATHS))
def test_paper_notebook_skeleton(path):
    cells = _cells(path)
    assert cells[0]["cell_type"] == "raw" and re.search(r"^paper_id: P\d{3}$", _src(cells[0]), re.M), \
        "first cell must be raw front matter declaring the catalog id (paper_id: PNNN)"
    code = [c for c in cells if c["cell_type"] == "code"]
    assert any(re.match(r"#\| default_exp \w+\.\w+", _src(c)) for c in code), "missing '#| default_exp <area>.<module>'"
    params = [c for c in code if "parameters" in c.get("metadata", {}).get("tags", [])]
    assert len(params) == 1, "exactly one cell must be tagged 'parameters' (papermill injects after it)"
    tree = ast.parse(_src(params[0]))
    assert all(isinstance(n, (ast.Assign, ast.AnnAssign)) for n in tree.body), "the parameters cell holds assignments only"
    vals = {t.id: ast.literal_eval(n.value) for n in tree.body for t in getattr(n, "targets", [getattr(n, "target", None)])
            if isinstance(t, ast.Name)}
    assert vals.get("scale") == "smoke", "parameters must default to smoke scale"
    assert vals.get("device") == "auto" and isinstance(vals.get("seed"), int)
    assert any(re.search(r"^# .+", _src(c), re.M) for c in cells if c["cell_type"] == "markdown"), "missing '# Title'"
    heads = [i for i, c in enumerate(cells) if c["cell_type"] == "markdown" and re.match(r"##\s*Explore", _src(c))]
    before = cells[: heads[0]] if heads else cells  # the Explore section comes after the ledger check
    last = [c for c in before if c["cell_type"] == "code" and _src(c).strip()][-1]
    assert "ledger.check()" in _src(last), "the ledger check must be the last code cell before the Explore section"
    v1 = [i for i, c in enumerate(cells) if c["cell_type"] == "code" and re.search(r"\bledger\.record\(", _src(c))]
    assert not v1, f"cells {v1} use the v1 `ledger.record`: paper claims go through `ledger.claim` (ledger v2)"


@pytest.mark.parametrize("path", PAPER_PATHS, ids=_ids(PAPER_PATHS))
def test_explore_section(path):
    "Every paper ends with an Explore section: a widget on the knob that matters, whose callback batch runs call once."
    cells = _cells(path)
    heads = [i for i, c in enumerate(cells) if c["cell_type"] == "markdown" and re.match(r"##\s*Explore", _src(c))]
    assert heads, "missing the '## Explore' section (see CONTRIBUTING)"
    code = "\n".join(_src(c) for c in cells[heads[0]:] if c["cell_type"] == "code")
    assert re.search(r"^def explore\(", code, re.M), "the Explore section defines `explore(...)`, the widget callback"
    assert re.search(r"if in_test\(\):\s*\n\s+explore\(\)", code), \
        "batch runs must call the callback once: `if in_test(): explore()`"
    assert "interact(" in code, "interactive sessions get an ipywidgets control (`widgets.interact(explore, ...)`)"


def test_catalog_ids_unique():
    ids = [p.paper_id for p in PAPERS]
    assert len(ids) == len(set(ids)), f"duplicate catalog ids: {ids}"


def _copy_project(dst: Path) -> Path:
    ignore = shutil.ignore_patterns(".venv", "runs", "_docs", "_proc", ".git", "__pycache__", "*.egg-info", ".ipynb_checkpoints")
    shutil.copytree(ROOT, dst, ignore=ignore, symlinks=True)
    return dst


def _snapshot(root: Path) -> dict[str, bytes]:
    files = [p for d in ("minirepro", "nbs") for p in (root / d).rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    files += [root / "README.md"]
    return {str(p.relative_to(root)): p.read_bytes() for p in files}


def test_export_clean_and_pages_leave_tree_unchanged(tmp_path):
    """nbdev_export, nbdev_clean and the page refresh (README, claims page, index table) change nothing committed."""
    proj = _copy_project(tmp_path / "proj")
    before = _snapshot(proj)
    bindir = Path(sys.executable).parent
    for cmd in ("nbdev_export", "nbdev_clean"):
        r = subprocess.run([str(bindir / cmd)], cwd=proj, capture_output=True, text=True)
        assert r.returncode == 0, r.stderr
    r = subprocess.run([sys.executable, "-c", "from minirepro.core.runner import refresh_pages; refresh_pages('.')"],
                       cwd=proj, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    after = _snapshot(proj)
    changed = sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
    assert not changed, f"out of sync with the notebooks (run `make export` and `minirepro report --publish`): {changed}"


def _unbound_globals(code: types.CodeType, known: set[str]) -> set[str]:
    "Names a code object (and those nested in it) reads as globals that are neither in `known` nor stored by itself."
    ins = list(dis.get_instructions(code))
    stored = {i.argval for i in ins if i.opname in ("STORE_NAME", "STORE_GLOBAL")}  # class bodies, `global x`
    missing = {i.argval for i in ins if i.opname in ("LOAD_GLOBAL", "LOAD_NAME")} - known - stored
    for c in code.co_consts:
        if isinstance(c, types.CodeType):
            missing |= _unbound_globals(c, known)
    return missing


MODULES = sorted(p for p in (ROOT / "minirepro").rglob("*.py") if p.name not in ("_modidx.py", "__init__.py"))


@pytest.mark.parametrize("path", MODULES, ids=[str(p.relative_to(ROOT)) for p in MODULES])
def test_exported_module_defines_every_global(path):
    "A module compiles without warnings, and no exported function relies on a name imported in a non-exported cell."
    name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
    mod = importlib.import_module(name)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # e.g. an invalid escape sequence from LaTeX in a docstring
        code = compile(path.read_text(), str(path), "exec")
    missing = _unbound_globals(code, set(vars(mod)) | set(dir(builtins)) | {"__annotations__"})
    assert not missing, f"{name} uses undefined names {sorted(missing)}: add their imports to an `#| export` cell"


def test_import_is_light():
    code = ("import sys, minirepro, minirepro.core.config, minirepro.core.claims, minirepro.core.runner\n"
            "heavy = [m for m in ('torch', 'matplotlib', 'papermill', 'pandas', 'sklearn') if m in sys.modules]\n"
            "assert not heavy, heavy")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr


def _top_level_imports(path: Path) -> set[str]:
    "Top-level package names a module imports (absolute imports, at any depth of the file)."
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names - set(sys.stdlib_module_names) - {"minirepro"}


def test_imported_packages_are_declared():
    "Every third-party package the library imports is in settings.ini's requirements or an optional extra."
    from importlib.metadata import packages_distributions
    ini = (ROOT / "settings.ini").read_text()
    line = " ".join([re.search(r"^requirements = (.*)$", ini, re.M).group(1)]
                    + re.findall(r"^extra_requirements_\w+ = (.*)$", ini, re.M))  # optional extras, e.g. [ray]
    declared = {re.split(r"[<>=!~ ]", r)[0].lower().replace("_", "-") for r in line.split()}
    dists = packages_distributions()
    missing = {}
    for path in (ROOT / "minirepro").rglob("*.py"):
        for mod in _top_level_imports(path):
            names = {d.lower().replace("_", "-") for d in dists.get(mod, [mod])}
            if not names & declared:
                missing.setdefault(mod, []).append(str(path.relative_to(ROOT)))
    assert not missing, f"imported but not in settings.ini requirements: {missing}"


def test_settings_pins():
    settings = (ROOT / "settings.ini").read_text()
    assert re.search(r"^allowed_cell_metadata_keys = tags$", settings, re.M), "nbdev_clean would strip the parameters tag"
    cons = (ROOT / "constraints.txt").read_text()
    for pin in ("nbdev==2.4.14", "execnb==0.1.18", "fastcore==1.14.5", "ghapi==1.1.1", "fastgit==0.1.4", "torch==2.13.0"):
        assert re.search(rf"^{re.escape(pin)}$", cons, re.M), f"constraints.txt must pin {pin}"
    assert "torch>=2.3" in settings


# ---------------------------------------------------------------- one shape for 200 papers
CATALOG = ROOT.parent / "shared" / "catalog" / "papers.json"
FAMILY_DIRS = ("core", "methods")


def _default_exp(path: Path) -> str:
    for c in _cells(path):
        m = re.match(r"#\| default_exp ([\w.]+)", _src(c))
        if c["cell_type"] == "code" and m:
            return m.group(1)
    return ""


@pytest.mark.parametrize("path", PAPER_PATHS, ids=_ids(PAPER_PATHS))
def test_one_name_per_paper(path):
    "nbs/<area>/<slug>.ipynb exports minirepro/<area>/<slug>.py; slug = the catalog slug with underscores."
    rel = path.relative_to(ROOT / "nbs")
    assert len(rel.parts) == 2, f"a paper notebook lives at nbs/<area>/<slug>.ipynb, got {rel}"
    area, stem = rel.parts[0], path.stem
    assert _default_exp(path) == f"{area}.{stem}", f"default_exp must be {area}.{stem}, got {_default_exp(path)!r}"
    paper = next(p for p in PAPERS if p.path == path)
    assert paper.slug == stem.replace("_", "-")
    if CATALOG.exists():
        entry = {e["id"]: e for e in json.loads(CATALOG.read_text())}.get(paper.paper_id)
        assert entry, f"{paper.paper_id} is not in the catalog"
        assert (entry["area"], entry["slug"]) == (area, paper.slug), \
            f"catalog says {entry['area']}/{entry['slug']}, notebook is {area}/{paper.slug}"


def test_slugs_unique_across_collection():
    slugs = [p.slug for p in PAPERS]
    assert len(slugs) == len(set(slugs)), f"duplicate slugs: {sorted(s for s in slugs if slugs.count(s) > 1)}"


FAMILY_NBS = sorted((ROOT / "nbs" / "methods").glob("*.ipynb"))


@pytest.mark.parametrize("path", FAMILY_NBS, ids=_ids(FAMILY_NBS))
def test_methods_family_notebook(path):
    "A methods family is owned by no paper: no paper_id, exports methods.<stem>, and carries its own checks."
    cells = _cells(path)
    assert not any("paper_id:" in _src(c) for c in cells if c["cell_type"] == "raw"), "a family notebook has no paper_id"
    assert _default_exp(path) == f"methods.{path.stem}"
    plain = [c for c in cells if c["cell_type"] == "code" and "#| export" not in _src(c) and "default_exp" not in _src(c)]
    assert any("assert" in _src(c) for c in plain), "a family notebook checks its code (assert cells)"


PAPER_MODULES = sorted(p for p in (ROOT / "minirepro").rglob("*.py")
                       if p.name not in ("_modidx.py", "__init__.py") and p.parent.name not in FAMILY_DIRS
                       and p.parent != ROOT / "minirepro")


@pytest.mark.parametrize("path", PAPER_MODULES, ids=[str(p.relative_to(ROOT)) for p in PAPER_MODULES])
def test_paper_modules_import_no_other_paper(path):
    "A paper module imports core and methods, never another paper module (shared code goes to nbs/methods/)."
    own = ".".join(path.relative_to(ROOT).with_suffix("").parts)
    bad = []
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolve against the package
                base = own.split(".")[: -node.level]
                mod = ".".join(base + ([node.module] if node.module else []))
            else:
                mod = node.module or ""
            mods = [mod]
        elif isinstance(node, ast.Import):
            mods = [a.name for a in node.names]
        else:
            continue
        for m in mods:
            parts = m.split(".")
            if parts[0] == "minirepro" and len(parts) > 1 and parts[1] not in FAMILY_DIRS and m != own:
                bad.append(m)
    assert not bad, f"{own} imports paper module(s) {bad}: move the shared code into a methods family"


@pytest.mark.parametrize("path", PAPER_PATHS, ids=_ids(PAPER_PATHS))
def test_figures_named_by_paper_id(path):
    "Every figure a paper saves is named '<paper id>_<what>'."
    pid = next(p.paper_id for p in PAPERS if p.path == path)
    names = re.findall(r"save_figure\(\s*\w+\s*,\s*f?[\"']([^\"']+)", "\n".join(_src(c) for c in _cells(path)))
    wrong = [n for n in names if not n.startswith(f"{pid}_")]
    assert not wrong, f"figure names must start with {pid}_: {wrong}"


def test_renamed_modules_still_import():
    "Old 0.1 import paths resolve to the renamed modules with a DeprecationWarning (one release)."
    code = ("import warnings, importlib; warnings.simplefilter('error', DeprecationWarning)\n"
            "from minirepro.core.compat import RENAMED\n"
            "import minirepro\n"
            "for old, new in RENAMED.items():\n"
            "    try:\n"
            "        importlib.import_module(old)\n"
            "    except DeprecationWarning as w:\n"
            "        assert new in str(w), (old, str(w))\n"
            "    else:\n"
            "        raise AssertionError(f'{old}: no DeprecationWarning')\n"
            "warnings.simplefilter('ignore', DeprecationWarning)\n"
            "for old, new in RENAMED.items():\n"
            "    assert importlib.import_module(old) is importlib.import_module(new), old\n")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 0, r.stderr[-2000:]
