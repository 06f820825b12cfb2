#!/usr/bin/env python3
"""Drives the EXPORTED script's own pieces (pytorch/residual_playground.py) for tests/reference/exportedScript.test.ts.

Usage: /usr/bin/python3 exported_script_step.py SCRIPT IN.json OUT.json

mode "steps": builds the script's network for IN's model, loads the app's initial weights file with the script's
load_app_weights, and runs two of the script's train_step calls with the script's make_optimizer on IN's batch;
writes logits, losses, gradients, parameters and BN statistics in the app's names and tfjs layouts.
mode "counts": the script's trainable parameter count for each model in IN.
Exit code 3: torch cannot be imported (install Debian's python3-torch).
"""
import importlib.util
import json
import sys

try:
    import torch
except ImportError as error:
    print(f"cannot import torch ({error}): apt-get install python3-torch", file=sys.stderr)
    sys.exit(3)

# The tfjs layouts (HWIO conv kernels, [in, out] FC kernel), as the independent reference writes them; importing it
# also sets the same torch settings (float32, deterministic, one thread).
from torch_reference import to_tfjs  # noqa: E402  (this file's folder is on sys.path when it runs)


def load_script(path):
    spec = importlib.util.spec_from_file_location("residual_playground", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def steps(rp, spec):
    network = rp.build_network(spec["model"])
    metadata = rp.load_app_weights(network, spec["weights"])
    entries = [(name, t, layout, decay) for name, t, layout, decay in network.app_tensors()]
    parameters = lambda: {n: to_tfjs(layout, t) for n, t, layout, decay in entries if decay is not None}
    gradients = lambda: {n: to_tfjs(layout, t.grad) for n, t, layout, decay in entries if decay is not None}
    statistics = lambda: {n: to_tfjs("vector", t) for n, t, layout, decay in entries if decay is None}
    x = torch.tensor(spec["x"]["data"], dtype=torch.float32).reshape(spec["x"]["shape"]).permute(0, 3, 1, 2).contiguous()
    labels = torch.tensor(spec["labels"], dtype=torch.long)
    config = dict(spec["hyper"])
    optimizer = rp.make_optimizer(network, config)
    results = {"metadata": metadata, "initialParameters": parameters(), "initialStatistics": statistics()}
    network.train()
    logits, loss = rp.train_step(network, optimizer, x, labels, config["learningRate"])
    results.update(trainLogits=to_tfjs("vector", logits), loss=loss.item(), gradients=gradients(),
                   statisticsAfterStep1=statistics(), parametersAfterStep1=parameters())
    network.eval()
    with torch.no_grad():
        # After the step: the app's case evaluates before it, so this is compared with a second tfjs eval pass.
        results["evalLogitsAfterStep1"] = to_tfjs("vector", network(x))
    network.train()
    _, loss2 = rp.train_step(network, optimizer, x, labels, config["learningRate"])
    results.update(loss2=loss2.item(), gradientsStep2=gradients(), parametersAfterStep2=parameters(),
                   statisticsAfterStep2=statistics(), torchVersion=torch.__version__)
    return results


def counts(rp, spec):
    return {"counts": [rp.count_trainable_parameters(rp.build_network(model)) for model in spec["models"]]}


def main(script, in_path, out_path):
    rp = load_script(script)
    with open(in_path) as f:
        spec = json.load(f)
    results = steps(rp, spec) if spec["mode"] == "steps" else counts(rp, spec)
    with open(out_path, "w") as f:
        json.dump(results, f)


if __name__ == "__main__":
    if len(sys.argv) != 4:
        raise SystemExit(__doc__)
    main(*sys.argv[1:])
