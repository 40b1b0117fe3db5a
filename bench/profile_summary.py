"""Summarises a PyTorch profiler Chrome trace (from `resnetlab bench --torch-profile`) by op: self time per step,
grouped into convolutions, batch norm, element-wise, optimizer and the rest, and the share of the wall time spent
outside any op (Java, JNI crossings, allocation).

    python3 bench/profile_summary.py TRACE.json STEPS
"""
import collections
import json
import sys

GROUPS = [
    ("convolution", ("conv", "mkldnn", "onednn", "slow_conv")),
    ("batch norm", ("batch_norm",)),
    ("optimizer-like element-wise (mul/add/sub, in place)", ("mul_", "add_", "sub_")),
    ("element-wise (relu, add, mul, ...)", ("relu", "threshold", "add", "mul", "sub", "div", "neg", "where")),
    ("reductions, pooling, softmax, loss", ("sum", "mean", "softmax", "nll", "gather", "pool", "argmax", "max")),
    ("copies, fills, views, cat", ("copy_", "cat", "slice", "select", "view", "reshape", "as_strided", "clone",
                                   "contiguous", "empty", "zeros", "fill_", "index", "transpose", "expand", "permute",
                                   "unsqueeze", "squeeze", "_to_copy", "zero_")),
]
SKIP = ("PyTorch Profiler", "ProfilerStep")


def group(name):
    n = name.lower().replace("aten::", "").replace("autograd::engine::evaluate_function: ", "")
    for label, keys in GROUPS:
        if any(k in n for k in keys):
            return label
    return "other"


def main(path, steps):
    events = json.load(open(path))
    if isinstance(events, dict):
        events = events.get("traceEvents", [])
    ops = [e for e in events if e.get("ph") == "X" and "dur" in e and not e.get("name", "").startswith(SKIP)]
    by_thread = collections.defaultdict(list)
    for e in ops:
        by_thread[e.get("tid")].append(e)
    self_time = collections.Counter()
    count = collections.Counter()
    top_level = 0.0
    start, end = float("inf"), 0.0
    for tid, evs in by_thread.items():
        evs.sort(key=lambda e: (e["ts"], -e["dur"]))
        stack = []
        for e in evs:
            while stack and stack[-1]["ts"] + stack[-1]["dur"] <= e["ts"]:
                stack.pop()
            if stack:
                stack[-1]["_child"] = stack[-1].get("_child", 0) + e["dur"]
            else:
                top_level += e["dur"]
            stack.append(e)
            start, end = min(start, e["ts"]), max(end, e["ts"] + e["dur"])
        for e in evs:
            self_time[e["name"]] += e["dur"] - e.get("_child", 0)
            count[e["name"]] += 1
    total_self = sum(self_time.values())
    print(f"trace span {(end - start) / 1e3 / steps:.0f} ms/step; time inside ops {top_level / 1e3 / steps:.0f} ms/step "
          f"(summed over threads); {len(ops) / steps:.0f} op events per step")
    groups = collections.Counter()
    for name, t in self_time.items():
        groups[group(name)] += t
    print("\nself time by group (ms/step, share of op time):")
    for label, t in groups.most_common():
        print(f"  {label:55s} {t / 1e3 / steps:8.1f}  {100 * t / total_self:5.1f}%")
    print("\ntop ops by self time (ms/step, calls/step):")
    for name, t in self_time.most_common(25):
        print(f"  {name[:70]:70s} {t / 1e3 / steps:8.1f}  {count[name] / steps:6.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 1))
