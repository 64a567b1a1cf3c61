"Regression tests for bad inputs to the chemical-language-model explainability paper module (P003)."
import numpy as np
import pytest
import torch

from minirepro.core.checks import NonFiniteError
from minirepro.explain.explainability_techniques_for_chemical_language_models import (
    EncoderLayer, RegModel, SelfAttention, SmilesEncoder, SmilesVocab, atom_scores, atom_type_prior, attention_rollout,
    chunked, crippen_atom_contribs, finetune, generate_molecules, integrated_gradients, is_atom_token, mask_tokens,
    mean_spearman, predict, pretrain_mlm, raw_attention, relevance_propagation, tokenize)

SMILES = ["CCO", "c1ccccc1O", "CC(=O)Nc1ccc(O)cc1", "ClCCBr"]


@pytest.fixture(scope="module")
def setup():
    torch.manual_seed(0)
    vocab = SmilesVocab(SMILES)
    ids, atom = vocab.encode(SMILES, 24)
    model = RegModel(SmilesEncoder(len(vocab), d_model=8, n_heads=2, n_layers=1, max_len=24)).eval()
    return vocab, ids, atom, model


def test_smiles_strings_named():
    for bad, exc in [(None, TypeError), (3, TypeError), ("", ValueError), ("C&C", ValueError)]:
        with pytest.raises(exc, match="smiles"):
            tokenize(bad)
    for bad, exc in [(None, TypeError), ("", ValueError), ("C1CC", ValueError), ("bogus", ValueError)]:
        with pytest.raises(exc, match="smiles"):
            crippen_atom_contribs(bad)
    with pytest.raises(TypeError, match="tok"):
        is_atom_token(None)


@pytest.mark.parametrize("corpus,exc", [([], ValueError), ("CCO", TypeError), (None, TypeError), ([3], TypeError),
                                        (["CCO", ""], ValueError), (["C&C"], ValueError)])
def test_vocab_corpus_named(corpus, exc):
    with pytest.raises(exc, match="corpus"):
        SmilesVocab(corpus)


def test_encode_named(setup):
    vocab = setup[0]
    with pytest.raises(TypeError, match="smiles"):
        vocab.encode("CCO", 10)
    with pytest.raises(ValueError, match="max_len"):
        vocab.encode(["CCO"], 1)
    with pytest.raises(ValueError, match="max_len"):
        vocab.encode(["CCCCCCCC"], 4)
    with pytest.raises(TypeError, match="max_len"):
        vocab.encode(["CCO"], 2.5)
    assert vocab.encode(["CCO"], np.int64(6))[0].shape == (1, 6)


def test_generate_molecules_named():
    rng = np.random.default_rng(0)
    for kw, name, exc in [(dict(n=0), "n", ValueError), (dict(n=2.5), "n", TypeError),
                          (dict(max_atoms=4), "max_atoms", ValueError), (dict(max_grow=0), "max_grow", ValueError),
                          (dict(extra="CCO"), "extra", TypeError), (dict(extra=["C1CC"]), "extra", ValueError)]:
        with pytest.raises(exc, match=name):
            generate_molecules(**({"n": 5, "rng": rng} | kw))
    with pytest.raises(TypeError, match="rng"):
        generate_molecules(5, 0)
    assert len(generate_molecules(np.int64(5), rng, max_atoms=np.int64(20), extra=())) == 5


def test_module_constructors_named():
    with pytest.raises(ValueError, match="d_model"):
        SelfAttention(6, 4)
    with pytest.raises(ValueError, match="dropout"):
        SelfAttention(8, 2, dropout=1.0)
    with pytest.raises(ValueError, match="dropout"):
        EncoderLayer(8, 2, dropout=float("nan"))
    with pytest.raises(ValueError, match="n_heads"):
        EncoderLayer(8, 0)
    for kw, name in [(dict(vocab_size=2), "vocab_size"), (dict(n_layers=0), "n_layers"), (dict(max_len=1), "max_len"),
                     (dict(d_model=10, n_heads=4), "d_model")]:
        with pytest.raises(ValueError, match=name):
            SmilesEncoder(**({"vocab_size": 10} | kw))
    with pytest.raises(TypeError, match="encoder"):
        RegModel(None)
    with pytest.raises(ValueError, match="hidden"):
        RegModel(SmilesEncoder(10, 8, 2, 1, 8), hidden=0)
    assert isinstance(SmilesEncoder(np.int64(10), np.int64(8), np.int64(2), np.int64(1), np.int64(8)), SmilesEncoder)


def test_forward_ids_named(setup):
    _, ids, _, model = setup
    bad = [(ids.float(), TypeError), (ids[0], ValueError), (ids.numpy(), TypeError),
           (torch.full_like(ids, 999), ValueError), (torch.cat([ids, ids], 1), ValueError),
           (torch.zeros_like(ids), ValueError), (ids.flip(1), ValueError)]
    for x, exc in bad:
        with pytest.raises(exc, match="ids"):
            model(x)
        with pytest.raises(exc, match="ids"):
            relevance_propagation(model, x)
    with pytest.raises(ValueError, match="embeds"):
        model(ids, torch.zeros(ids.shape[0], ids.shape[1], 3))
    with pytest.raises(ValueError, match="embeds"):
        model(ids, torch.full((*ids.shape, 8), float("nan")))
    layer = model.encoder.layers[0]
    x, pad = torch.zeros(4, ids.shape[1], 8), ids == 0
    with pytest.raises(ValueError, match="x"):
        layer(x[..., :3], pad)
    with pytest.raises(TypeError, match="pad"):
        layer.attn(x, pad.long())
    with pytest.raises(ValueError, match="pad"):
        layer(x, torch.ones_like(pad))
    with pytest.raises(TypeError, match="on"):
        model.encoder.set_record("yes")
    model.encoder.set_record(False)
    with pytest.raises(RuntimeError, match="set_record"):
        model.encoder.attentions()


def test_attribution_args_named(setup):
    _, ids, _, model = setup
    for f in (relevance_propagation, raw_attention, attention_rollout, integrated_gradients, predict):
        with pytest.raises(TypeError, match="model"):
            f(model.encoder, ids)
    with pytest.raises(TypeError, match="transpose"):
        relevance_propagation(model, ids, transpose=1)
    with pytest.raises(ValueError, match="steps"):
        integrated_gradients(model, ids, steps=0)
    with pytest.raises(ValueError, match="batch_size"):
        integrated_gradients(model, ids, batch_size=-1)
    with pytest.raises(ValueError, match="batch_size"):
        predict(model, ids, batch_size=0)
    assert integrated_gradients(model, ids, steps=np.int64(2))[0].shape == ids.shape


def test_chunked_named(setup):
    _, ids, _, model = setup
    with pytest.raises(TypeError, match="fn"):
        chunked(None, ids)
    with pytest.raises(TypeError, match="fn"):
        chunked(lambda x: np.zeros(3), ids)
    with pytest.raises(TypeError, match="fn"):
        chunked(lambda x: x[:, :1], ids)
    with pytest.raises(ValueError, match="fn"):
        chunked(lambda x: torch.full(x.shape, float("nan")), ids)
    with pytest.raises(ValueError, match="size"):
        chunked(lambda x: raw_attention(model, x), ids, size=0)
    assert chunked(lambda x: raw_attention(model, x), ids, size=np.int64(2)).shape == ids.shape


def test_training_args_named(setup):
    vocab, ids, _, _ = setup
    enc = SmilesEncoder(len(vocab), d_model=8, n_heads=2, n_layers=1, max_len=24)
    model = RegModel(enc)
    y = torch.randn(len(ids))
    for kw, name in [(dict(steps=0), "steps"), (dict(batch_size=0), "batch_size"), (dict(lr=float("nan")), "lr"),
                     (dict(lr=0.0), "lr"), (dict(seed=-1), "seed")]:
        with pytest.raises(ValueError, match=name):
            pretrain_mlm(enc, ids, **({"steps": 2} | kw))
        with pytest.raises(ValueError, match=name):
            finetune(model, ids, y, **({"steps": 2} | kw))
    with pytest.raises(TypeError, match="progress"):
        pretrain_mlm(enc, ids, 2, progress="no")
    with pytest.raises(TypeError, match="encoder"):
        pretrain_mlm(model, ids, 2)
    with pytest.raises(ValueError, match="y"):
        finetune(model, ids, y[:2], 2)
    with pytest.raises(ValueError, match="y"):
        finetune(model, ids, torch.full_like(y, float("inf")), 2)
    with pytest.raises(TypeError, match="y"):
        finetune(model, ids, y.numpy(), 2)
    with torch.no_grad():
        model.head[-1].bias.fill_(float("inf"))  # predictions blow up: training must stop, not spin
    with pytest.raises(NonFiniteError, match="fine-tuning loss"):
        finetune(model, ids, y, 3, progress=False)


def test_mask_tokens_named(setup):
    _, ids, _, _ = setup
    gen = torch.Generator().manual_seed(0)
    with pytest.raises(ValueError, match="vocab_size"):
        mask_tokens(ids, 4, gen)
    with pytest.raises(ValueError, match="ids"):
        mask_tokens(ids, 5, gen)
    with pytest.raises(TypeError, match="gen"):
        mask_tokens(ids, 100, 0)
    for p in (0.0, 1.0, float("nan")):
        with pytest.raises(ValueError, match="p"):
            mask_tokens(ids, 100, gen, p=p)
    with pytest.raises(ValueError, match="n_special"):
        mask_tokens(ids, 100, gen, n_special=1)


def test_evaluation_named(setup):
    _, ids, atom, model = setup
    scores = raw_attention(model, ids)
    with pytest.raises(TypeError, match="atom_mask"):
        atom_scores(scores, atom.long())
    with pytest.raises(ValueError, match="atom_mask"):
        atom_scores(scores, atom[:, :3])
    with pytest.raises(ValueError, match="scores"):
        atom_scores(torch.full_like(scores, float("nan")), atom)
    for bad, exc in [([], ValueError), ("CCO", TypeError), (["[H]OC"], ValueError), (["C&C"], ValueError)]:
        with pytest.raises(exc, match="train"):
            atom_type_prior(bad, ["CCO"])
        with pytest.raises(exc, match="test"):
            atom_type_prior(["CCO"], bad)
    a, b = np.array([1.0, 2, 3, 4]), np.array([1.0, 3, 2, 4])
    with pytest.raises(ValueError, match="pred"):
        mean_spearman([a], [b, b])
    with pytest.raises(ValueError, match="pred"):
        mean_spearman([a[:3]], [b])
    with pytest.raises(ValueError, match="truth"):
        mean_spearman([a], [np.array([1.0, np.nan, 2, 3])])
    with pytest.raises(TypeError, match="pred"):
        mean_spearman(np.stack([a, b]), [a, b])
    with pytest.raises(ValueError, match="pred"):
        mean_spearman([np.ones(4)], [b])  # constant scores: no defined correlation
    rho, n = mean_spearman([a, np.ones(4)], [b, b])
    assert n == 1 and abs(rho - 0.8) < 1e-12
