import matplotlib

matplotlib.use("Agg")

import pytest  # noqa: E402

from minirepro.core.plots import save_figure, set_style, subplots  # noqa: E402


def test_subplots_and_save(tmp_path, monkeypatch):
    monkeypatch.setenv("MINIREPRO_RUN_DIR", str(tmp_path))
    set_style()
    fig, axes = subplots(ncols=2)
    assert len(axes) == 2 and fig.get_size_inches()[0] == pytest.approx(8.0)
    fig, axes = subplots(ncols=1, grid=True)
    assert axes.shape == (1, 1)
    path = save_figure(fig, "P000_x")
    assert path == tmp_path / "figures" / "P000_x.png" and path.stat().st_size > 0
    with pytest.raises(ValueError, match="paper id"):
        save_figure(fig, "a/b")
    with pytest.raises(ValueError, match="ncols"):
        subplots(ncols=0)
