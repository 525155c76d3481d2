"""Throughput and memory of batch building on 1, 2 and all cores, and through Dask.

    python benchmarks/scale.py [--corpus DIR] [--articles N] [--skip-dask] [--check] [--json]

A large corpus is made by repeating the TempEval-3 training documents
(``../shared/corpora/tempeval3-train``) with their publication dates shifted by a week per
round, so that every article resolves to different dates. Each measurement runs in a fresh
subprocess, so that their memory does not mix, and streams the events of ``--articles``
articles through :func:`timeline.iter_build` (chunks counted and dropped, as
:func:`timeline.write_many` does):

- articles per second for ``jobs=1``, ``jobs=2`` and ``jobs=-1`` (all cores), wall clock from
  the first article in to the last table out, pool start included; and the steady rate, from
  the first chunk back to the last;
- the scaling ratio 2 cores / 1 core (target: at least 1.8);
- peak resident memory (``ru_maxrss``) of the parent and of the largest worker, for N and 4N
  articles on 2 cores (target: the same ceiling: memory independent of the number of articles);
- the throughput of :func:`timeline.dask.events` on a ``dask.distributed`` LocalCluster with one
  single-threaded worker process per core (or Dask's ``processes`` scheduler when
  ``distributed`` is not installed), cluster start and worker warm-up (a few builds, which
  compile the rules) excluded, as on a long-running cluster.

The runs import the working tree of ``timeline/``; the script prints its git commit.

``--check`` exits 1 when a target is missed. When the corpus is absent the script says so and
exits 0. The figures go to docs/scale.md by hand, with the machine they were measured on.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bytecode import compile_package

__all__ = ["main"]

ROOT = Path(__file__).resolve().parents[1]
#: the shared corpora live beside the repository, or beside the folder of its worktrees
DEFAULT_CORPUS = next(
    (folder / "shared" / "corpora" / "tempeval3-train" for folder in (ROOT.parent, ROOT.parent.parent)
     if (folder / "shared" / "corpora" / "tempeval3-train").is_dir()),
    ROOT.parent / "shared" / "corpora" / "tempeval3-train",
)
SCALING_TARGET = 1.8
MEMORY_TOLERANCE = 1.15  # 4x the articles may use at most 15 % more memory


def _peak_mb(who: int) -> float:
    import resource

    peak = resource.getrusage(who).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def _articles(corpus: Path, count: int) -> Any:
    """``count`` articles: the corpus documents over and over, dates a week later each round."""
    import datetime as dt

    from timeline.output.timeml import read_timeml
    from timeline.types import Article

    documents = [read_timeml(file) for file in sorted(corpus.rglob("*.tml"))]
    documents = [d for d in documents if d.published is not None]

    def stream() -> Any:
        for i in range(count):
            doc = documents[i % len(documents)]
            shift = dt.timedelta(weeks=i // len(documents))
            yield Article(doc.text, published=doc.published + shift)

    return stream(), documents


def _vm_hwm_mb(pid: int) -> float | None:
    """Peak resident memory of process ``pid`` (Linux ``/proc``; None elsewhere)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def _cpu_seconds(pid: int) -> float | None:
    """User + system CPU time of process ``pid`` so far (Linux ``/proc``; None elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _child_batch(corpus: Path, count: int, jobs: int) -> dict[str, Any]:
    """One batch run in this process: stream ``count`` articles through iter_build."""
    sys.path.insert(0, str(ROOT))
    import concurrent.futures
    import resource

    import timeline
    from timeline.bulk import pool as batch_pool

    worker_peaks: list[float] = []
    worker_cpu: list[float] = []

    class MeasuredPool(concurrent.futures.ProcessPoolExecutor):
        """The library's pool, reading each worker's peak memory before it stops.

        (Workers are forked by the forkserver, so RUSAGE_CHILDREN of this process misses them.)
        """

        def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
            for pid in list(getattr(self, "_processes", None) or {}):
                peak, cpu = _vm_hwm_mb(pid), _cpu_seconds(pid)
                if peak is not None:
                    worker_peaks.append(peak)
                if cpu is not None:
                    worker_cpu.append(cpu)
            super().shutdown(wait=wait, cancel_futures=cancel_futures)

    def pool(workers: int) -> concurrent.futures.Executor:
        return MeasuredPool(max_workers=workers, mp_context=batch_pool.pool_context())

    articles, _ = _articles(corpus, count)
    rows = errors = 0
    started = time.perf_counter()
    first = None
    cpu = os.times()
    for result in timeline.iter_build(articles, jobs=jobs, progress=False, _executor=pool):
        if first is None:
            first = (time.perf_counter(), result.articles)
        rows += len(result.events)
        errors += len(result.errors)
    finished = time.perf_counter()
    cpu_end = os.times()
    assert first is not None
    steady = (count - first[1]) / (finished - first[0]) if finished > first[0] else float("nan")
    return {
        "jobs": jobs,
        "articles": count,
        "events": rows,
        "errors": errors,
        "seconds": finished - started,
        "per_second": count / (finished - started),
        "steady_per_second": steady,
        "first_chunk_seconds": first[0] - started,
        "cpu_seconds": (cpu_end.user - cpu.user) + (cpu_end.system - cpu.system) + sum(worker_cpu),
        "parent_peak_mb": _peak_mb(resource.RUSAGE_SELF),
        "worker_peak_mb": max(worker_peaks) if worker_peaks else float("nan"),
    }


def _warm(texts: list[str]) -> int:
    """Build a few articles (imports the builder, compiles its rules); run on Dask workers."""
    import warnings

    import timeline

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return sum(len(timeline.build(text).events) for text in texts)


def _child_dask(corpus: Path, count: int, workers: int) -> dict[str, Any]:
    """Events of ``count`` articles through timeline.bulk.dask on a local cluster."""
    sys.path.insert(0, str(ROOT))
    import dask
    import dask.dataframe as dd
    import pandas as pd

    import timeline.bulk.dask as tdask

    articles, _ = _articles(corpus, count)
    frame = pd.DataFrame([{"text": a.text, "date": a.published.isoformat()} for a in articles])
    ddf = dd.from_pandas(frame, npartitions=max(4 * workers, count // 256))
    events = tdask.events(ddf, text="text", published="date")
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        engine = "dask processes scheduler"
        started = time.perf_counter()
        with dask.config.set(scheduler="processes", num_workers=workers):
            rows = int(events.map_partitions(len).compute().sum())
        seconds = time.perf_counter() - started
    else:
        engine = f"dask.distributed LocalCluster ({workers} worker processes x 1 thread)"
        with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                          dashboard_address=None) as cluster, Client(cluster) as client:
            # warm the workers as a long-running cluster is: imports and compiled rules
            client.run(_warm, [frame.text[i] for i in range(0, min(count, 256), 16)])
            started = time.perf_counter()
            rows = int(events.map_partitions(len).compute().sum())
            seconds = time.perf_counter() - started
    return {"engine": engine, "articles": count, "events": rows, "seconds": seconds,
            "per_second": count / seconds, "partitions": ddf.npartitions}


def _run_child(kind: str, corpus: Path, count: int, jobs: int) -> dict[str, Any]:
    code = (
        "import json, sys; sys.path.insert(0, {root!r}); "
        "from benchmarks.scale import _child_{kind} as run; from pathlib import Path; "
        "print(json.dumps(run(Path({corpus!r}), {count}, {jobs})))"
    ).format(root=str(ROOT), kind=kind, corpus=str(corpus), count=count, jobs=jobs)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                          check=False)
    if done.returncode != 0:
        raise RuntimeError(f"the {kind} run failed:\n{done.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main(argv: list[str] | None = None) -> int:
    """Measure, print the figures and (with ``--check``) return 1 when a target is missed."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--articles", type=int, default=8192, help="articles per throughput run")
    parser.add_argument("--skip-dask", action="store_true")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument("--json", action="store_true", help="print the raw figures as JSON too")
    args = parser.parse_args(argv)
    if not args.corpus.is_dir() or not any(args.corpus.rglob("*.tml")):
        print(f"corpus not found at {args.corpus}: nothing to measure (give --corpus DIR)")
        return 0
    cores = os.cpu_count() or 1
    n = args.articles
    print(f"machine: {cores} cores, Python {sys.version.split()[0]}, {sys.platform}; "
          f"load average before: {os.getloadavg()[0]:.2f}")
    def git(*words: str) -> str:
        return subprocess.run(["git", *words], capture_output=True, text=True, cwd=ROOT,
                              check=False).stdout.strip()

    commit = (git("rev-parse", "--short", "HEAD") or "unknown") + (
        " with uncommitted changes" if git("status", "--porcelain", "timeline") else "")
    print(f"timeline working tree: {commit}")
    print(compile_package(ROOT))
    print(f"corpus: {args.corpus} repeated to {n} articles (dates shifted a week per round)\n")

    runs: dict[str, Any] = {}
    levels = [1, 2] + ([-1] if cores > 2 else [])
    print(f"{'jobs':>6} {'articles/s':>11} {'steady/s':>9} {'seconds':>8} {'first s':>8} {'cpu s':>7} "
          f"{'cores got':>9} {'per cpu s':>9} {'parent MB':>10} {'worker MB':>10}")
    for jobs in levels:
        run = _run_child("batch", args.corpus, n, jobs)
        runs[str(jobs)] = run
        label = f"{jobs}" if jobs != -1 else f"-1={cores}"
        print(f"{label:>6} {run['per_second']:11.1f} {run['steady_per_second']:9.1f} "
              f"{run['seconds']:8.1f} {run['first_chunk_seconds']:8.2f} {run['cpu_seconds']:7.1f} "
              f"{run['cpu_seconds'] / run['seconds']:9.2f} {n / run['cpu_seconds']:9.1f} "
              f"{run['parent_peak_mb']:10.0f} "
              f"{run['worker_peak_mb'] if jobs != 1 else float('nan'):10.0f}")
    if cores <= 2:
        print(f"(all cores = {cores}: jobs=-1 is the jobs=2 run)")
    ratio = runs["2"]["per_second"] / runs["1"]["per_second"]
    steady_ratio = runs["2"]["steady_per_second"] / runs["1"]["steady_per_second"]
    print(f"\nscaling 2 cores / 1 core: {ratio:.2f}x wall clock, {steady_ratio:.2f}x steady "
          f"(target >= {SCALING_TARGET})")
    print("first s = seconds to the first chunk's tables (pool start included); cores got = CPU "
          "seconds of parent and workers / wall seconds: below the number of jobs when other "
          "processes share the cores; per cpu s = articles per CPU second")

    small = _run_child("batch", args.corpus, n // 2, 2)
    large = _run_child("batch", args.corpus, n * 2, 2)
    grow_parent = large["parent_peak_mb"] / small["parent_peak_mb"]
    grow_worker = large["worker_peak_mb"] / small["worker_peak_mb"]  # nan off Linux
    print(f"memory ceiling, 2 cores: {small['articles']} articles -> parent "
          f"{small['parent_peak_mb']:.0f} MB, worker {small['worker_peak_mb']:.0f} MB; "
          f"{large['articles']} articles -> parent {large['parent_peak_mb']:.0f} MB, worker "
          f"{large['worker_peak_mb']:.0f} MB (x{grow_parent:.2f}, x{grow_worker:.2f})")
    runs["memory"] = {"small": small, "large": large}

    if not args.skip_dask:
        try:
            import dask  # noqa: F401
        except ImportError:
            print("dask: not installed (pip install 'dask[dataframe]'), skipped")
        else:
            run = _run_child("dask", args.corpus, n, cores)
            runs["dask"] = run
            print(f"dask: {run['per_second']:.1f} articles/s on {run['engine']}, "
                  f"{run['partitions']} partitions, {run['events']} events")
    print(f"\nload average after: {os.getloadavg()[0]:.2f}")
    if args.json:
        print(json.dumps(runs, indent=2))
    failed = []
    if ratio < SCALING_TARGET and steady_ratio < SCALING_TARGET:
        failed.append(f"2-core scaling {ratio:.2f} < {SCALING_TARGET}")
    growth = max(g for g in (grow_parent, grow_worker) if g == g)
    if growth > MEMORY_TOLERANCE:
        failed.append(f"memory grew x{growth:.2f} with 4x the articles")
    for message in failed:
        print(f"target missed: {message}")
    return 1 if failed and args.check else 0


if __name__ == "__main__":
    sys.exit(main())
