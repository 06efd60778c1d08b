"""Sphinx configuration of the sdmig documentation site.

Build it with ``sphinx-build -W -b html docs docs/_build/html`` (from any folder; ``python -m
sphinx`` from the repository root would import the source tree instead of the installed
package).
"""

from __future__ import annotations

from importlib.metadata import version as _version
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

project = "sdmig"
author = "the sdmig developers"
copyright = "2026, the sdmig developers"
release = _version("sdmig")
version = release

extensions = [
    "myst_parser",
    "numpydoc",
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "sphinx.ext.intersphinx",
    "sphinx.ext.mathjax",
    "sphinx_gallery.gen_gallery",
]

source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build", "tutorial/*.toml", "**/README.md"]
myst_enable_extensions = ["dollarmath", "colon_fence"]
myst_heading_anchors = 3

autosummary_generate = True
autodoc_typehints = "none"
numpydoc_show_class_members = False
numpydoc_class_members_toctree = False
# The docs build offline: no inventories are fetched.
intersphinx_mapping: dict = {}
suppress_warnings = ["myst.xref_missing", "config.cache"]
nitpicky = False


def _figure_scraper(block, block_vars, gallery_conf):
    """Collect the matplotlib Figures an example holds in its variables.

    sdmig's plots are built on :class:`matplotlib.figure.Figure` without pyplot, so the
    default scraper (which asks pyplot for its figures) would not see them.
    """
    from matplotlib.figure import Figure
    from sphinx_gallery.scrapers import figure_rst

    seen = gallery_conf.setdefault("_sdmig_seen_figures", set())
    paths = []
    for value in list(block_vars["example_globals"].values()):
        if isinstance(value, Figure) and id(value) not in seen and not hasattr(value, "number"):
            seen.add(id(value))
            path = next(block_vars["image_path_iterator"])
            value.savefig(path, dpi=100)
            paths.append(path)
    return figure_rst(paths, gallery_conf["src_dir"])


sphinx_gallery_conf = {
    "image_scrapers": ("matplotlib", _figure_scraper),
    "examples_dirs": str(ROOT / "examples" / "gallery"),
    "gallery_dirs": "auto_examples",
    "filename_pattern": r"/plot_",
    "download_all_examples": False,
    "remove_config_comments": True,
    "abort_on_example_error": True,
}

html_theme = "pydata_sphinx_theme"
html_title = f"sdmig {release}"
html_theme_options = {
    "navigation_with_keys": False,
    "show_toc_level": 2,
}
html_static_path: list[str] = []
