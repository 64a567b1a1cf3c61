import numpy as np
import pytest
import torch

from minirepro.core import config


def test_resolve_scale_and_pick():
    assert config.resolve_scale("smoke") == "smoke" and config.resolve_scale("full") == "full"
    assert config.resolve_scale("auto") == ("full" if torch.cuda.is_available() else "smoke")
    assert config.pick("smoke", 1, 2) == 1 and config.pick("full", 1, 2) == 2


@pytest.mark.parametrize("bad", ["huge", "", None, "Smoke"])
def test_bad_scale_names_choices(bad):
    with pytest.raises(ValueError, match="scale must be one of"):
        config.resolve_scale(bad)


def test_pick_needs_resolved_scale():
    with pytest.raises(ValueError, match="resolve_scale"):
        config.pick("auto", 1, 2)


def test_device():
    assert config.get_device("cpu").type == "cpu"
    assert config.get_device("auto").type == ("cuda" if torch.cuda.is_available() else "cpu")
    with pytest.raises(ValueError, match="device must be one of"):
        config.get_device("tpu")
    if not torch.cuda.is_available():
        with pytest.raises(ValueError, match="no CUDA"):
            config.get_device("cuda")


def test_seed_everything_reproducible():
    a = config.seed_everything(7)
    x1, t1 = a.normal(size=4), torch.randn(4)
    b = config.seed_everything(7)
    assert np.allclose(x1, b.normal(size=4)) and torch.equal(t1, torch.randn(4))
    assert torch.are_deterministic_algorithms_enabled()
    with pytest.raises(ValueError, match="seed"):
        config.seed_everything(-1)


def test_run_dir_env(tmp_path, monkeypatch):
    monkeypatch.setenv(config.RUN_DIR_ENV, str(tmp_path / "r"))
    assert config.run_dir() == tmp_path / "r" and (tmp_path / "r").is_dir()
    monkeypatch.delenv(config.RUN_DIR_ENV)
    assert config.run_dir(create=False).parts[-2:] == ("runs", "interactive")


def test_in_test(monkeypatch):
    monkeypatch.setenv("IN_TEST", "1")
    assert config.in_test()
    monkeypatch.setenv("IN_TEST", "0")
    assert not config.in_test()
