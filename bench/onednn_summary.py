"""Summarises a oneDNN verbose log (DNNL_VERBOSE=1, MXNet engine) by primitive kind, implementation and data
type: milliseconds per training step, so an fp32 and a bf16 run of the same net can be set side by side.

    python3 bench/onednn_summary.py LOG STEPS

Only `exec` lines count (creation and cache lines are not work). oneDNN 2.x lines read
  dnnl_verbose,exec,cpu,<kind>,<impl>,<prop>,<src/dst descriptors>,<attrs>,<aux>,<shapes>,<ms>
"""
import collections
import sys


def layouts(descriptors):
    """'src_bf16::blocked:aBcd16b:f0 dst_f32::blocked:abcd:f0' -> 'bf16 aBcd16b → f32 abcd' (undef ones left out)."""
    out = []
    for d in descriptors.split():
        fields = d.split(":")
        if len(fields) >= 4 and "_" in fields[0] and not fields[0].endswith("undef"):
            out.append(fields[0].split("_", 1)[1] + " " + fields[3])
    return " → ".join(dict.fromkeys(out))


def main(path, steps):
    per = collections.defaultdict(float)
    kinds = collections.defaultdict(float)
    with open(path, errors="replace") as f:
        for line in f:
            parts = line.rstrip("\n").split(",")
            if len(parts) < 6 or not parts[0].endswith("verbose") or parts[1] != "exec":
                continue
            try:
                ms = float(parts[-1])
            except ValueError:
                continue
            kind, impl = parts[3], parts[4]
            per[(kind, impl, layouts(parts[6] if len(parts) > 6 else ""))] += ms
            kinds[kind] += ms
    total = sum(kinds.values())
    print(f"| primitive | implementation | data type and layout | ms per step | share |")
    print("|---|---|---|---|---|")
    for (kind, impl, types), ms in sorted(per.items(), key=lambda kv: -kv[1]):
        if ms / total < 0.005:
            continue
        print(f"| {kind} | {impl} | {types} | {ms / steps:.1f} | {100 * ms / total:.0f} % |")
    print(f"| **all oneDNN primitives** | | | **{total / steps:.1f}** | |")
    for kind, ms in sorted(kinds.items(), key=lambda kv: -kv[1]):
        print(f"  {kind}: {ms / steps:.1f} ms/step")


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
