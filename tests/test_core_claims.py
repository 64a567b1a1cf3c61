import json

import numpy as np
import pytest

from minirepro.core.claims import ClaimMismatch, Ledger, load_claims, to_markdown


@pytest.fixture
def run(tmp_path, monkeypatch):
    monkeypatch.setenv("MINIREPRO_RUN_DIR", str(tmp_path))
    return tmp_path


def _rec(led, key="k", passed=True, expected="reproduced", value=2.5):
    return led.record(key, "x beats y", "2x", "Table 1", "ratio", value, passed=passed, target=">= 2", expected=expected)


def test_record_save_check(run):
    led = Ledger("PT", "smoke", seed=3, device="cpu", title="T")
    c = _rec(led, value=np.float32(2.5), passed=np.bool_(True))
    assert c.verdict == "reproduced" and isinstance(c.value, float)
    path = led.check()
    data = json.loads(path.read_text())
    assert path == run / "claims" / "PT.json" and data["seed"] == 3 and data["device"] == "cpu" and data["scale"] == "smoke"
    assert load_claims(run)[0]["key"] == "k"
    assert "reproduced" in to_markdown(load_claims(run)) and "k" in led._repr_markdown_()
    assert list(led.to_frame().columns)[:2] == ["key", "statement"]


def test_mismatch_raises_and_still_saves(run):
    led = Ledger("PT", "smoke")
    _rec(led, passed=False)  # declared reproduced, measured not
    with pytest.raises(ClaimMismatch, match="expected 'reproduced'"):
        led.check()
    assert (run / "claims" / "PT.json").exists()


def test_expected_not_reproduced_passes(run):
    led = Ledger("PT", "full")
    _rec(led, passed=False, expected={"smoke": "reproduced", "full": "not reproduced"})
    led.check()


def test_empty_ledger_fails(run):
    with pytest.raises(ClaimMismatch, match="no claim"):
        Ledger("PT", "smoke").check()


def test_bad_inputs(run):
    with pytest.raises(ValueError, match="scale"):
        Ledger("PT", "auto")
    with pytest.raises(ValueError, match="paper_id"):
        Ledger("", "smoke")
    led = Ledger("PT", "smoke")
    with pytest.raises(ValueError, match="expected"):
        _rec(led, expected="maybe")
    with pytest.raises(ValueError, match="passed must be a bool"):
        led.record("k", "s", "v", "src", "m", 1.0, passed="yes", target="t")
    with pytest.raises(ValueError, match="value"):
        led.record("k", "s", "v", "src", "m", [1, 2], passed=True, target="t")
    with pytest.raises(ValueError, match="no entry for scale"):
        _rec(led, expected={"full": "reproduced"})
    _rec(led)
    with pytest.raises(ValueError, match="already recorded"):
        _rec(led)


def test_fewer_than_three_seeds_is_inconclusive(run):
    """At smoke a claim may carry fewer than 3 per-seed values (a seed with no value), but it then judges nothing."""
    led = Ledger("PT", "smoke")
    kw = dict(statement="x beats y", paper_value="2x", paper_source="Table 1", metric="gap", threshold=0.0,
              direction=">", control="no method", control_values=[-1.0, -1.1, -0.9])
    two = led.claim("two", values=[1.0, 1.2], expected="inconclusive", **kw)
    assert two.verdict == "inconclusive" and "only 2 seed" in two.reason
    three = led.claim("three", values=[1.0, 1.2, 1.1], expected="reproduced", **kw)
    assert three.verdict == "reproduced" and not three.reason
    with pytest.raises(ValueError, match="at least 3 seeds"):
        Ledger("PT", "full").claim("full2", values=[1.0, 1.2], expected="inconclusive", **kw)
