"""Open every page of the offline docs site in headless Chromium and check what a reader would see.

Per page: no console error or uncaught exception; no request leaves the site (a CDN load is aborted and reported);
every <img> decoded (naturalWidth > 0); every internal link resolves to a file of the site, and its #fragment to an
element of the target page; math typeset (no KaTeX error, no raw `$...$`, `\\(` or `\\[` left outside code).

The browser is Debian's `chromium` (or $MINIREPRO_CHROMIUM), driven by Playwright with `executable_path` (Playwright's
own browser download is not used). Without a Chromium binary or the playwright package the test SKIPS with the reason;
with MINIREPRO_REQUIRE_BROWSER=1 (CI, after installing both) it FAILS instead.

Executed notebooks: from $MINIREPRO_SITE_RUN_DIR when set (a `minirepro run --out DIR` directory), else from the
session's smoke run (the `smoke_run` fixture, shared with test_notebooks.py). $MINIREPRO_SITE_SCREENSHOTS=DIR saves a
paper page and the claims page as PNGs there.
"""
from __future__ import annotations

import os
import re
import shutil
import time
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

from conftest import ROOT

REQUIRE = os.environ.get("MINIREPRO_REQUIRE_BROWSER") == "1"
CHROMIUM = os.environ.get("MINIREPRO_CHROMIUM") or next(
    (p for p in map(shutil.which, ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")) if p), None)


def _missing(reason: str):
    if REQUIRE:
        pytest.fail(f"MINIREPRO_REQUIRE_BROWSER=1 but {reason}", pytrace=False)
    pytest.skip(reason, allow_module_level=True)


if CHROMIUM is None:
    _missing("no Chromium binary on PATH (Debian: apt-get install -y chromium; or set MINIREPRO_CHROMIUM): "
             "the docs site's browser test cannot run")
try:
    from playwright.sync_api import sync_playwright
except ImportError:
    _missing("the playwright package is not installed (pip install playwright; its browser download is not needed)")

from minirepro.core.site import build_site  # noqa: E402

# One call per page: links (absolute URLs), element ids, undecoded images, KaTeX errors and raw math left in text.
PROBE = r"""() => {
  const skip = new Set(["SCRIPT", "STYLE", "PRE", "CODE", "TEXTAREA", "NOSCRIPT"]);
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT, {acceptNode(n) {
    for (let e = n.parentElement; e; e = e.parentElement)
      if (skip.has(e.tagName) || e.classList.contains("katex") || e.classList.contains("no-math"))
        return NodeFilter.FILTER_REJECT;
    return NodeFilter.FILTER_ACCEPT; }});
  let text = "";
  while (walker.nextNode()) text += walker.currentNode.nodeValue;
  const raw = text.match(/\$\$[^$]+\$\$|\$(?=[^\s$])[^$\n]{0,300}[^\s$]\$|\\\(|\\\[/g) || [];
  return {
    links: Array.from(document.querySelectorAll("a[href]")).map(a => a.href),
    ids: Array.from(document.querySelectorAll("[id],[name]")).map(e => e.id || e.getAttribute("name")),
    badImages: Array.from(document.images).filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.src.slice(0, 120)),
    images: document.images.length,
    katexErrors: Array.from(document.querySelectorAll(".katex-error")).map(e => e.textContent.slice(0, 120)),
    katex: document.querySelectorAll(".katex").length,
    rawMath: raw.slice(0, 5),
    mathDone: document.documentElement.dataset.math === "done",
  };
}"""


@pytest.fixture(scope="module")
def site(tmp_path_factory, request):
    "The whole site (every paper, API pages, KaTeX), built from the published ledger plus a run's executed notebooks."
    run = os.environ.get("MINIREPRO_SITE_RUN_DIR")
    if not run:
        run = str(request.getfixturevalue("smoke_run")[0])
    out = tmp_path_factory.mktemp("site") / "site"
    t = time.perf_counter()
    build = build_site(out, root=ROOT, notebooks=run)
    print(f"\nsite build: {len(build.pages)} pages in {time.perf_counter() - t:.1f} s {build.seconds}")
    return build


SHOTS = ("claims.html", "optim/high_probability_bounds_for_stochastic_optimization.html")  # pages to screenshot


def _screenshots(page, folder: Path, stem: str) -> None:
    "The top of the page, and (when it has one) its first notebook figure in view."
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"site_{stem}.png"))
    if page.evaluate("(() => { const i = document.querySelector('.jp-OutputArea img');"
                     " if (i) i.scrollIntoView({block: 'center'}); return !!i; })()"):
        page.screenshot(path=str(folder / f"site_{stem}_figure.png"))


def _local(url: str) -> tuple[Path, set[str]] | None:
    "(file path, the fragment as written and decoded) of a file:// URL, else None."
    u = urlparse(url)
    return (Path(unquote(u.path)), {u.fragment, unquote(u.fragment)} - {""}) if u.scheme == "file" else None


def test_every_page_in_chromium(site):
    out = site.out.resolve()
    pages = [out / p for p in site.pages]
    assert len(pages) >= 10, site.pages
    problems: list[str] = []
    ids: dict[Path, set[str]] = {}
    links: list[tuple[Path, str]] = []  # (from page, absolute URL)
    external: list[str] = []
    images = katex = 0
    shots = os.environ.get("MINIREPRO_SITE_SCREENSHOTS")
    t0 = time.perf_counter()
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        ctx = browser.new_context(viewport={"width": 1280, "height": 900})
        ctx.route(re.compile(r"^(https?|wss?)://"), lambda route: (external.append(route.request.url), route.abort()))
        page = ctx.new_page()
        errors: list[str] = []
        page.on("console", lambda m: errors.append(f"console.{m.type}: {m.text}") if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(f"uncaught: {e}"))
        for path in pages:
            rel = path.relative_to(out)
            errors.clear()
            page.goto(path.as_uri(), wait_until="load")
            try:
                page.wait_for_function("document.documentElement.dataset.math === 'done'", timeout=10_000)
            except Exception:  # noqa: BLE001 - reported below as math not run
                pass
            r = page.evaluate(PROBE)
            ids[path] = set(r["ids"])
            links += [(path, u) for u in r["links"]]
            images += r["images"]
            katex += r["katex"]
            for label, bad in (("console", errors), ("undecoded <img>", r["badImages"]),
                               ("KaTeX error", r["katexErrors"]), ("raw math", r["rawMath"])):
                if bad:
                    problems.append(f"{rel}: {label}: {bad[:3]}")
            if not r["mathDone"]:
                problems.append(f"{rel}: the math script (site.js) did not finish")
            if shots and rel.as_posix() in SHOTS:
                _screenshots(page, Path(shots), rel.stem)
        browser.close()
    for src, url in links:
        loc = _local(url)
        if loc is None:
            continue  # external links (e.g. pdoc's attribution) are not part of the site
        target, frag = loc
        if target.is_dir():
            target = target / "index.html"
        if not target.resolve().is_relative_to(out):
            problems.append(f"{src.relative_to(out)}: link leaves the site: {url}")
        elif not target.is_file():
            problems.append(f"{src.relative_to(out)}: broken link {url}")
        elif frag and target.suffix == ".html" and target in ids and not frag & ids[target]:
            problems.append(f"{src.relative_to(out)}: link to a missing anchor {url}")
    wall = time.perf_counter() - t0
    print(f"browser: {len(pages)} pages, {len(links)} links, {images} images, {katex} formulas in {wall:.1f} s")
    assert not external, f"pages requested {len(external)} URL(s) outside the site (CDN?): {sorted(set(external))[:5]}"
    assert katex > 0, "no formula was typeset on any page"
    assert not problems, f"{len(problems)} problem(s):\n" + "\n".join(problems[:30])
