#!/usr/bin/env python3
"""Writes the reference cases (format 1, see shared/reference/FORMAT.md) that
the Rust conformance test checks: activation values and derivatives, and
backprop gradients and optimiser steps, all computed by JAX autodiff in
float64, independently of the project's own formulas.

    python3 tests/gen_reference.py            # writes tests/fixtures/*.json
    python3 tests/gen_reference.py --out DIR

Needs `pip install "jax[cpu]"`. The outputs are committed, so running the
tests does not need Python.
"""
import argparse
import json
import os

import jax

jax.config.update("jax_enable_x64", True)
import jax.numpy as jnp  # noqa: E402
import numpy as np  # noqa: E402
from jax.scipy.special import erfc  # noqa: E402

SQRT2 = np.sqrt(2.0)


def act_fn(name, alpha):
    """The activation as a JAX function; kinks take the left-hand derivative
    (jnp.where picks the x <= 0 branch at exactly 0)."""
    if name == "identity":
        return lambda x: x
    if name == "sigmoid":
        return jax.nn.sigmoid
    if name == "tanh":
        return jnp.tanh
    if name == "relu":
        return lambda x: jnp.where(x > 0, x, 0.0)
    if name == "leaky_relu":
        return lambda x: jnp.where(x > 0, x, alpha * x)
    if name == "softplus":
        return lambda x: jnp.logaddexp(x, 0.0)
    if name == "elu":
        # The inner where keeps the branch not taken from overflowing into NaN
        # gradients; jnp.minimum would not do: it splits the gradient at a tie,
        # giving elu'(0) = alpha / 2 instead of FORMAT's alpha.
        return lambda x: jnp.where(x > 0, x, alpha * jnp.expm1(jnp.where(x > 0, 0.0, x)))
    if name == "gelu":
        return lambda x: x * 0.5 * erfc(-x / SQRT2)
    if name == "silu":
        return lambda x: x * jax.nn.sigmoid(x)
    raise ValueError(name)


ACTIVATIONS = [
    ("identity", None),
    ("sigmoid", None),
    ("tanh", None),
    ("relu", None),
    ("leaky_relu", 0.01),
    ("leaky_relu", 0.2),
    ("softplus", None),
    ("elu", 1.0),
    ("elu", 0.5),
    ("gelu", None),
    ("silu", None),
]
FIXED_X = [0.0, 1e-9, -1e-9, 40.0, -40.0, 1000.0, -1000.0, 5.0, -5.0, 20.0, -20.0, 1e-300, -1e-300, 0.5, -0.5]


def activation_cases(rng):
    cases = []
    for i, (name, alpha) in enumerate(ACTIVATIONS):
        f = act_fn(name, alpha)
        x = np.concatenate([rng.uniform(-8, 8, 24), rng.normal(0, 2, 8), FIXED_X])
        xs = jnp.asarray(x, dtype=jnp.float64)
        y = jax.vmap(f)(xs)
        dy = jax.vmap(jax.grad(f))(xs)
        assert np.all(np.isfinite(y)) and np.all(np.isfinite(dy)), name
        cases.append(
            {
                "id": f"act-{name}-{i}",
                "kind": "activation",
                "name": name,
                "alpha": alpha,
                "x": [float(v) for v in x],
                "y": [float(v) for v in y],
                "dy": [float(v) for v in dy],
            }
        )
    return cases


def forward(params, inputs, hidden, output):
    """Returns (z, y) of the output layer."""
    a = inputs
    n = len(params)
    for l, (w, b) in enumerate(params):
        z = a @ w.T + b
        a = hidden(z) if l < n - 1 else output(z)
    return z, a


def loss_fn(params, inputs, targets, hidden, output, loss):
    z, y = forward(params, inputs, hidden, output)
    n = inputs.shape[0]
    if loss == "mse":
        return jnp.sum(0.5 * (y - targets) ** 2) / n
    # FORMAT's -[t ln y + (1-t) ln(1-y)] with y = sigmoid(z), written with
    # log_sigmoid so it stays finite when y rounds to 0 or 1.
    ln_y, ln_1my = jax.nn.log_sigmoid(z), jax.nn.log_sigmoid(-z)
    return jnp.sum(-(targets * ln_y + (1 - targets) * ln_1my)) / n


def optimise(params, grad_fn, opt):
    """`opt["steps"]` full-batch steps exactly as FORMAT.md defines them."""
    state = [(jnp.zeros_like(w), jnp.zeros_like(b)) for w, b in params]
    state2 = [(jnp.zeros_like(w), jnp.zeros_like(b)) for w, b in params]
    lr = opt["lr"]
    for t in range(1, opt["steps"] + 1):
        grads = grad_fn(params)
        new = []
        for l, ((w, b), (gw, gb)) in enumerate(zip(params, grads)):
            pair = []
            for j, (p, g) in enumerate(((w, gw), (b, gb))):
                s1, s2 = state[l][j], state2[l][j]
                if opt["name"] == "sgd":
                    p = p - lr * g
                elif opt["name"] == "momentum":
                    s1 = opt["momentum"] * s1 - lr * g
                    p = p + s1
                elif opt["name"] == "adagrad":
                    s1 = s1 + g * g
                    p = p - lr * g / (jnp.sqrt(s1) + opt["eps"])
                elif opt["name"] == "adam":
                    b1, b2 = opt["beta1"], opt["beta2"]
                    s1 = b1 * s1 + (1 - b1) * g
                    s2 = b2 * s2 + (1 - b2) * g * g
                    mhat = s1 / (1 - b1**t)
                    vhat = s2 / (1 - b2**t)
                    p = p - lr * mhat / (jnp.sqrt(vhat) + opt["eps"])
                pair.append((p, s1, s2))
            new.append(pair)
        params = [(pw[0], pb[0]) for pw, pb in new]
        state = [(pw[1], pb[1]) for pw, pb in new]
        state2 = [(pw[2], pb[2]) for pw, pb in new]
    return params


def tolist(a):
    return np.asarray(a).tolist()


def backprop_cases(rng):
    names = [n for n, _ in ACTIVATIONS]
    optimisers = ["sgd", "momentum", "adagrad", "adam"]
    cases = []
    i = 0
    # Every hidden activation x every optimiser, both losses, 1..5 hidden layers.
    for hi, (hname, halpha) in enumerate(ACTIVATIONS):
        for oi, oname in enumerate(optimisers):
            loss = "bce" if (hi + oi) % 2 == 0 else "mse"
            output = "sigmoid" if loss == "bce" else ["identity", "tanh", "sigmoid"][(hi + oi) % 3]
            depth = 1 + (hi + 2 * oi) % 5
            n_in = int(rng.integers(1, 5))
            n_out = int(rng.integers(1, 4))
            sizes = [n_in] + [int(rng.integers(1, 7)) for _ in range(depth)] + [n_out]
            weights = [rng.normal(0, 0.9, (sizes[l + 1], sizes[l])) for l in range(len(sizes) - 1)]
            biases = [rng.normal(0, 0.3, sizes[l + 1]) for l in range(len(sizes) - 1)]
            n = int(rng.integers(1, 7))
            inputs = rng.normal(0, 1.5, (n, n_in))
            targets = rng.uniform(0, 1, (n, n_out)) if loss == "bce" else rng.normal(0, 1, (n, n_out))
            if loss == "bce" and i % 2 == 0:
                targets = np.round(targets)
            hf, of = act_fn(hname, halpha), act_fn(output, None)
            params = [(jnp.asarray(w), jnp.asarray(b)) for w, b in zip(weights, biases)]
            x, t = jnp.asarray(inputs), jnp.asarray(targets)
            value_and_grad = jax.value_and_grad(lambda p: loss_fn(p, x, t, hf, of, loss))
            value, grads = value_and_grad(params)
            opt = {
                "name": oname,
                "lr": float([0.1, 0.05, 0.01, 0.3][i % 4]),
                "momentum": 0.9 if oname == "momentum" else None,
                "beta1": 0.9 if oname == "adam" else None,
                "beta2": 0.999 if oname == "adam" else None,
                "eps": 1e-8 if oname in ("adagrad", "adam") else None,
                "steps": 1 + i % 4,
            }
            after = optimise(params, lambda p: value_and_grad(p)[1], opt)
            case = (
                {
                    "id": f"bp-{i}-{hname}-{oname}-{loss}",
                    "kind": "backprop",
                    "sizes": sizes,
                    "hidden": hname,
                    "hidden_alpha": halpha,
                    "output": output,
                    "loss": loss,
                    "weights": [tolist(w) for w in weights],
                    "biases": [tolist(b) for b in biases],
                    "inputs": tolist(inputs),
                    "targets": tolist(targets),
                    "loss_value": float(value),
                    "grad_weights": [tolist(g[0]) for g in grads],
                    "grad_biases": [tolist(g[1]) for g in grads],
                    "optimizer": opt,
                    "weights_after": [tolist(p[0]) for p in after],
                    "biases_after": [tolist(p[1]) for p in after],
                }
            )
            flat = np.concatenate([np.ravel(np.asarray(x)) for x in jax.tree_util.tree_leaves((value, grads, after))])
            assert np.all(np.isfinite(flat)), f"case {i} is not finite"
            cases.append(case)
            i += 1
    assert len({c["hidden"] for c in cases}) == len(set(names))
    return cases


def write(path, cases):
    doc = {"format": 1, "generator": f"tests/gen_reference.py, JAX {jax.__version__} float64 autodiff", "cases": cases}
    with open(path, "w") as f:
        json.dump(doc, f, separators=(",", ":"))
        f.write("\n")
    print(f"wrote {len(cases)} cases to {path}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures"))
    ap.add_argument("--kinds", default="activation,backprop")
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    kinds = args.kinds.split(",")
    if "activation" in kinds:
        write(os.path.join(args.out, "activation.json"), activation_cases(np.random.default_rng(20261126)))
    if "backprop" in kinds:
        write(os.path.join(args.out, "backprop.json"), backprop_cases(np.random.default_rng(7)))


if __name__ == "__main__":
    main()
