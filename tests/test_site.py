"""Fast unit tests of the offline docs site (minirepro.core.site); the browser test is tests/test_site_browser.py."""
from __future__ import annotations

import io
import json
import re
import shutil
import tarfile
from pathlib import Path

import nbformat
import pytest

from conftest import ROOT
from minirepro.core.runner import PaperNotebook, discover
from minirepro.core.site import (KATEX_VERSION, MARKER, SiteError, SitePreprocessor, badge, badges, build_site,
                                 load_ledger, main, page_notebook, summary, vendor_katex, verdict_figure)

V4 = nbformat.v4
P195 = "optim/high_probability_bounds_for_stochastic_optimization.html"
CDN = re.compile(r"""<(script|link|img)[^>]+(src|href)=["']?(https?:)?//""", re.I)


def _clean(cells):
    nb, _ = SitePreprocessor().preprocess(V4.new_notebook(cells=cells), {})
    return nb.cells


# ---------------------------------------------------------------- what a page hides
def test_front_matter_directives_and_reprs_are_hidden():
    cells = _clean([
        nbformat.v4.new_raw_cell("---\npaper_id: P999\n---"),
        V4.new_code_cell("#| default_exp optim.x"),
        V4.new_code_cell("#| hide\nsecret = 1"),
        V4.new_code_cell("#| export\ndef f(): return 1"),
        V4.new_code_cell("ledger.check()", outputs=[V4.new_output(
            "execute_result", {"text/plain": "PosixPath('/tmp/run/claims/P999.json')"}, execution_count=3)]),
        V4.new_code_cell("ledger.record(...)", outputs=[V4.new_output(
            "execute_result", {"text/plain": "Claim(paper_id='P999', key='k')"}, execution_count=4)]),
        V4.new_code_cell("nbdev_export()"),
    ])
    assert [c.source for c in cells] == ["def f(): return 1", "ledger.check()", "ledger.record(...)"]
    assert all(c.outputs == [] for c in cells)


def test_figures_text_and_errors_stay_progress_bars_go():
    png = V4.new_output("display_data", {"image/png": "iVBORw0KGgo=", "text/plain": "<Figure size 640x480>"})
    table = V4.new_output("execute_result", {"text/html": "<table></table>", "text/plain": "df"}, execution_count=1)
    bar = V4.new_output("display_data", {"application/vnd.jupyter.widget-view+json": {"model_id": "x"},
                                         "text/plain": "problems:   0%|          | 0/2"})
    tqdm = V4.new_output("stream", name="stderr", text="\r 40%|####      | 4/10 [00:01<00:02]")
    warn = V4.new_output("stream", name="stderr", text="UserWarning: something real\n")
    err = V4.new_output("error", ename="ValueError", evalue="bad", traceback=[])
    (cell,) = _clean([V4.new_code_cell("run()", outputs=[png, table, bar, tqdm, warn, err])])
    assert [o.output_type for o in cell.outputs] == ["display_data", "execute_result", "stream", "error"]
    assert "image/png" in cell.outputs[0].data and "UserWarning" in cell.outputs[2].text


def test_an_input_hidden_cell_keeps_its_output():
    (cell,) = _clean([V4.new_code_cell("#| echo: false\nshow()", outputs=[
        V4.new_output("display_data", {"text/markdown": "**table**"})])])
    assert cell.metadata["site_hide_input"] and cell.outputs


# ---------------------------------------------------------------- ledger, verdicts, sources
def test_load_ledger_reads_published_records_and_a_run(tmp_path):
    (tmp_path / "claims").mkdir()
    (tmp_path / "claims" / "P195.json").write_text(json.dumps({"paper_id": "P195", "claims": [{"verdict": "reproduced"}]}))
    led = load_ledger(ROOT, run=tmp_path)
    assert {"smoke", "full", "run"} <= set(led["P195"]) and led["P195"]["full"]["paper_id"] == "P195"
    assert led["P195"]["run"]["source"] == str(tmp_path)


def test_a_broken_ledger_file_is_named(tmp_path):
    (tmp_path / "ledger" / "full").mkdir(parents=True)
    (tmp_path / "ledger" / "full" / "P001.json").write_text("{not json")
    with pytest.raises(SiteError, match="P001.json"):
        load_ledger(tmp_path)


def test_summary_counts_paper_claims_and_sanity_checks_apart():
    rec = {"wall_s": 20.4, "claims": [
        {"verdict": "reproduced", "kind": "paper"}, {"verdict": "not reproduced"},
        {"verdict": "inconclusive", "kind": "paper"}, {"verdict": "pass", "kind": "sanity"}]}
    assert summary(rec) == "1/3 reproduced, 1 not reproduced, 1 inconclusive, 1/1 sanity checks pass, 20 s"
    assert summary(None) == "not published"


def test_badges_replace_the_ledger_icons():
    assert badges("<td>✅ reproduced</td><td>❔ inconclusive</td>").count('class="verdict') == 2
    assert badge("not reproduced") == '<span class="verdict v-not-reproduced">not reproduced</span>'


def test_verdict_figure_draws_one_bar_per_paper():
    fig = verdict_figure({"P001": {"claims": [{"verdict": "reproduced"}]}, "P002": {"claims": []}}, "t")
    assert len(fig.axes[0].get_yticklabels()) == 1
    assert verdict_figure({}) is None


def _paper(tmp_path) -> PaperNotebook:
    src = tmp_path / "nbs" / "optim" / "x.ipynb"
    src.parent.mkdir(parents=True)
    src.write_text("{}")
    return PaperNotebook("P999", "x", "optim", "X", src)


def test_page_notebook_prefers_run_then_full_then_smoke_then_source(tmp_path):
    p = _paper(tmp_path)
    assert page_notebook(p, tmp_path) == (p.path, "source")
    for scale in ("smoke", "full"):
        (tmp_path / "ledger" / scale).mkdir(parents=True)
        (tmp_path / "ledger" / scale / "P999.ipynb").write_text("{}")
        assert page_notebook(p, tmp_path)[1] == scale
    run = tmp_path / "run"
    (run / "notebooks").mkdir(parents=True)
    (run / "notebooks" / "x.ipynb").write_text("{}")
    assert page_notebook(p, tmp_path, run) == (run / "notebooks" / "x.ipynb", "run")


# ---------------------------------------------------------------- building
@pytest.fixture(scope="module")
def small_site(tmp_path_factory):
    "Two papers from the repository, no API pages, no KaTeX download (fast)."
    out = tmp_path_factory.mktemp("site") / "site"
    return build_site(out, root=ROOT, papers=["P195", "P152"], api=False, math=False)


def test_small_site_has_every_kind_of_page(small_site):
    pages = set(small_site.pages)
    assert {"index.html", "claims.html", "optim/index.html", "dynamics/index.html", P195,
            "dynamics/a_diffusion_theory_for_deep_learning.html"} <= pages
    assert any(p.startswith("methods/") for p in pages)
    assert (small_site.out / MARKER).is_file() and (small_site.out / "_static" / "notebook.css").stat().st_size > 10_000


def test_paper_page_shows_its_source_and_verdicts(small_site):
    page = (small_site.out / P195).read_text()
    assert "paper_id: P195" not in page and "#| default_exp" not in page and "PosixPath(" not in page
    assert "site-verdicts" in page and "published full" in page
    kind = small_site.kinds["P195"]
    assert (kind == "source") == ("No published run yet" in page)


def test_claims_and_area_pages_link_and_draw(small_site):
    claims = (small_site.out / "claims.html").read_text()
    assert f'href="{P195}"' in claims and 'class="verdict v-' in claims
    for img in re.findall(r'<img[^>]+src="([^"]+)"', claims):
        assert (small_site.out / img).is_file(), img
    area = (small_site.out / "optim" / "index.html").read_text()
    assert 'href="high_probability_bounds_for_stochastic_optimization.html"' in area


def test_no_page_loads_anything_from_the_network(small_site):
    for rel in small_site.pages:
        text = (small_site.out / rel).read_text()
        assert not CDN.search(text), f"{rel} loads {CDN.search(text).group(0)}"


def test_executed_notebooks_from_a_run_directory(tmp_path):
    src = ROOT / "nbs" / "optim" / "high_probability_bounds_for_stochastic_optimization.ipynb"
    nb = nbformat.read(src, as_version=4)
    nb.cells.append(V4.new_code_cell("fig", outputs=[V4.new_output(
        "display_data", {"image/png": "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
                         "text/plain": "<Figure>"})]))
    (tmp_path / "run" / "notebooks").mkdir(parents=True)
    nbformat.write(nb, tmp_path / "run" / "notebooks" / "high-probability-bounds-for-stochastic-optimization.ipynb")
    b = build_site(tmp_path / "site", root=ROOT, notebooks=tmp_path / "run", papers=["P195"], api=False, math=False)
    page = (tmp_path / "site" / P195).read_text()
    assert b.kinds == {"P195": "run"} and "not published" in page and "data:image/png;base64,iVBOR" in page


def test_an_earlier_site_is_replaced_but_another_folder_is_refused(tmp_path):
    out = tmp_path / "site"
    out.mkdir()
    (out / "notes.txt").write_text("mine")
    with pytest.raises(ValueError, match="out_dir"):
        build_site(out, root=ROOT, papers=["P195"], api=False, math=False)
    assert (out / "notes.txt").read_text() == "mine"
    with pytest.raises(ValueError, match="out_dir"):
        build_site(ROOT, root=ROOT, papers=["P195"], api=False, math=False)
    site = tmp_path / "site2"
    build_site(site, root=ROOT, papers=["P195"], api=False, math=False)
    (site / "stale.html").write_text("old")
    build_site(site, root=ROOT, papers=["P195"], api=False, math=False)
    assert not (site / "stale.html").exists()


@pytest.mark.parametrize("kwargs,exc,name", [
    (dict(out_dir=None), TypeError, "out_dir"), (dict(out_dir=""), ValueError, "out_dir"),
    (dict(out_dir="x", root=3), TypeError, "root"), (dict(out_dir="x", notebooks="/no/such/run"), ValueError, "notebooks"),
    (dict(out_dir="x", papers="P195"), TypeError, "papers"), (dict(out_dir="x", papers=["P999"]), ValueError, "papers"),
    (dict(out_dir="x", api="yes"), TypeError, "api"), (dict(out_dir="x", math=None), TypeError, "math"),
])
def test_build_site_refuses_bad_arguments(tmp_path, monkeypatch, kwargs, exc, name):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(exc, match=name):
        build_site(**kwargs)
    assert not (tmp_path / "x").exists()  # refused before writing anything


def test_main_builds_and_reports(tmp_path, capsys):
    assert main([str(tmp_path / "s"), "--papers", "P195", "--no-api", "--no-math"]) == 0
    assert "pages in" in capsys.readouterr().out
    assert main([str(tmp_path / "s"), "--papers", "P999", "--no-api", "--no-math"]) == 2
    with pytest.raises(TypeError, match="argv"):
        main("--no-api")
    with pytest.raises(SystemExit):
        main(["--bogus"])


# ---------------------------------------------------------------- KaTeX vendoring (no network: fake tarballs)
def _tarball(path: Path, members: dict[str, bytes]) -> Path:
    with tarfile.open(path, "w:gz") as tf:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tf.addfile(info, io.BytesIO(data))
    return path


def test_vendor_katex_checks_the_sha512_and_extracts_only_katex(tmp_path):
    cache, dest = tmp_path / "cache", tmp_path / "static"
    cache.mkdir(), dest.mkdir()
    _tarball(cache / "katex-9.9.9.tgz", {"package/dist/katex.min.js": b"js", "package/dist/katex.min.css": b"css",
                                         "package/dist/fonts/KaTeX_Main-Regular.woff2": b"font",
                                         "package/dist/contrib/auto-render.min.js": b"ar",
                                         "package/dist/../../../evil.js": b"x", "package/README.md": b"r"})
    with pytest.raises(SiteError, match="sha512"):
        vendor_katex(dest, cache, version="9.9.9", integrity="sha512-AAAA")
    assert not (cache / "katex-9.9.9.tgz").exists()  # a bad download is removed, not served
    _tarball(cache / "katex-9.9.9.tgz", {"package/dist/katex.min.js": b"js", "package/dist/../../../evil.js": b"x",
                                         "package/dist/fonts/KaTeX_Main-Regular.woff2": b"font"})
    out = vendor_katex(dest, cache, version="9.9.9", integrity="")
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()) == \
        ["fonts/KaTeX_Main-Regular.woff2", "katex.min.js"]
    assert not list(tmp_path.rglob("evil.js"))
    with pytest.raises(ValueError, match="version"):
        vendor_katex(dest, cache, version="latest")


def test_pinned_katex_is_served_when_npm_is_available(tmp_path):
    cached = (ROOT / ".cache" / "site" / f"katex-{KATEX_VERSION}.tgz").is_file()
    if not cached and shutil.which("npm") is None:
        pytest.skip("npm is not on PATH and KaTeX is not cached: the math build step cannot be exercised")
    b = build_site(tmp_path / "site", root=ROOT, papers=["P195"], api=False, math=True)
    assert (b.out / "_static" / "katex" / "katex.min.js").is_file()
    assert list((b.out / "_static" / "katex" / "fonts").glob("*.woff2"))
    assert '_static/katex/katex.min.js' in (b.out / P195).read_text()


def test_api_pages_cover_every_module_without_a_cdn(tmp_path):
    b = build_site(tmp_path / "site", root=ROOT, papers=["P195"], api=True, math=False)
    api = [p for p in b.pages if p.startswith("api/")]
    assert "api/minirepro/core/claims.html" in api and "api/minirepro/core/site.html" in api
    papers = {f"api/minirepro/{p.area}/{p.path.stem}.html" for p in discover(ROOT / "nbs")}
    assert papers <= set(api), sorted(papers - set(api))
    text = (b.out / "api/minirepro/core/claims.html").read_text()
    assert "minirepro site" in text and not CDN.search(text)
