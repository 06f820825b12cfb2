#!/usr/bin/env python3
"""The residual-learning playground's experiment, with PyTorch, on a CPU, one GPU, or many (torchrun).

He, Zhang, Ren, Sun, "Deep Residual Learning for Image Recognition" (2015), CIFAR-10 (section 4.2): the same
networks and the same recipe as the browser app this folder was exported from, so the curves it writes can be
imported back into the app and drawn beside the browser's runs.

    python residual_playground.py                               # CPU or one GPU
    torchrun --nproc_per_node=8 residual_playground.py          # one machine, 8 GPUs (DistributedDataParallel)
    python residual_playground.py --seeds 0 1 2 3 4             # Table 6's mean +- std over 5 seeds
    python residual_playground.py --resume                      # continue from the checkpoints after a crash

What "the same" means here, and how it is checked (the app's reference tests load the app's initial weights into
this file's network and compare logits, loss, gradients and SGD steps with the app's to 1e-4):
- networks: 6n+2 layers (9n+2 bottleneck), conv without bias + BN, ReLU after the addition, option A shortcuts
  (stride-2 subsampling, zero channels appended) or B (1x1 projection + BN); the app's parameter names;
- initialisation: He normal (fan-in) for convs, PyTorch's nn.Linear default for the FC layer, BN gamma 1, beta 0;
  or, where the folder has them, the app's own initial weights for the app's seed (weights/*.safetensors);
- data: the same per-pixel mean image, the same shuffling and pad-4 crop + flip draws as the app for the same
  seed (the app's sfc32 generator, reimplemented below), the last partial batch dropped, the 45k/5k split;
- optimisation: SGD momentum 0.9, weight decay 1e-4 on conv and FC weights only, lr 0.1 divided by 10 at 50% and
  75% of the run, ResNet-110's warm-up (lr 0.01 until a training window's error is below 80%);
- batch norm over the whole batch of the experiment (128), also across GPUs: the global batch is split over
  the processes and BN statistics are summed over all of them, so any number of GPUs trains the same network;
- measurements: the app's training-error windows (the first after 3 steps, then 1/20 of an epoch, and one ending
  at every evaluation) and test evaluations, written as the app's JSON import format while it trains.
"""
import argparse
import hashlib
import json
import math
import os
import sys
import tarfile
import time
import urllib.request

import torch
import torch.distributed as dist
import torch.nn as nn
import torch.nn.functional as F

# ---- The recipe's constants (section 4.2), as the app defines them (src/config.ts) ----
PAPER_ITERATIONS = 64_000  # "terminate training at 64k iterations"
LR_DROP_FRACTIONS = (0.5, 0.75)  # lr /10 at 32k and 48k of 64k
VALIDATION_IMAGES = 5_000  # the 45k/5k split
WARMUP_END_TRAIN_ERROR_PERCENT = 80  # ResNet-110: lr 0.01 until training error < 80%
WARMUP_LR_DIVISOR = 10
BN_EPSILON = 1e-5  # PyTorch's default, as the app's
BN_MOMENTUM = 0.1
CROP_PADDING = 4  # "4 pixels are padded on each side"
FIRST_POINT_STEPS = 3  # the app's first chart point comes after 3 steps
POINTS_PER_EPOCH = 20  # then a training-error window every 1/20 of an epoch
DATA_SEED_OFFSET = 0x9E3779B9  # the app seeds its data generator with seed + this
EVAL_BATCH = 1000

EXPERIMENT_FORMAT = "residual-playground-experiment"
RUNS_FORMAT = "residual-playground-runs"
RUNS_VERSION = 1
WEIGHTS_FORMAT = "residual-playground-weights"

CIFAR_URL = "https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz"
CIFAR_MD5 = "c32a1d4ab5d03f1284b67883e8d87530"
TRAIN_FILES = [f"data_batch_{i}.bin" for i in range(1, 6)]
TEST_FILE = "test_batch.bin"
RECORD_BYTES = 1 + 3 * 32 * 32

MASK32 = 0xFFFFFFFF


# ---- The app's random numbers (src/data/random.ts): sfc32 seeded through splitmix32 ----
class Random:
    """Chris Doty-Humphrey's sfc32, exactly as the app draws it, so a seed gives the app's batches."""

    def __init__(self, seed):
        state = seed & MASK32
        words = []
        for _ in range(4):
            state = (state + 0x9E3779B9) & MASK32
            z = state ^ (state >> 16)
            z = (z * 0x21F0AAAD) & MASK32
            z ^= z >> 15
            z = (z * 0x735A2D97) & MASK32
            words.append(z ^ (z >> 15))
        self.a, self.b, self.c, self.d = words
        for _ in range(12):
            self.next_uint32()

    def next_uint32(self):
        a, b, c, d = self.a, self.b, self.c, self.d
        t = (a + b + d) & MASK32
        self.d = (d + 1) & MASK32
        self.a = b ^ (b >> 9)
        self.b = (c + (c << 3)) & MASK32
        c = ((c << 21) | (c >> 11)) & MASK32
        self.c = (c + t) & MASK32
        return t

    def next(self):
        return self.next_uint32() / 2**32

    def int(self, max_exclusive):
        """Uniform in [0, max_exclusive) without modulo bias (rejection, as the app)."""
        limit = 2**32 - (2**32 % max_exclusive)
        while True:
            draw = self.next_uint32()
            if draw < limit:
                return draw % max_exclusive

    def get_state(self):
        return [self.a, self.b, self.c, self.d]

    @staticmethod
    def from_state(words):
        random = Random(0)
        random.a, random.b, random.c, random.d = (int(w) & MASK32 for w in words)
        return random


def shuffle_in_place(items, rng):
    """Fisher-Yates, drawing rng.int(i + 1) for i = n-1..1, as the app."""
    for i in range(len(items) - 1, 0, -1):
        j = rng.int(i + 1)
        items[i], items[j] = items[j], items[i]


def draw_crops(rng, count):
    """Per image, in batch order: the crop's top and left in the 4-padded 40x40 image (0..8), then the flip."""
    span = 2 * CROP_PADDING + 1
    draws = []
    for _ in range(count):
        top = rng.int(span)
        left = rng.int(span)
        draws.append((top, left, rng.next() < 0.5))
    return draws


# ---- The run's length and schedule (src/engine/schedule.ts) ----
def run_length(config, available_train, available_test):
    split = config["validationSplit"]
    train_pool = max(0, available_train - VALIDATION_IMAGES) if split else available_train
    eval_pool = min(VALIDATION_IMAGES, available_train) if split else available_test
    train_images = min(config["trainSubset"] or train_pool, train_pool)
    eval_images = min(config["testSubset"] or eval_pool, eval_pool)
    per_epoch = train_images // config["batchSize"]
    if per_epoch == 0:
        total = 0
    else:
        total = PAPER_ITERATIONS if config["schedule"] == "paper" else per_epoch * config["epochs"]
    epochs_touched = 0 if per_epoch == 0 else -(-total // per_epoch)
    points = set()
    for epoch in range(epochs_touched):
        for k in range(1, config["evalsPerEpoch"] + 1):
            # JS Math.round: halves round up.
            points.add(epoch * per_epoch + max(1, math.floor(k * per_epoch / config["evalsPerEpoch"] + 0.5)))
    points = {p for p in points if p <= total}
    if total > 0:
        points.add(total)
    return {
        "trainImages": train_images,
        "evalImages": eval_images,
        "evaluatedOn": "validation" if split else "test",
        "iterationsPerEpoch": per_epoch,
        "totalIterations": total,
        "lrDropIterations": [math.floor(f * total + 0.5) for f in LR_DROP_FRACTIONS],
        "evaluationIterations": sorted(points),
    }


def learning_rate_at(iteration, length, config, warming_up):
    """The lr of the step with 0-based index `iteration`: base, /10 from the first drop, /100 from the second."""
    if warming_up:
        return config["learningRate"] / WARMUP_LR_DIVISOR
    drops = sum(1 for drop in length["lrDropIterations"] if iteration >= drop)
    return config["learningRate"] / 10**drops


# ---- CIFAR-10, official binary version ----
def ensure_cifar(directory, download):
    """The folder with data_batch_1..5.bin and test_batch.bin; downloads and checks the official archive if absent."""
    if all(os.path.exists(os.path.join(directory, name)) for name in TRAIN_FILES + [TEST_FILE]):
        return directory
    nested = os.path.join(directory, "cifar-10-batches-bin")
    if all(os.path.exists(os.path.join(nested, name)) for name in TRAIN_FILES + [TEST_FILE]):
        return nested
    if not download:
        raise SystemExit(f"CIFAR-10 is not in {directory} (data_batch_1..5.bin, test_batch.bin); drop --no-download to fetch it")
    os.makedirs(directory, exist_ok=True)
    archive = os.path.join(directory, "cifar-10-binary.tar.gz")
    if not os.path.exists(archive):
        print(f"Downloading CIFAR-10 (163 MiB) from {CIFAR_URL}", flush=True)
        urllib.request.urlretrieve(CIFAR_URL, archive + ".part")
        os.replace(archive + ".part", archive)
    digest = hashlib.md5()
    with open(archive, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    if digest.hexdigest() != CIFAR_MD5:
        raise SystemExit(f"{archive} is damaged (MD5 {digest.hexdigest()}, expected {CIFAR_MD5}): delete it and run again")
    with tarfile.open(archive) as tar:
        for member in tar.getmembers():
            if member.isfile() and os.path.basename(member.name) in TRAIN_FILES + [TEST_FILE, "batches.meta.txt"]:
                member.name = os.path.basename(member.name)
                tar.extract(member, nested)
    return nested


def read_split(directory, names):
    """(images uint8 [N, 3, 32, 32], labels int64 [N]) from official .bin files, records concatenated in order."""
    data = bytearray()
    for name in names:
        with open(os.path.join(directory, name), "rb") as f:
            data += f.read()
    if len(data) % RECORD_BYTES != 0:
        raise SystemExit(f"{directory}: {names} are not whole CIFAR-10 records of {RECORD_BYTES} bytes")
    records = torch.frombuffer(data, dtype=torch.uint8).reshape(-1, RECORD_BYTES)
    return records[:, 1:].reshape(-1, 3, 32, 32).clone(), records[:, 0].long()


def run_splits(dataset, config):
    """Training images, evaluation images and the per-pixel mean (src/engine/holdout.ts): with the 45k/5k split the
    last 5,000 training images are evaluated and the mean is taken over the rest; else over all training images."""
    train_x, train_y, test_x, test_y = dataset
    if config["validationSplit"]:
        held = min(VALIDATION_IMAGES, len(train_x))
        keep = len(train_x) - held
        train, evaluation = (train_x[:keep], train_y[:keep]), (train_x[keep:], train_y[keep:])
        mean_over = train_x[:keep] if keep > 0 else train_x
    else:
        train, evaluation, mean_over = (train_x, train_y), (test_x, test_y), train_x
    # Summed in float64 (exact), rounded to float32 once, as the app.
    mean = mean_over.double().mean(dim=0).float()
    return train, evaluation, mean


# ---- The networks (src/model/) ----
class GlobalBatchNorm2d(nn.BatchNorm2d):
    """BN whose training statistics cover the whole batch across all processes (the experiment's 128 images,
    however many GPUs share them): per-channel sums are all-reduced, and gradients flow back through the sum."""

    group = None  # a process group of its own, so these sums never interleave with DDP's gradient buckets

    def forward(self, x):
        if not self.training or GlobalBatchNorm2d.group is None:
            return super().forward(x)
        from torch.distributed.nn.functional import all_reduce

        x32 = x.float()
        count = torch.tensor([x.shape[0] * x.shape[2] * x.shape[3]], dtype=torch.float32, device=x.device)
        total = all_reduce(torch.cat([x32.sum(dim=(0, 2, 3)), count]), group=GlobalBatchNorm2d.group)
        n = total[-1]
        mean = total[:-1] / n
        centred = x32 - mean.view(1, -1, 1, 1)
        var = all_reduce(centred.pow(2).sum(dim=(0, 2, 3)), group=GlobalBatchNorm2d.group) / n
        with torch.no_grad():
            self.running_mean.mul_(1 - BN_MOMENTUM).add_(mean.detach(), alpha=BN_MOMENTUM)
            self.running_var.mul_(1 - BN_MOMENTUM).add_(var.detach() * (n / (n - 1)), alpha=BN_MOMENTUM)
            self.num_batches_tracked += 1
        y = centred * torch.rsqrt(var + self.eps).view(1, -1, 1, 1)
        return (y * self.weight.view(1, -1, 1, 1) + self.bias.view(1, -1, 1, 1)).to(x.dtype)


class ConvBn(nn.Module):
    """One weighted layer (section 3.4): conv without bias, then BN ("right after each convolution")."""

    def __init__(self, cin, cout, kernel, stride):
        super().__init__()
        self.conv = nn.Conv2d(cin, cout, kernel, stride=stride, padding=(kernel - 1) // 2, bias=False)
        self.bn = GlobalBatchNorm2d(cout, eps=BN_EPSILON, momentum=BN_MOMENTUM)
        nn.init.kaiming_normal_(self.conv.weight, mode="fan_in", nonlinearity="relu")  # He init, std sqrt(2/fan_in)

    def forward(self, x):
        return self.bn(self.conv(x))


class OptionA(nn.Module):
    """Option A (section 3.3): identity with stride-2 subsampling, extra channels zero (appended), no parameters."""

    def __init__(self, stride, extra_channels):
        super().__init__()
        self.stride = stride
        self.extra = extra_channels

    def forward(self, x):
        if self.stride == 2:
            x = x[:, :, ::2, ::2]
        return F.pad(x, (0, 0, 0, 0, 0, self.extra))


class Block(nn.Module):
    """A plain block computes relu(F(x)); a residual block relu(F(x) + x) (section 3.2, Eqn. 1)."""

    def __init__(self, cin, inner, cout, stride, model):
        super().__init__()
        if model["block"] == "basic":  # F = BN(conv3x3(relu(BN(conv3x3(x)))))
            layers = [ConvBn(cin, inner, 3, stride), ConvBn(inner, cout, 3, 1)]
        else:  # bottleneck 1x1-3x3-1x1 (an extension on CIFAR)
            layers = [ConvBn(cin, inner, 1, 1), ConvBn(inner, inner, 3, stride), ConvBn(inner, cout, 1, 1)]
        self.residual_function = nn.ModuleList(layers)
        self.residual = model["blockType"] == "residual"
        self.shortcut = None
        if self.residual:
            if stride == 1 and cin == cout:
                self.shortcut = nn.Identity()
            elif model["shortcut"] == "A":
                self.shortcut = OptionA(stride, cout - cin)
            else:  # option B: projection W_s x
                self.shortcut = ConvBn(cin, cout, 1, stride)

    def F(self, x):
        for i, layer in enumerate(self.residual_function):
            x = layer(x if i == 0 else F.relu(x))
        return x

    def forward(self, x):
        if self.residual:
            return F.relu(self.F(x) + self.shortcut(x))
        return F.relu(self.F(x))


class Network(nn.Module):
    """Section 4.2: a 3x3 stem of `width` filters, three stages of n blocks on 32, 16 and 8 pixel maps with
    width, 2 width, 4 width filters, global average pooling and a 10-way FC layer."""

    def __init__(self, model):
        super().__init__()
        per_block = 2 if model["block"] == "basic" else 3
        n, remainder = divmod(model["depth"] - 2, 3 * per_block)
        if remainder != 0 or n < 1:
            raise ValueError(f"depth {model['depth']} is not {3 * per_block}n+2 for {model['block']} blocks")
        expansion = 1 if model["block"] == "basic" else 4
        width = model["width"]
        self.model = dict(model)
        self.stem = ConvBn(3, width, 3, 1)
        channels = width
        stages = []
        for s in range(3):
            inner = width * 2**s
            blocks = []
            for b in range(n):
                stride = 2 if s > 0 and b == 0 else 1
                blocks.append(Block(channels, inner, inner * expansion, stride, model))
                channels = inner * expansion
            stages.append(nn.ModuleList(blocks))
        self.stages = nn.ModuleList(stages)
        self.fc = nn.Linear(channels, 10)  # PyTorch's default init, as the app: U(+-1/sqrt(fan_in))

    def forward(self, x):
        h = F.relu(self.stem(x))
        for stage in self.stages:
            for block in stage:
                h = block(h)
        return self.fc(h.mean(dim=(2, 3)))

    def conv_bns(self):
        """(ConvBn, the app's scope, the app's suffix) in the app's order."""
        yield self.stem, "stem", ""
        for s, stage in enumerate(self.stages):
            for b, block in enumerate(stage):
                for i, layer in enumerate(block.residual_function):
                    yield layer, f"stage{s + 1}/block{b}", str(i + 1)
                if isinstance(block.shortcut, ConvBn):
                    yield block.shortcut, f"stage{s + 1}/block{b}/shortcut", ""

    def app_tensors(self):
        """(the app's name, tensor, layout, weight-decayed) for every parameter and BN statistic."""
        for layer, scope, suffix in self.conv_bns():
            yield f"{scope}/conv{suffix}", layer.conv.weight, "conv", True
            yield f"{scope}/bn{suffix}/gamma", layer.bn.weight, "vector", False
            yield f"{scope}/bn{suffix}/beta", layer.bn.bias, "vector", False
        yield "fc/kernel", self.fc.weight, "fc", True
        yield "fc/bias", self.fc.bias, "vector", False
        for layer, scope, suffix in self.conv_bns():
            yield f"{scope}/bn{suffix}/runningMean", layer.bn.running_mean, "vector", None
            yield f"{scope}/bn{suffix}/runningVariance", layer.bn.running_var, "vector", None


def build_network(model):
    return Network(model)


def count_trainable_parameters(network):
    """The paper's count: conv weights, BN gamma and beta, FC weight and bias (not BN running statistics)."""
    return sum(p.numel() for p in network.parameters() if p.requires_grad)


def model_name(model):
    """The app's name for a network, e.g. 'ResNet-56 (option B, bottleneck)' or 'plain-20'."""
    base = f"ResNet-{model['depth']}" if model["blockType"] == "residual" else f"plain-{model['depth']}"
    parts = []
    if model["blockType"] == "residual":
        parts.append(f"option {model['shortcut']}")
    if model["block"] == "bottleneck":
        parts.append("bottleneck")
    if model["width"] != 16:
        parts.append(f"width {model['width']}")
    return f"{base} ({', '.join(parts)})" if parts else base


# ---- The app's weights files (src/export/weightsFile.ts: safetensors, the app's names, tfjs layouts) ----
def read_safetensors(path):
    with open(path, "rb") as f:
        data = f.read()
    header_length = int.from_bytes(data[:8], "little")
    header = json.loads(data[8 : 8 + header_length])
    metadata = header.pop("__metadata__", {})
    start = 8 + header_length
    tensors = {}
    for name, entry in header.items():
        if entry["dtype"] != "F32":
            raise ValueError(f"{path}: {name} is {entry['dtype']}, expected F32")
        begin, end = entry["data_offsets"]
        raw = bytearray(data[start + begin : start + end])
        values = torch.frombuffer(raw, dtype=torch.float32) if raw else torch.zeros(0)
        if sys.byteorder != "little":
            values = values.byteswap()
        tensors[name] = values.reshape(entry["shape"])
    return tensors, metadata


def load_app_weights(network, path):
    """Copies the app's initial weights (tfjs layouts: conv HWIO, FC [in, out]) into the network."""
    tensors, metadata = read_safetensors(path)
    if metadata.get("format") != WEIGHTS_FORMAT:
        raise ValueError(f"{path} is not a weights file of the app")
    expected = {name: (t, layout) for name, t, layout, _ in network.app_tensors()}
    if set(tensors) != set(expected):
        raise ValueError(
            f"{path} does not fit {model_name(network.model)}: only in the file {sorted(set(tensors) - set(expected))}, "
            f"only in the network {sorted(set(expected) - set(tensors))}"
        )
    with torch.no_grad():
        for name, (target, layout) in expected.items():
            value = tensors[name]
            if layout == "conv":
                value = value.permute(3, 2, 0, 1)
            elif layout == "fc":
                value = value.t()
            if tuple(value.shape) != tuple(target.shape):
                raise ValueError(f"{path}: {name} has shape {list(value.shape)}, the network {list(target.shape)}")
            target.copy_(value)
    return metadata


# ---- One SGD step (src/engine/sgd.ts, trainStep.ts) ----
def make_optimizer(network, config):
    """SGD with momentum; L2 weight decay on conv and FC weights only (not BN gamma/beta, not the FC bias).
    PyTorch's semantics are the app's: buf = m buf + (g + wd p); p -= lr buf."""
    decayed = [t for _, t, _, decay in network.app_tensors() if decay is True]
    others = [t for _, t, _, decay in network.app_tensors() if decay is False]
    return torch.optim.SGD(
        [{"params": decayed, "weight_decay": config["weightDecay"]}, {"params": others, "weight_decay": 0.0}],
        lr=config["learningRate"],
        momentum=config["momentum"],
    )


def train_step(model, optimizer, x, labels, learning_rate, autocast=None):
    """Forward in training mode, mean cross-entropy over the batch, backward, one SGD step. Returns the logits
    and the loss (tensors, not read back: the loop reads windows, not steps)."""
    for group in optimizer.param_groups:
        group["lr"] = learning_rate
    optimizer.zero_grad(set_to_none=True)
    with autocast() if autocast else _nothing():
        logits = model(x)
    loss = F.cross_entropy(logits.float(), labels)
    loss.backward()
    optimizer.step()
    return logits, loss


class _nothing:
    def __enter__(self):
        return self

    def __exit__(self, *_):
        return False


# ---- Where the script runs ----
class Place:
    """This process's rank and device, and how the whole job is spread."""

    def __init__(self, device_choice, precision):
        self.distributed = "WORLD_SIZE" in os.environ and int(os.environ["WORLD_SIZE"]) > 1
        use_cuda = torch.cuda.is_available() and device_choice != "cpu"
        if device_choice == "cuda" and not torch.cuda.is_available():
            raise SystemExit("--device cuda: PyTorch sees no CUDA GPU here")
        self.rank = 0
        self.world = 1
        local_rank = int(os.environ.get("LOCAL_RANK", "0"))
        if use_cuda:
            torch.cuda.set_device(local_rank)
            self.device = torch.device("cuda", local_rank)
        else:
            self.device = torch.device("cpu")
        if self.distributed:
            dist.init_process_group("nccl" if use_cuda else "gloo")
            self.rank = dist.get_rank()
            self.world = dist.get_world_size()
            GlobalBatchNorm2d.group = dist.new_group()
        self.precision = precision
        if use_cuda:
            torch.backends.cudnn.benchmark = True  # fixed shapes: pick the fastest convolutions once
            allow = precision == "tf32"
            torch.backends.cuda.matmul.allow_tf32 = allow
            torch.backends.cudnn.allow_tf32 = allow

    @property
    def is_main(self):
        return self.rank == 0

    def describe(self):
        if self.device.type == "cuda":
            what = f"{self.world}x {torch.cuda.get_device_name(self.device)}"
        else:
            threads = torch.get_num_threads()
            plural = "thread" if threads == 1 else "threads"
            what = f"{self.world}x CPU ({threads} {plural} each)" if self.world > 1 else f"CPU ({threads} {plural})"
        if "TORCHELASTIC_RUN_ID" in os.environ or self.distributed:
            what += " via torchrun"
        return what

    def autocast(self):
        if self.precision != "bf16":
            return None
        return lambda: torch.autocast(device_type=self.device.type, dtype=torch.bfloat16)

    def sum(self, values):
        """Sums a small float64 vector over the processes."""
        t = torch.tensor(values, dtype=torch.float64, device=self.device)
        if self.world > 1:
            dist.all_reduce(t)
        return t.tolist()


# ---- Batches on the device (src/data/batch.ts: the same pixels as the app's for the same draws) ----
class DeviceData:
    def __init__(self, train, evaluation, mean, place):
        self.device = place.device
        self.train_x = train[0].to(place.device)
        self.train_y = train[1].to(place.device)
        self.eval_x = evaluation[0].to(place.device)
        self.eval_y = evaluation[1].to(place.device)
        self.mean = mean.to(place.device)
        self.rows = torch.arange(32, device=place.device)

    def epoch_plan(self, order, rng, steps, batch, augment):
        """Every batch of an epoch as [steps, batch, (image, top, left, flip)] on the device, drawn in the app's
        order (the shuffle, then per batch and image: top, left, flip). One copy to the GPU per epoch: a copy per
        step would make the CPU wait for the GPU every step."""
        shuffle_in_place(order, rng)
        used = order[: steps * batch]
        draws = draw_crops(rng, len(used)) if augment else [(CROP_PADDING, CROP_PADDING, False)] * len(used)
        rows = [[image, top, left, int(flip)] for image, (top, left, flip) in zip(used, draws)]
        return torch.tensor(rows, dtype=torch.long).reshape(steps, batch, 4).to(self.device)

    def training_batch(self, plan):
        """Images minus the mean image, zero-padded by 4, cropped at (top, left), mirrored where drawn."""
        images, top, left, flip = plan.unbind(1)
        x = self.train_x[images].float() - self.mean
        padded = F.pad(x, (CROP_PADDING,) * 4)
        rows = top[:, None] + self.rows[None, :]
        columns = torch.where(flip[:, None].bool(), 31 - self.rows[None, :], self.rows[None, :]) + left[:, None]
        b = torch.arange(len(images), device=self.device)
        c = torch.arange(3, device=self.device)
        x = padded[b[:, None, None, None], c[None, :, None, None], rows[:, None, :, None], columns[:, None, None, :]]
        return x.contiguous(), self.train_y[images]


# ---- What the app measures inside the networks (src/diagnostics/diagnostics.ts), for its diagnostics panels ----
def _stage_of(layer):
    """0 = the stem, 1..3 = the three stages of section 4.2, 4 = the FC layer."""
    if layer.startswith("stem/"):
        return 0
    if layer == "fc":
        return 4
    return int(layer.split("/")[0][len("stage"):])


class Diagnostics:
    """On the step that ends each training-error window: every layer's gradient norm (a conv; a BN's gamma and
    beta together; the FC's weight and bias together; the loss's gradient without weight decay, as p.grad) and
    the std of each main-path BN's output over the whole batch (Fig. 7: after BN, before the ReLU and the
    addition). The app's layout, names and order, so its panels draw PyTorch runs like its own."""

    def __init__(self, network):
        trainable = [(name, t) for name, t, _, decay in network.app_tensors() if decay is not None]
        rows, row_index, self.row_of = [], {}, []
        for name, _ in trainable:
            kind = "fc" if name.startswith("fc/") else "bn" if name.rsplit("/", 1)[1] in ("gamma", "beta") else "conv"
            layer = name if kind == "conv" else name.rsplit("/", 1)[0]
            if layer not in row_index:
                row_index[layer] = len(rows)
                rows.append({"name": layer, "kind": kind, "stage": _stage_of(layer)})
            self.row_of.append(row_index[layer])
        self.parameters = [t for _, t in trainable]
        self.row_of = torch.tensor(self.row_of, device=self.parameters[0].device)
        layers = {f"{scope}/bn{suffix}": layer for layer, scope, suffix in network.conv_bns()}
        responses = [row["name"] for row in rows if row["kind"] == "bn" and "/shortcut/" not in row["name"]]
        self.layout = {
            "gradientLayers": rows,
            "responseLayers": [{"name": n, "stage": _stage_of(n), "kernelSize": layers[n].conv.kernel_size[0]} for n in responses],
        }
        self.response_modules = [layers[n].bn for n in responses]
        self.hooks = []
        self.sums = None

    def record_responses(self):
        """Taps the main-path BNs for the next forward pass: sum, sum of squares and count of each output."""
        device = self.parameters[0].device
        self.sums = torch.zeros(3, len(self.response_modules), dtype=torch.float64, device=device)

        def tap(i):
            def hook(_module, _inputs, output):
                y = output.detach().double()
                self.sums[:, i] += torch.stack([y.sum(), y.pow(2).sum(), torch.tensor(float(y.numel()), dtype=torch.float64, device=y.device)])
            return hook

        self.hooks = [module.register_forward_hook(tap(i)) for i, module in enumerate(self.response_modules)]

    def sample(self, iteration, place):
        """After the step's backward: the sample, in the app's format (summed over the processes)."""
        for hook in self.hooks:
            hook.remove()
        self.hooks = []
        squares = torch.zeros(len(self.layout["gradientLayers"]), dtype=torch.float64, device=self.sums.device)
        with torch.no_grad():
            grads = torch.stack([p.grad.double().pow(2).sum() for p in self.parameters])
            squares.index_add_(0, self.row_of, grads)
        totals = place.sum(torch.cat([squares, self.sums.reshape(-1)]).tolist())
        rows = len(squares)
        # DDP leaves every process the same averaged gradient: its sum over the processes counts it `world` times.
        norms = [math.sqrt(max(v, 0.0) / place.world) for v in totals[:rows]]
        r = len(self.response_modules)
        sums, squared, counts = totals[rows : rows + r], totals[rows + r : rows + 2 * r], totals[rows + 2 * r :]
        stds = [math.sqrt(max(q / n - (m / n) ** 2, 0.0)) for m, q, n in zip(sums, squared, counts)]
        return {"iteration": iteration, "gradientNorms": norms, "responseStds": stds}


# ---- One run ----
class Divergence(Exception):
    pass


def evaluate(network, data, count, place, autocast, diagnostics=False):
    """Error (%) and mean loss in eval mode (BN running statistics) on the first `count` evaluation images, the
    single original image each (no test-time augmentation), shared out over the processes. With `diagnostics`,
    also the 10x10 confusion counts and each image's three likeliest classes with their probabilities (%)."""
    network.eval()
    share = -(-count // place.world)
    start, end = place.rank * share, min(count, (place.rank + 1) * share)
    loss_sum = torch.zeros((), dtype=torch.float64, device=place.device)
    correct = torch.zeros((), dtype=torch.float64, device=place.device)
    confusion = torch.zeros(100, dtype=torch.float64, device=place.device)
    top3 = []
    with torch.no_grad():
        for first in range(start, end, EVAL_BATCH):
            last = min(end, first + EVAL_BATCH)
            x = data.eval_x[first:last].float() - data.mean
            labels = data.eval_y[first:last]
            with autocast() if autocast else _nothing():
                logits = network(x.contiguous(memory_format=_memory_format(place))).float()
            loss_sum += F.cross_entropy(logits, labels, reduction="sum").double()
            predicted = logits.argmax(dim=1)
            correct += (predicted == labels).sum().double()
            if diagnostics:
                confusion += torch.bincount(labels * 10 + predicted, minlength=100).double()
                probabilities, classes = logits.softmax(dim=1).topk(3, dim=1)
                top3.append(torch.cat([classes.double(), torch.floor(100 * probabilities.double() + 0.5)], dim=1).cpu())
    network.train()
    totals = place.sum([loss_sum.item(), correct.item(), *(confusion.tolist() if diagnostics else [])])
    result = {"testError": 100 * (1 - totals[1] / count), "testLoss": totals[0] / count}
    if diagnostics:
        mine = torch.cat(top3) if top3 else torch.zeros(0, 6, dtype=torch.float64)
        shares = [mine]
        if place.world > 1:  # every process's images, in order (the shares are contiguous by rank)
            shares = [None] * place.world
            dist.all_gather_object(shares, mine)
        rows = torch.cat(shares).long()
        result["confusion"] = [int(round(v)) for v in totals[2:]]
        result["top3Classes"] = rows[:, :3].reshape(-1).tolist()
        result["top3Percent"] = rows[:, 3:].reshape(-1).tolist()
    return result


def _memory_format(place):
    # channels_last lets cuDNN use its fastest convolutions; on the CPU the default layout is as fast.
    return torch.channels_last if place.device.type == "cuda" else torch.contiguous_format


def new_run_entry(config, seed, several_seeds, place, length, parameters):
    """One run in the app's export format (src/export/exportFormat.ts), as it starts."""
    name = model_name(config["model"])
    return {
        "id": f"pytorch-{seed}-{name}",
        "name": f"{name}, seed {seed}" if several_seeds else name,
        "label": f"{name}, seed {seed}" if several_seeds else None,
        "network": name,
        "config": config,
        "seed": seed,
        "backend": None,
        "device": None,
        "state": "running",
        "message": None,
        "experimentId": None,
        "importedFrom": None,
        "createdAt": int(time.time() * 1000),
        "trainableParameters": parameters,
        "iterationsPerEpoch": length["iterationsPerEpoch"],
        "totalIterations": length["totalIterations"],
        "lrDropIterations": length["lrDropIterations"],
        "train": [],
        "test": [],
        "elsewhere": {
            "framework": f"PyTorch {torch.__version__}",
            "device": place.describe(),
            "processes": place.world,
            "precision": place.precision,
            "wallSeconds": 0.0,
            "script": os.path.basename(__file__),
        },
    }


# What a checkpoint keeps of the run's entry: what it measured so far, and where and how long it trained.
KEPT_FIELDS = ("train", "test", "createdAt", "diagnostics", "elsewhere")


def checkpoint_path(directory, run_index, seed):
    return os.path.join(directory, f"run{run_index + 1}-seed{seed}.pt")


def write_atomically(path, write):
    temporary = path + ".part"
    write(temporary)
    os.replace(temporary, path)  # a crash mid-write keeps the previous file


def train_run(run, seed, experiment, args, place, dataset, results):
    """Trains one network with one seed; returns False when the time limit stopped it (resumable)."""
    config = dict(run["config"], seed=seed)
    train, evaluation, mean = run_splits(dataset, config)
    length = run_length(config, len(dataset[0]), len(dataset[2]))
    per_epoch, total = length["iterationsPerEpoch"], length["totalIterations"]
    if per_epoch == 0:
        raise SystemExit(f"{model_name(config['model'])}: fewer training images than one batch of {config['batchSize']}")
    if config["batchSize"] % place.world != 0:
        raise SystemExit(f"the batch of {config['batchSize']} images cannot be split evenly over {place.world} processes")
    local_batch = config["batchSize"] // place.world
    read_every = max(1, -(-per_epoch // POINTS_PER_EPOCH))
    eval_points = set(length["evaluationIterations"])

    torch.manual_seed(seed)
    network = build_network(config["model"]).to(place.device, memory_format=_memory_format(place))
    weights = run.get("initialWeights")
    if weights and seed == run["config"]["seed"] and not args.pytorch_init:
        load_app_weights(network, os.path.join(os.path.dirname(os.path.abspath(args.experiment)), weights))
    entry = new_run_entry(config, seed, len(args.seeds) > 1, place, length, count_trainable_parameters(network))
    results.append(entry)
    diagnostics = None if args.no_diagnostics else Diagnostics(network)
    entry["diagnostics"] = {"layout": diagnostics.layout, "training": [], "evaluations": [], "predictions": None} if diagnostics else None
    optimizer = make_optimizer(network, config)
    model = network
    if place.world > 1:
        model = nn.parallel.DistributedDataParallel(
            network, device_ids=[place.device.index] if place.device.type == "cuda" else None, broadcast_buffers=False
        )
    data = DeviceData(train, evaluation, mean, place)
    evaluated_labels = data.eval_y[: length["evalImages"]].tolist() if diagnostics else None
    rng = Random((seed + DATA_SEED_OFFSET) & MASK32)
    order = list(range(length["trainImages"]))
    warming_up = bool(config["warmup"])
    done = 0
    wall_before = 0.0

    path = checkpoint_path(args.checkpoints, run["index"], seed)
    if args.resume and os.path.exists(path):
        saved = torch.load(path, map_location=place.device)
        if saved["config"] != config:
            raise SystemExit(f"{path} was trained with other settings than {model_name(config['model'])} seed {seed} now")
        entry.update({field: saved[field] for field in KEPT_FIELDS})
        if saved.get("failed"):  # it diverged: training it again would diverge the same way
            entry.update(state="failed", message=saved["failed"])
            if place.is_main:
                print(f"{entry['name']}: kept as failed ({saved['failed']}); delete {path} to train it again", flush=True)
            return True
        if saved["finished"]:
            entry["state"] = "finished"
            return True
        network.load_state_dict(saved["network"])
        optimizer.load_state_dict(saved["optimizer"])
        rng = Random.from_state(saved["rng"])
        order, warming_up, done = saved["order"], saved["warmingUp"], saved["iteration"]
        wall_before = entry["elsewhere"]["wallSeconds"]
        if place.is_main:
            print(f"{entry['name']}: resuming at iteration {done:,} of {total:,}", flush=True)

    autocast = place.autocast()
    started = time.time()
    # Training speed between evaluations (images/s): the window read just before an evaluation waits for the
    # device, so the clock there is true; evaluation time is left out.
    speed_mark = (time.time(), done)
    window = torch.zeros(2, dtype=torch.float64, device=place.device)  # this process's loss sum (of batch means), hits

    def record_wall_time():
        entry["elsewhere"]["wallSeconds"] = round(wall_before + time.time() - started, 3)

    def save(finished):
        if not place.is_main:
            return
        record_wall_time()
        state = {
            "config": config, "network": network.state_dict(), "optimizer": optimizer.state_dict(), "rng": rng.get_state(),
            "order": order, "warmingUp": warming_up, "iteration": done, "finished": finished,
            **{field: entry[field] for field in KEPT_FIELDS},
        }
        write_atomically(path, lambda p: torch.save(state, p))

    try:
        for iteration in range(done, total):
            step_in_epoch = iteration % per_epoch
            if step_in_epoch == 0:
                plan = data.epoch_plan(order, rng, per_epoch, config["batchSize"], config["augment"])
            mine = plan[step_in_epoch, place.rank * local_batch : (place.rank + 1) * local_batch]
            x, labels = data.training_batch(mine)
            learning_rate = learning_rate_at(iteration, length, config, warming_up)
            # Decided before the step, so the step that ends a window is the one the diagnostics measure.
            done = iteration + 1
            window_steps = min(read_every, FIRST_POINT_STEPS) if done <= FIRST_POINT_STEPS else read_every
            steps_in_window = done - (entry["train"][-1]["iteration"] if entry["train"] else 0)
            window_ends = steps_in_window >= window_steps or done in eval_points or done == total
            if diagnostics and window_ends:
                diagnostics.record_responses()
            logits, loss = train_step(model, optimizer, x.contiguous(memory_format=_memory_format(place)), labels, learning_rate, autocast)
            with torch.no_grad():
                window += torch.stack([loss.detach().double(), (logits.argmax(dim=1) == labels).sum().double()])
            if window_ends:
                loss_sum, correct = place.sum(window.tolist())
                loss_mean = loss_sum / (steps_in_window * place.world)  # the mean of every process's share means
                error = 100 * (1 - correct / (steps_in_window * config["batchSize"]))
                if not math.isfinite(loss_mean):
                    raise Divergence(f"Diverged at iteration {done}: the loss became {loss_mean}, so training stopped.")
                entry["train"].append(
                    {"iteration": done, "epoch": done / per_epoch, "trainError": error, "trainLoss": loss_mean, "learningRate": learning_rate}
                )
                if diagnostics:
                    entry["diagnostics"]["training"].append(diagnostics.sample(done, place))
                window.zero_()
                if warming_up and error < WARMUP_END_TRAIN_ERROR_PERCENT:
                    warming_up = False
            if done in eval_points:
                images_per_second = (done - speed_mark[1]) * config["batchSize"] / max(time.time() - speed_mark[0], 1e-9)
                evaluation = evaluate(network, data, length["evalImages"], place, autocast, diagnostics is not None)
                test_error = evaluation["testError"]
                entry["test"].append({"iteration": done, "epoch": done / per_epoch, "testError": test_error, "testLoss": evaluation["testLoss"]})
                if diagnostics:
                    entry["diagnostics"]["evaluations"].append({"iteration": done, "confusion": evaluation["confusion"]})
                    # Kept for the newest evaluation only, as the app does.
                    entry["diagnostics"]["predictions"] = {
                        "iteration": done, "evaluatedOn": length["evaluatedOn"], "top3Classes": evaluation["top3Classes"],
                        "top3Percent": evaluation["top3Percent"], "labels": evaluated_labels,
                    }
                if place.is_main:
                    print(f"{entry['name']}: iteration {done:,}/{total:,} (epoch {done / per_epoch:.2f}) training error "
                          f"{entry['train'][-1]['trainError']:.2f}%, {length['evaluatedOn']} error {test_error:.2f}%, "
                          f"{images_per_second:,.0f} images/s", flush=True)
                speed_mark = (time.time(), done)
                record_wall_time()
                write_results(args.out, experiment, results, place)
            if done % per_epoch == 0 and done < total:
                save(finished=False)  # the evaluation that ends every epoch has just written the results
                # Every process must stop at the same step: one clock (the main process's) decides.
                out_of_time = args.time_limit is not None and time.time() - args.started >= args.time_limit * 60
                if place.sum([float(out_of_time and place.is_main)])[0] > 0:
                    entry["state"] = "stopped"
                    entry["message"] = f"Stopped by --time-limit at iteration {done:,} of {total:,}; --resume continues it."
                    write_results(args.out, experiment, results, place)
                    if place.is_main:
                        print(f"Time limit reached after iteration {done:,}: continue with --resume", flush=True)
                    return False
    except Divergence as divergence:
        entry["state"] = "failed"
        entry["message"] = f"{divergence} Try a smaller learning rate, or the warm-up (section 4.2)."
        if place.is_main:
            # Marked in its checkpoint (whose weights stay the last good ones), so --resume keeps it as it is.
            record_wall_time()
            marked = torch.load(path, map_location="cpu") if os.path.exists(path) else {"config": config}
            marked.update(failed=entry["message"], **{field: entry[field] for field in KEPT_FIELDS})
            write_atomically(path, lambda p: torch.save(marked, p))
        write_results(args.out, experiment, results, place)
        return True
    entry["state"] = "finished"
    save(finished=True)
    write_results(args.out, experiment, results, place)
    return True


def write_results(path, experiment, results, place):
    """The app's JSON import format, rewritten whole (atomically) after every evaluation and epoch."""
    if not place.is_main:
        return
    document = {
        "format": RUNS_FORMAT,
        "version": RUNS_VERSION,
        "exportedAt": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "chart": {"unit": "iterations", "smoothing": 0, "logScale": False, "reference": None},
        "runs": results,
    }

    def write(p):
        with open(p, "w") as f:
            json.dump(document, f)

    write_atomically(path, write)


def summarise(results):
    """Table 6's way: per network, the final test error's best and mean +- std over seeds."""
    by_network = {}
    for entry in results:
        if entry["state"] == "finished" and entry["test"]:
            by_network.setdefault(entry["network"], []).append(entry["test"][-1]["testError"])
    lines = ["", "Final test error (%), over seeds:"]
    for network, errors in by_network.items():
        mean = sum(errors) / len(errors)
        std = math.sqrt(sum((e - mean) ** 2 for e in errors) / (len(errors) - 1)) if len(errors) > 1 else 0.0
        lines.append(f"  {network:<32} best {min(errors):6.2f}   mean {mean:6.2f} +- {std:.2f}   ({len(errors)} seeds)")
    return "\n".join(lines)


def parse_arguments(argv):
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--experiment", default=os.path.join(here, "experiment.json"), help="the experiment exported by the app")
    parser.add_argument("--data", default=os.path.join(here, "data"), help="CIFAR-10's binary files (downloaded here when absent)")
    parser.add_argument("--no-download", action="store_true", help="fail instead of downloading CIFAR-10")
    parser.add_argument("--out", default=os.path.join(here, "results.json"), help="the runs, in the app's import format")
    parser.add_argument("--checkpoints", default=os.path.join(here, "checkpoints"), help="one checkpoint per run and seed, each epoch")
    parser.add_argument("--resume", action="store_true", help="continue from the checkpoints (finished runs are kept)")
    parser.add_argument("--seeds", type=int, nargs="+", help="train every network with each seed (default: the experiment's)")
    parser.add_argument("--runs", type=int, nargs="+", help="only these networks of the experiment (1-based, as listed)")
    parser.add_argument("--device", choices=["auto", "cpu", "cuda"], default="auto")
    parser.add_argument("--precision", choices=["fp32", "tf32", "bf16"], default="fp32",
                        help="fp32: the app's arithmetic; tf32/bf16: faster on recent GPUs, slightly different numbers")
    parser.add_argument("--no-diagnostics", action="store_true",
                        help="record only the curves, not the app's gradient norms, layer responses (Fig. 7) and confusion matrices")
    parser.add_argument("--pytorch-init", action="store_true", help="ignore the app's initial weights; draw them with PyTorch")
    parser.add_argument("--time-limit", type=float, metavar="MINUTES",
                        help="stop at the first epoch end after this many minutes, checkpoint kept (for batch-queue limits)")
    return parser.parse_args(argv)


def load_experiment(path):
    with open(path) as f:
        experiment = json.load(f)
    if experiment.get("format") != EXPERIMENT_FORMAT or not isinstance(experiment.get("runs"), list) or not experiment["runs"]:
        raise SystemExit(f"{path} is not an experiment exported by the app (format {EXPERIMENT_FORMAT})")
    for index, run in enumerate(experiment["runs"]):
        run["index"] = index
    return experiment


def main(argv=None):
    args = parse_arguments(argv)
    args.started = time.time()
    experiment = load_experiment(args.experiment)
    args.seeds = args.seeds or experiment.get("seeds") or [experiment["runs"][0]["config"]["seed"]]
    runs = experiment["runs"]
    if args.runs:
        unknown = [i for i in args.runs if not 1 <= i <= len(runs)]
        if unknown:
            raise SystemExit(f"--runs {unknown}: the experiment has networks 1..{len(runs)}")
        runs = [runs[i - 1] for i in args.runs]
    place = Place(args.device, args.precision)
    if place.is_main:
        os.makedirs(args.checkpoints, exist_ok=True)
        existing = [p for p in os.listdir(args.checkpoints) if p.endswith(".pt")]
        if existing and not args.resume:
            raise SystemExit(f"{args.checkpoints} holds checkpoints ({', '.join(sorted(existing))}): --resume continues them; delete them to start over")
    if place.distributed:
        dist.barrier()
    data_directory = ensure_cifar(args.data, not args.no_download) if place.is_main else None
    if place.distributed:
        shared = [data_directory]
        dist.broadcast_object_list(shared)
        data_directory = shared[0]
    dataset = (*read_split(data_directory, TRAIN_FILES), *read_split(data_directory, [TEST_FILE]))
    if place.is_main:
        print(f"{experiment['name']}: {len(runs)} network(s) x {len(args.seeds)} seed(s) on {place.describe()}, "
              f"PyTorch {torch.__version__}, {args.precision}", flush=True)
    results = []
    for seed in args.seeds:
        for run in runs:
            if not train_run(run, seed, experiment, args, place, dataset, results):
                leave_process_group(place)
                return 0
    if place.is_main:
        print(summarise(results))
        print(f"\nWrote {args.out}: import it with the app's Import button.", flush=True)
    leave_process_group(place)
    return 0


def leave_process_group(place):
    """Every process reaches this point before any tears its connections down: with gloo (torch 1.13), a process
    that exits while another still waits on it aborts the other ("terminate called without an active
    exception", SIGABRT, seen in about 1 of 6 torchrun runs of the reference tier)."""
    if place.distributed:
        dist.barrier()
        dist.destroy_process_group()


if __name__ == "__main__":
    sys.exit(main())
