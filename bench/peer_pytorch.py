"""The peer a user would pick instead: the same option-A CIFAR ResNet trained in PyTorch eager on the CPU.

Same units as resnet-lab's "original" unit ([1] Fig. 2 / [2] Fig. 4a), option-A shortcuts (stride-2 subsampling
and zero-padded channels), batch 128 of 3x32x32, SGD momentum 0.9 + weight decay 1e-4, the same thread count.
Prints one CSV row per model: peer,model,threads,images_per_s_median,min,max,windows.

    .venv-bench/bin/python bench/peer_pytorch.py --depths 20 56 --threads 2 --windows 5 --steps 5
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


class CifarResNet(nn.Module):
    def __init__(self, depth, classes=10):
        super().__init__()
        assert (depth - 2) % 6 == 0, "depth must be 6n+2"
        n = (depth - 2) // 6
        self.conv = nn.Conv2d(3, 16, 3, 1, 1, bias=False)
        self.bn = nn.BatchNorm2d(16)
        units, cin = [], 16
        for stage, width in enumerate((16, 32, 64)):
            for i in range(n):
                stride = 2 if stage > 0 and i == 0 else 1
                units.append(OriginalUnit(cin, width, stride))
                cin = width
        self.units = nn.Sequential(*units)
        self.fc = nn.Linear(64, classes)
        for m in self.modules():
            if isinstance(m, nn.Conv2d):
                nn.init.kaiming_normal_(m.weight, mode="fan_in", nonlinearity="relu")

    def forward(self, x):
        x = F.relu(self.bn(self.conv(x)))
        x = self.units(x)
        x = F.adaptive_avg_pool2d(x, 1).flatten(1)
        return self.fc(x)


def trainable_parameters(model):
    return sum(p.numel() for p in model.parameters() if p.requires_grad)


def measure(depth, threads, windows, steps, warmup, batch, profile=None):
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    model = CifarResNet(depth).train()
    opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9, weight_decay=1e-4)
    x = torch.randn(batch, 3, 32, 32)
    y = torch.randint(0, 10, (batch,))

    def step():
        opt.zero_grad(set_to_none=True)
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
        prof.export_chrome_trace(f"{profile}-resnet{depth}-original.json")
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
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--windows", type=int, default=5)
    parser.add_argument("--steps", type=int, default=5)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--batch", type=int, default=128)
    parser.add_argument("--profile", help="write a Chrome trace of one window to PROFILE-resnet<depth>-original.json")
    args = parser.parse_args()
    print("peer,model,parameters,threads,images_per_s_median,images_per_s_min,images_per_s_max,windows,torch")
    for depth in args.depths:
        params, rates = measure(depth, args.threads, args.windows, args.steps, args.warmup, args.batch,
                                 args.profile)
        print(f"pytorch-eager,resnet{depth}-original,{params},{args.threads},{statistics.median(rates):.1f},"
              f"{min(rates):.1f},{max(rates):.1f},{len(rates)},{torch.__version__}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
