#!/usr/bin/env python3
"""PyTorch reference for tests/reference/*.test.ts.

Usage: /usr/bin/python3 tests/reference/torch_reference.py IN.json OUT.json

Builds the CIFAR-10 network of He et al. 2015 section 4.2 described by IN.json's `config`, written here
independently of the TypeScript code, the way the reference recipe in shared/reference does it
(nn.Conv2d bias=False, nn.BatchNorm2d, option A as x[:, :, ::2, ::2] + F.pad on channels, NCHW). It loads
the tfjs initial weights by name, runs the same two training steps as tests/reference/tfjsCase.ts
(forward in train mode, cross-entropy, backward, an eval-mode forward, torch.optim.SGD with momentum and
weight decay on conv/FC weights only, twice) and writes the same quantities in the tfjs layouts.
Kept apart from pytorch/residual_playground.py on purpose, though its network code looks alike: this file is the
independent check of the app's model, and the exported script (which must stand alone in its folder) is checked
against the app in exportedScript*.test.ts. Sharing code would let one mistake pass both checks.
Exit code 3: torch cannot be imported (install Debian's python3-torch).
"""
import json
import sys

try:
    import torch
    import torch.nn as nn
    import torch.nn.functional as F
except ImportError as error:  # the TS test turns this into a failure naming the package
    print(f"cannot import torch ({error}): apt-get install python3-torch", file=sys.stderr)
    sys.exit(3)

torch.set_default_dtype(torch.float32)
torch.use_deterministic_algorithms(True)
torch.set_num_threads(1)


class ConvBn(nn.Module):
    """Conv (no bias) then BN: one weighted layer (section 3.4). BN defaults: eps 1e-5, momentum 0.1."""

    def __init__(self, cin, cout, kernel, stride):
        super().__init__()
        self.conv = nn.Conv2d(cin, cout, kernel, stride=stride, padding=(kernel - 1) // 2, bias=False)
        self.bn = nn.BatchNorm2d(cout)

    def forward(self, x):
        return self.bn(self.conv(x))

    def entries(self, scope, suffix=""):
        yield f"{scope}/conv{suffix}", self.conv.weight, "conv"
        yield f"{scope}/bn{suffix}/gamma", self.bn.weight, "vector"
        yield f"{scope}/bn{suffix}/beta", self.bn.bias, "vector"

    def statistics(self, scope, suffix=""):
        yield f"{scope}/bn{suffix}/runningMean", self.bn.running_mean
        yield f"{scope}/bn{suffix}/runningVariance", self.bn.running_var


class OptionA(nn.Module):
    """Option A: subsample by the stride, then append zero channels after the existing ones."""

    def __init__(self, stride, extra_channels):
        super().__init__()
        self.stride = stride
        self.extra = extra_channels

    def forward(self, x):
        if self.stride == 2:
            x = x[:, :, ::2, ::2]
        return F.pad(x, (0, 0, 0, 0, 0, self.extra))


class Block(nn.Module):
    def __init__(self, cin, inner, cout, stride, config):
        super().__init__()
        if config["block"] == "basic":
            layers = [ConvBn(cin, inner, 3, stride), ConvBn(inner, cout, 3, 1)]
        else:  # bottleneck 1x1 - 3x3 (strided) - 1x1
            layers = [ConvBn(cin, inner, 1, 1), ConvBn(inner, inner, 3, stride), ConvBn(inner, cout, 1, 1)]
        self.layers = nn.ModuleList(layers)
        self.residual = config["blockType"] == "residual"
        self.shortcut = None
        if self.residual:
            if stride == 1 and cin == cout:
                self.shortcut = nn.Identity()
            elif config["shortcut"] == "A":
                self.shortcut = OptionA(stride, cout - cin)
            else:
                self.shortcut = ConvBn(cin, cout, 1, stride)

    def forward(self, x):
        h = x
        for i, layer in enumerate(self.layers):
            h = layer(h if i == 0 else F.relu(h))
        if self.residual:
            h = h + self.shortcut(x)
        return F.relu(h)

    def convbns(self, scope):
        for i, layer in enumerate(self.layers):
            yield layer, scope, str(i + 1)
        if isinstance(self.shortcut, ConvBn):
            yield self.shortcut, f"{scope}/shortcut", ""


class Net(nn.Module):
    def __init__(self, config):
        super().__init__()
        per_block = 2 if config["block"] == "basic" else 3
        n, remainder = divmod(config["depth"] - 2, 3 * per_block)
        assert remainder == 0 and n >= 1, f"bad depth {config['depth']}"
        width = config["width"]
        expansion = 1 if config["block"] == "basic" else 4
        self.stem = ConvBn(3, width, 3, 1)
        stages = []
        channels = width
        for s in range(3):
            inner = width * 2**s
            blocks = []
            for b in range(n):
                stride = 2 if s > 0 and b == 0 else 1
                blocks.append(Block(channels, inner, inner * expansion, stride, config))
                channels = inner * expansion
            stages.append(nn.ModuleList(blocks))
        self.stages = nn.ModuleList(stages)
        self.fc = nn.Linear(channels, 10)

    def forward(self, x):
        h = F.relu(self.stem(x))
        for stage in self.stages:
            for block in stage:
                h = block(h)
        return self.fc(h.mean(dim=(2, 3)))

    def convbns(self):
        yield self.stem, "stem", ""
        for s, stage in enumerate(self.stages):
            for b, block in enumerate(stage):
                yield from block.convbns(f"stage{s + 1}/block{b}")

    def parameter_entries(self):
        """(tfjs name, torch parameter, layout) for every trainable tensor."""
        for module, scope, suffix in self.convbns():
            yield from module.entries(scope, suffix)
        yield "fc/kernel", self.fc.weight, "fc"
        yield "fc/bias", self.fc.bias, "vector"

    def statistic_entries(self):
        for module, scope, suffix in self.convbns():
            yield from module.statistics(scope, suffix)

    def response_layers(self):
        """(BN name, BN module) of the main path: Fig. 7's layers (option B's projections are not among them)."""
        for module, scope, suffix in self.convbns():
            if not scope.endswith("/shortcut"):
                yield f"{scope}/bn{suffix}", module.bn


# Layout conversions: tfjs conv kernels are HWIO, PyTorch's OIHW; the tfjs FC kernel is [in, out], PyTorch's
# weight [out, in].
def to_torch(layout, value):
    t = torch.tensor(value["data"], dtype=torch.float32).reshape(value["shape"])
    if layout == "conv":
        return t.permute(3, 2, 0, 1).contiguous()
    if layout == "fc":
        return t.t().contiguous()
    return t


def to_tfjs(layout, t):
    t = t.detach()
    if layout == "conv":
        t = t.permute(2, 3, 1, 0)
    elif layout == "fc":
        t = t.t()
    t = t.contiguous()
    return {"shape": list(t.shape), "data": t.reshape(-1).tolist()}


def main(in_path, out_path):
    with open(in_path) as f:
        spec = json.load(f)
    net = Net(spec["config"])
    entries = {name: (p, layout) for name, p, layout in net.parameter_entries()}
    statistics = dict(net.statistic_entries())
    given = {p["name"]: p for p in spec["parameters"]}
    if set(given) != set(entries) or set(spec["statistics"]) != set(statistics):
        raise SystemExit(
            "parameter names differ between tfjs and PyTorch:\n"
            f"  only in tfjs: {sorted(set(given) - set(entries)) + sorted(set(spec['statistics']) - set(statistics))}\n"
            f"  only in PyTorch: {sorted(set(entries) - set(given)) + sorted(set(statistics) - set(spec['statistics']))}"
        )
    with torch.no_grad():
        for name, (p, layout) in entries.items():
            p.copy_(to_torch(layout, given[name]["value"]))
        for name, t in statistics.items():
            t.copy_(to_torch("vector", spec["statistics"][name]))

    x = to_torch("vector", spec["x"]).permute(0, 3, 1, 2).contiguous()  # NHWC -> NCHW
    labels = torch.tensor(spec["labels"], dtype=torch.long)
    hyper = spec["hyper"]
    decayed = [entries[n][0] for n in entries if given[n]["decay"]]
    not_decayed = [entries[n][0] for n in entries if not given[n]["decay"]]
    optimizer = torch.optim.SGD(
        [{"params": decayed, "weight_decay": hyper["weightDecay"]}, {"params": not_decayed, "weight_decay": 0.0}],
        lr=hyper["learningRate"],
        momentum=hyper["momentum"],
    )

    def named_parameters():
        return {name: to_tfjs(layout, p) for name, (p, layout) in entries.items()}

    def named_gradients():
        return {name: to_tfjs(layout, p.grad) for name, (p, layout) in entries.items()}

    def named_statistics():
        return {name: to_tfjs("vector", t) for name, t in statistics.items()}

    def scalar(value):
        return {"shape": [], "data": [value]}

    def gradient_norms():
        """||grad|| per layer: a conv kernel alone; a BN's gamma and beta together; the FC's weight and bias."""
        squares = {}
        for name, (p, layout) in entries.items():
            layer = name if layout == "conv" else name.rsplit("/", 1)[0]
            squares[layer] = squares.get(layer, 0.0) + float(p.grad.double().pow(2).sum())
        return {layer: scalar(total ** 0.5) for layer, total in squares.items()}

    # Fig. 7: the std of each main-path BN's output (after BN, before the ReLU and the addition) over the whole
    # tensor, divided by N, in the first training forward pass only.
    response_stds = {}

    def hook_for(name):
        def hook(_module, _inputs, output):
            if name not in response_stds:
                response_stds[name] = scalar(float(output.detach().double().std(unbiased=False)))
        return hook

    hooks = [bn.register_forward_hook(hook_for(name)) for name, bn in net.response_layers()]

    def forward_backward():
        optimizer.zero_grad()
        logits = net(x)
        loss = F.cross_entropy(logits, labels)
        loss.backward()
        return logits, loss

    net.train()
    logits, loss = forward_backward()
    for hook in hooks:
        hook.remove()
    results = {
        "trainLogits": to_tfjs("vector", logits),
        "loss": loss.item(),
        "gradients": named_gradients(),
        "gradientNorms": gradient_norms(),
        "responseStds": response_stds,
        "statisticsAfterStep1": named_statistics(),
    }
    net.eval()
    with torch.no_grad():
        results["evalLogits"] = to_tfjs("vector", net(x))
    net.train()
    optimizer.step()
    results["parametersAfterStep1"] = named_parameters()
    _, loss2 = forward_backward()
    results["loss2"] = loss2.item()
    results["gradientsStep2"] = named_gradients()
    optimizer.step()
    results["parametersAfterStep2"] = named_parameters()
    results["statisticsAfterStep2"] = named_statistics()
    results["torchVersion"] = torch.__version__
    with open(out_path, "w") as f:
        json.dump(results, f)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    main(sys.argv[1], sys.argv[2])
