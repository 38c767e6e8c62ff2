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

Every resident-set figure is also split in two: the pages of the Java heap the JVM has touched (the
mappings inside the heap's address range, which `jcmd PID GC.heap_info` prints) and the rest (native
memory: libnd4j, its arrays, the JVM's own). The split tells a leak of native arrays from the Java
heap growing under the garbage collector's sizing.

Build first: mvn -B -q package -DskipTests. Run from the repository root: python3 bench/readme-soak.py
"""
import os
import re
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


def heap_range(pid):
    """The Java heap's reserved address range, from `jcmd PID GC.heap_info` ([start, end) of the G1 heap)."""
    out = subprocess.run(["jcmd", str(pid), "GC.heap_info"], capture_output=True, text=True).stdout
    m = re.search(r"\[(0x[0-9a-f]+), (0x[0-9a-f]+)\)", out)
    return (int(m.group(1), 16), int(m.group(2), 16)) if m else None


def heap_resident_mb(pid, heap):
    """Resident MB of the mappings inside the Java heap's range (pages of the heap the JVM has touched)."""
    if heap is None:
        return float("nan")
    total, inside = 0, False
    with open(f"/proc/{pid}/smaps") as f:
        for line in f:
            m = re.match(r"^([0-9a-f]+)-([0-9a-f]+) ", line)
            if m:
                inside = heap[0] <= int(m.group(1), 16) and int(m.group(2), 16) <= heap[1]
            elif inside and line.startswith("Rss:"):
                total += int(line.split()[1])
    return total / 1024


def sample(pid, state):
    """(RSS MB, Java heap resident MB) of a running JVM; the heap range is looked up once."""
    if "heap" not in state:
        state["heap"] = heap_range(pid)
    return rss_mb(pid), heap_resident_mb(pid, state["heap"])


def env(launcher):
    e = {k: v for k, v in os.environ.items() if k not in THREAD_VARS}
    if launcher:
        e.update({k: "1" for k in THREAD_VARS})
    return e


def soak(steps, launcher):
    p = subprocess.Popen(["java", "-cp", CP, "org.skillearn.examples.ReadmeExample", str(steps)], cwd=ROOT,
                         env=env(launcher), stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    samples, state = [], {}
    for line in p.stdout:
        if line.startswith("step "):
            samples.append((int(line.split()[1].rstrip(":")), time.monotonic()) + sample(p.pid, state))
    if p.wait() != 0:
        sys.exit(f"readme-soak: ReadmeExample exited with {p.returncode}")
    return samples


def report(name, samples):
    first, last = samples[0], samples[-1]
    ms = (last[1] - first[1]) * 1e3 / (last[0] - first[0])
    print(f"== {name}")
    print("   step  RSS (MB)  Java heap resident  rest (native, JVM)")
    for step, _, rss, heap in samples:
        print(f"   {step:5d}  {rss:8.1f}  {heap:18.1f}  {rss - heap:18.1f}")
    print(f"   ms per step (steps {first[0]}-{last[0]}): {ms:.2f}; step {last[0]} / step {first[0]}: "
          f"RSS {last[2] / first[2]:.3f}, Java heap {last[3] / first[3]:.3f}, "
          f"rest {(last[2] - last[3]) / (first[2] - first[3]):.3f}")
    return ms


def main():
    if not os.path.isfile(JAR):
        sys.exit("readme-soak: not built; run: mvn -B -q package -DskipTests")
    steps = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    plain = report("README example, plain JVM", soak(steps, launcher=False))
    launcher = report("README example, launcher's environment", soak(steps, launcher=True))
    print(f"== plain / launcher ms per step: {plain / launcher:.3f}")
    print("== ProgramRebuildSoak 20 (build, one step, close; RSS after each)")
    p = subprocess.Popen(["java", "-cp", CP, "org.skillearn.examples.bench.ProgramRebuildSoak", "20",
                          "--handshake"], cwd=ROOT, env=env(False), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                         stderr=subprocess.DEVNULL, text=True)
    state, first = {}, None
    for line in p.stdout:
        if line.strip().startswith("build"):
            rss, heap = sample(p.pid, state)
            first = first or (rss, heap)
            print(f"{line.rstrip()}  Java heap resident {heap:7.1f} MB  rest {rss - heap:7.1f} MB "
                  f"({(rss - heap) / (first[0] - first[1]):.3f} of the first)")
            p.stdin.write("\n")
            p.stdin.flush()
        else:
            print(line, end="")
    if p.wait() != 0:
        sys.exit(f"readme-soak: ProgramRebuildSoak exited with {p.returncode}")


if __name__ == "__main__":
    main()
