#!/usr/bin/env python3
"""Cost against size: ms per step and peak resident set of the DARTS search step (order 1 and 2)
and of the evaluation network's training step, for C in {8, 16} and batch in {32, 64, 96} (5 cells,
1x28x28, 10 classes), skillearn and, when TORCH_REF_DIR names the folder holding darts_step.py and
eval_step.py and PYTHON a Python with torch, the PyTorch reference run just before each of ours.

Writes a Markdown table to stdout and every raw figure to runs/size-table.csv (or --csv PATH).
Build first: mvn -B -q install -DskipTests. Run from anywhere; it changes to the repository root.

  TORCH_REF_DIR=../shared/bench/torch_ref PYTHON=~/torchvenv/bin/python python3 bench/size_table.py
  python3 bench/size_table.py --channels 8 --batches 32 --kinds search1   (a subset)
BENCH_LOCK=/path/to/lockfile runs each measurement under flock(1) on that file.
"""
import argparse
import csv
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
KINDS = {"search1": "search, order 1", "search2": "search, order 2", "eval": "evaluation step"}
# steps measured after warm-up; the JVM's first step compiles, PyTorch needs fewer
STEPS = {"search1": (1, 2), "search2": (1, 2), "eval": (10, 10)}
TORCH_STEPS = {"search1": (1, 3), "search2": (1, 2), "eval": (3, 10)}
SINGLE_THREADED_NATIVE = {"OMP_NUM_THREADS": "1", "SD_MAX_THREADS": "1", "SD_MASTER_THREADS": "1"}


def parse(out, what):
    ms = re.search(r"median_ms_per_step=([0-9.]+)", out)
    rss = re.search(r"peak_rss_mb=([0-9]+)", out)
    if not ms or not rss:
        sys.exit(f"size_table.py: {what} printed no median_ms_per_step/peak_rss_mb:\n{out[-2000:]}")
    return float(ms.group(1)), int(rss.group(1))


def run(cmd, env_extra, what):
    env = dict(os.environ, **env_extra)
    lock = os.environ.get("BENCH_LOCK")
    if lock:  # one measurement at a time on a shared machine: flock(1) around each run
        cmd = ["flock", lock] + cmd
    p = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit(f"size_table.py: {what} failed (exit {p.returncode}):\n{(p.stdout + p.stderr)[-2000:]}")
    return parse(p.stdout + p.stderr, what)


def classpath():
    with tempfile.NamedTemporaryFile("r", suffix=".txt") as f:
        subprocess.run(["mvn", "-B", "-q", "-o", "-pl", "skillearn-darts", "dependency:build-classpath",
                        f"-Dmdep.outputFile={f.name}", "-Dmdep.includeScope=test"], cwd=ROOT, check=True)
        deps = f.read().strip()
    return f"{deps}:skillearn-darts/target/classes:skillearn-darts/target/test-classes"


def ours(cp, kind, c, batch):
    warmup, steps = STEPS[kind]
    if kind == "eval":
        cmd = ["java", "-Xmn64m", "-cp", cp, "org.skillearn.darts.bench.EvalStepBenchmark", "--C", str(c), "--layers", "5",
               "--batch", str(batch), "--warmup", str(warmup), "--steps", str(steps)]
    else:
        cmd = ["java", "-Xmx16g", "-Xmn64m", "-cp", cp, "org.skillearn.darts.bench.SearchStepBenchmark", "--order", kind[-1],
               "--C", str(c), "--layers", "5", "--batch", str(batch), "--warmup", str(warmup), "--steps", str(steps)]
    return run(cmd, SINGLE_THREADED_NATIVE, f"skillearn {kind} C={c} batch={batch}")


def torch(ref_dir, python, kind, c, batch):
    warmup, steps = TORCH_STEPS[kind]
    script = "eval_step.py" if kind == "eval" else "darts_step.py"
    cmd = [python, os.path.join(ref_dir, script), "--C", str(c), "--layers", "5", "--batch", str(batch),
           "--warmup", str(warmup), "--steps", str(steps)]
    if kind != "eval":
        cmd += ["--order", kind[-1]]
    return run(cmd, {}, f"PyTorch {kind} C={c} batch={batch}")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--channels", default="8,16", help="comma-separated C values (default 8,16)")
    ap.add_argument("--batches", default="32,64,96", help="comma-separated batch sizes (default 32,64,96)")
    ap.add_argument("--kinds", default="search1,search2,eval", help="comma-separated: search1, search2, eval")
    ap.add_argument("--csv", default="runs/size-table.csv", help="raw figures (default runs/size-table.csv)")
    a = ap.parse_args()
    kinds = a.kinds.split(",")
    for k in kinds:
        if k not in KINDS:
            sys.exit(f"size_table.py: unknown kind {k!r} (expected search1, search2 or eval)")
    channels = [int(x) for x in a.channels.split(",")]
    batches = [int(x) for x in a.batches.split(",")]
    ref_dir = os.environ.get("TORCH_REF_DIR")
    python = os.environ.get("PYTHON", "python3")
    if ref_dir and not os.path.isdir(ref_dir):
        sys.exit(f"size_table.py: TORCH_REF_DIR={ref_dir} is not a folder")
    cp = classpath()
    rows = []
    for kind in kinds:
        for c in channels:
            for b in batches:
                t = torch(ref_dir, python, kind, c, b) if ref_dir else (None, None)
                s = ours(cp, kind, c, b)
                rows.append((kind, c, b, s[0], s[1], t[0], t[1]))
                print(f"# {kind} C={c} batch={b}: skillearn {s[0]:.1f} ms {s[1]} MB; PyTorch {t[0]} ms {t[1]} MB",
                      file=sys.stderr, flush=True)
    out = a.csv if os.path.isabs(a.csv) else os.path.join(ROOT, a.csv)
    os.makedirs(os.path.dirname(out), exist_ok=True)
    with open(out, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["kind", "C", "batch", "skillearn_ms", "skillearn_peak_rss_mb", "torch_ms", "torch_peak_rss_mb"])
        w.writerows(rows)
    print("| step | C | batch | skillearn ms | PyTorch ms | time ratio | skillearn peak RSS (MB) | PyTorch peak RSS (MB) | RSS ratio |")
    print("|---|---|---|---|---|---|---|---|---|")
    for kind, c, b, sms, srss, tms, trss in rows:
        tr = f"{sms / tms:.2f}×" if tms else "—"
        rr = f"{srss / trss:.2f}×" if trss else "—"
        print(f"| {KINDS[kind]} | {c} | {b} | {sms:,.0f} | {f'{tms:,.0f}' if tms else '—'} | {tr} | {srss:,} | "
              f"{f'{trss:,}' if trss else '—'} | {rr} |")


if __name__ == "__main__":
    main()
