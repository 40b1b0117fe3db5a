"""The peer a user would pick instead: the same option-A CIFAR ResNet trained in PyTorch eager on the CPU.

Same units as resnet-lab's "original" unit ([1] Fig. 2 / [2] Fig. 4a) and "full-preact" unit ([2] Fig. 4e),
option-A shortcuts (stride-2 subsampling and zero-padded channels), width multiplier k (stages 16k/32k/64k), batch
128 of CxSxS (3x32x32 CIFAR, 1x28x28 Fashion-MNIST), SGD momentum 0.9 + weight decay 1e-4, the same thread count.
Configurations (--configs): "default" (NCHW fp32, what a user writes first), "channels-last" (NHWC memory format,
fp32), "bf16" (torch.autocast("cpu", bfloat16) around forward and loss: convolutions and the classifier in
bfloat16, BN / loss / optimizer / master weights in fp32; only where the CPU has avx512_bf16 or amx_bf16).
Prints one CSV row per model and configuration:
peer,config,model,parameters,threads,images_per_s_median,min,max,windows,torch,note

    .venv-bench/bin/python bench/peer_pytorch.py --depths 20 56 --units original --threads 2 --windows 5 --steps 5
"""
import argparse
import statistics
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


class OriginalUnit(nn.Module):
    """conv-BN-ReLU-conv-BN, add, ReLU; option-A shortcut where the width grows."""

    def __init__(self, cin, cout, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(cout)
        self.conv2 = nn.Conv2d(cout, cout, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(cout)
        self.pad = cout - cin
        self.stride = stride

    def shortcut(self, x):
        if self.stride == 1 and self.pad == 0:
            return x
        x = x[:, :, ::self.stride, ::self.stride]
        return F.pad(x, (0, 0, 0, 0, self.pad // 2, self.pad - self.pad // 2))

    def forward(self, x):
        out = F.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        return F.relu(out + self.shortcut(x))


class FullPreActUnit(OriginalUnit):
    """BN-ReLU-conv-BN-ReLU-conv, add ([2] Fig. 4e); the first unit's pre-activation is the stem's BN+ReLU."""

    def __init__(self, cin, cout, stride, first):
        super().__init__(cin, cout, stride)
        self.bn1 = nn.Identity() if first else nn.BatchNorm2d(cin)
        self.first = first

    def forward(self, x):
        out = x if self.first else F.relu(self.bn1(x))
        out = self.conv1(out)
        out = self.conv2(F.relu(self.bn2(out)))
        return out + self.shortcut(x)


class CifarResNet(nn.Module):
    def __init__(self, depth, unit="original", width=1.0, channels=3, classes=10):
        super().__init__()
        assert (depth - 2) % 6 == 0, "depth must be 6n+2"
        n = (depth - 2) // 6
        first = max(1, round(16 * width))  # as ModelSpec.stageWidths
        widths = [first, 2 * first, 4 * first]
        self.preact = unit == "full-preact"
        self.conv = nn.Conv2d(channels, widths[0], 3, 1, 1, bias=False)
        self.bn = nn.BatchNorm2d(widths[0])
        units, cin = [], widths[0]
        for stage, w in enumerate(widths):
            for i in range(n):
                stride = 2 if stage > 0 and i == 0 else 1
                first = stage == 0 and i == 0
                units.append(FullPreActUnit(cin, w, stride, first) if self.preact else OriginalUnit(cin, w, stride))
                cin = w
        self.units = nn.Sequential(*units)
        self.head_bn = nn.BatchNorm2d(cin) if self.preact else nn.Identity()
        self.fc = nn.Linear(cin, classes)
        for m in self.modules():
            if isinstance(m, nn.Conv2d):
                nn.init.kaiming_normal_(m.weight, mode="fan_in", nonlinearity="relu")

    def forward(self, x):
        x = F.relu(self.bn(self.conv(x)))
        x = self.units(x)
        if self.preact:
            x = F.relu(self.head_bn(x))
        x = F.adaptive_avg_pool2d(x, 1).flatten(1)
        return self.fc(x)


def trainable_parameters(model):
    return sum(p.numel() for p in model.parameters() if p.requires_grad)


CONFIGS = ("default", "channels-last", "bf16")


def cpu_flags():
    """The CPU's bf16 flags as /proc/cpuinfo lists them (empty where there is none or no /proc)."""
    try:
        with open("/proc/cpuinfo") as f:
            words = set(f.read().split())
    except OSError:
        return set()
    return words & {"avx512_bf16", "amx_bf16"}


def measure(depth, threads, windows, steps, warmup, batch, profile=None, unit="original", width=1.0, channels=3,
            size=32, config="default"):
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    model = CifarResNet(depth, unit, width, channels).train()
    opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9, weight_decay=1e-4)
    x = torch.randn(batch, channels, size, size)
    y = torch.randint(0, 10, (batch,))
    if config == "channels-last":
        model = model.to(memory_format=torch.channels_last)
        x = x.contiguous(memory_format=torch.channels_last)
    autocast = config == "bf16"

    def step():
        opt.zero_grad(set_to_none=True)
        with torch.autocast("cpu", dtype=torch.bfloat16, enabled=autocast):
            loss = F.cross_entropy(model(x), y)
        loss.backward()
        opt.step()
        return loss

    for _ in range(warmup):
        step()
    if profile:  # a Chrome trace of `steps` steps, for bench/profile_summary.py
        with torch.profiler.profile(activities=[torch.profiler.ProfilerActivity.CPU], record_shapes=True) as prof:
            for _ in range(steps):
                step()
        prof.export_chrome_trace(f"{profile}-resnet{depth}-{unit}-{config}.json")
    rates = []
    for _ in range(windows):
        start = time.perf_counter()
        for _ in range(steps):
            step()
        rates.append(batch * steps / (time.perf_counter() - start))
    return trainable_parameters(model), rates


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--depths", type=int, nargs="+", default=[20, 56])
    parser.add_argument("--units", nargs="+", default=["original"], choices=["original", "full-preact"])
    parser.add_argument("--configs", nargs="+", default=list(CONFIGS), choices=CONFIGS)
    parser.add_argument("--width", type=float, default=1.0, help="width multiplier k (stages 16k/32k/64k)")
    parser.add_argument("--input", default="cifar", choices=["cifar", "fashion-mnist"],
                        help="3x32x32 (cifar) or 1x28x28 (fashion-mnist) images")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--windows", type=int, default=5)
    parser.add_argument("--steps", type=int, default=5)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--batch", type=int, default=128)
    parser.add_argument("--profile", help="write a Chrome trace of one window to PROFILE-resnet<depth>-<unit>-<config>.json")
    args = parser.parse_args()
    channels, size = (3, 32) if args.input == "cifar" else (1, 28)
    suffix = ("" if args.width == 1 else f"-w{args.width:g}") + ("" if args.input == "cifar" else "-fmnist")
    flags = cpu_flags()
    print("peer,config,model,parameters,threads,images_per_s_median,images_per_s_min,images_per_s_max,windows,torch,note")
    for depth in args.depths:
        for unit in args.units:
            model = f"resnet{depth}-{unit}{suffix}"
            for config in args.configs:
                if config == "bf16" and not flags:
                    print(f"pytorch-eager,{config},{model},,{args.threads},,,,0,{torch.__version__},"
                          "not available on this CPU (no avx512_bf16 / amx_bf16)", flush=True)
                    continue
                params, rates = measure(depth, args.threads, args.windows, args.steps, args.warmup, args.batch,
                                        args.profile, unit, args.width, channels, size, config)
                print(f"pytorch-eager,{config},{model},{params},{args.threads},{statistics.median(rates):.1f},"
                      f"{min(rates):.1f},{max(rates):.1f},{len(rates)},{torch.__version__},", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
