#!/usr/bin/env python3
"""The README example as a user runs it, measured from outside: speed in a plain JVM against the
launcher's settings, and whether its resident set stays flat (see docs/performance.md, Memory).

1. Plain JVM (no OMP_NUM_THREADS / SD_* variables, no flags): `ReadmeExample 1000`; the resident
   set (VmRSS) is read from /proc when the example prints its step-100, ..., step-1000 lines, and
   ms per step is timed between the step-100 and the last line.
2. The same with the thread variables the launcher used to export (OMP_NUM_THREADS=1 SD_MAX_THREADS=1
   SD_MASTER_THREADS=1); the library now sets those defaults itself (NativeRuntime), so the two
   figures should agree.
3. `ProgramRebuildSoak 20`: builds, runs one step of and closes the README program 20 times in one
   JVM, printing the resident set after each.

Build first: mvn -B -q package -DskipTests. Run from the repository root: python3 bench/readme-soak.py
"""
import os
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
JAR = os.path.join(ROOT, "examples", "target", "examples-0.1.0-SNAPSHOT.jar")
CP = JAR + ":" + os.path.join(ROOT, "examples", "target", "lib", "*")
THREAD_VARS = ("OMP_NUM_THREADS", "SD_MAX_THREADS", "SD_MASTER_THREADS")


def rss_mb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def env(launcher):
    e = {k: v for k, v in os.environ.items() if k not in THREAD_VARS}
    if launcher:
        e.update({k: "1" for k in THREAD_VARS})
    return e


def soak(steps, launcher):
    p = subprocess.Popen(["java", "-cp", CP, "org.skillearn.examples.ReadmeExample", str(steps)], cwd=ROOT,
                         env=env(launcher), stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    samples = []
    for line in p.stdout:
        if line.startswith("step "):
            samples.append((int(line.split()[1].rstrip(":")), time.monotonic(), rss_mb(p.pid)))
    if p.wait() != 0:
        sys.exit(f"readme-soak: ReadmeExample exited with {p.returncode}")
    return samples


def report(name, samples):
    first, last = samples[0], samples[-1]
    ms = (last[1] - first[1]) * 1e3 / (last[0] - first[0])
    print(f"== {name}")
    print("   step  RSS (MB)")
    for step, _, rss in samples:
        print(f"   {step:5d}  {rss:8.1f}")
    print(f"   ms per step (steps {first[0]}-{last[0]}): {ms:.2f}; RSS step {last[0]} / step {first[0]}: "
          f"{last[2] / first[2]:.3f}")
    return ms


def main():
    if not os.path.isfile(JAR):
        sys.exit("readme-soak: not built; run: mvn -B -q package -DskipTests")
    steps = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    plain = report("README example, plain JVM", soak(steps, launcher=False))
    launcher = report("README example, launcher's environment", soak(steps, launcher=True))
    print(f"== plain / launcher ms per step: {plain / launcher:.3f}")
    print("== ProgramRebuildSoak 20 (build, one step, close; RSS after each)")
    out = subprocess.run(["java", "-cp", CP, "org.skillearn.examples.bench.ProgramRebuildSoak", "20"], cwd=ROOT,
                         env=env(False), capture_output=True, text=True, check=True).stdout
    print(out, end="")


if __name__ == "__main__":
    main()
