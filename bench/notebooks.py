"""Each solution notebook run top to bottom as a student runs it: wall time and the kernel's peak memory.

`jupyter nbconvert --to notebook --execute` runs a copy of the notebook in a temporary folder, under a
small wrapper process. Memory is measured twice: psutil samples the resident size of every process in
the wrapper's tree every 0.1 s (the kernel is the one running ipykernel), and after the run the
wrapper reports ``getrusage(RUSAGE_CHILDREN).ru_maxrss``, the exact peak of its largest descendant.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
import psutil

from nncourse.course.lessons import all_lessons

TARGET_S = 75
WRAPPER = (
    "import resource, subprocess, sys; rc = subprocess.run(sys.argv[1:]).returncode; "
    "print('MAXRSS_KB', resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); sys.exit(rc)"
)


def run_notebook(notebook: Path) -> dict:
    with tempfile.TemporaryDirectory(prefix="nncourse-bench-nb-") as tmp:
        copy = Path(tmp) / notebook.name
        shutil.copyfile(notebook, copy)
        env = {k: v for k, v in os.environ.items() if k not in ("MPLBACKEND", "NBGRADER_EXECUTION")}
        env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
        command = [
            sys.executable,
            "-c",
            WRAPPER,
            sys.executable,
            "-m",
            "jupyter",
            "nbconvert",
            "--to",
            "notebook",
            "--execute",
            "--ExecutePreprocessor.timeout=1800",
            "--output",
            "executed.ipynb",
            str(copy),
        ]
        started = time.perf_counter()
        wrapper = subprocess.Popen(command, cwd=tmp, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        peaks, tree_peak = {}, 0  # pid -> (max rss, is the kernel)
        root = psutil.Process(wrapper.pid)
        while wrapper.poll() is None:
            total = 0
            try:
                processes = root.children(recursive=True)
            except psutil.Error:
                processes = []
            for p in processes:
                try:
                    rss = p.memory_info().rss
                    kernel = peaks.get(p.pid, (0, None))[1]
                    if kernel is None:
                        kernel = any("ipykernel" in part for part in p.cmdline())
                except psutil.Error:
                    continue
                total += rss
                peaks[p.pid] = (max(rss, peaks.get(p.pid, (0, kernel))[0]), kernel)
            tree_peak = max(tree_peak, total)
            time.sleep(0.1)
        seconds = time.perf_counter() - started
        out, err = wrapper.communicate()
        maxrss_kb = next((int(line.split()[1]) for line in out.splitlines() if line.startswith("MAXRSS_KB")), None)
        result = {
            "seconds": seconds,
            "ok": wrapper.returncode == 0,
            "kernel_peak_mb": max((rss for rss, kernel in peaks.values() if kernel), default=0) / 2**20,
            "tree_peak_mb": tree_peak / 2**20,
            "maxrss_mb": maxrss_kb / 1024 if maxrss_kb else None,
            "error": "" if wrapper.returncode == 0 else err.strip().splitlines()[-1:],
        }
        executed = Path(tmp) / "executed.ipynb"
        result["slowest"] = _slowest_cell(executed) if executed.exists() else None
        return result


def _slowest_cell(path: Path):
    """(seconds, index among code cells, first line) of the slowest cell, from nbclient's timings."""
    nb = nbformat.read(path, as_version=4)
    slowest = None
    for index, cell in enumerate(c for c in nb.cells if c.cell_type == "code"):
        timing = cell.metadata.get("execution", {})
        began, ended = timing.get("iopub.execute_input"), timing.get("shell.execute_reply")
        if not (began and ended):
            continue
        seconds = (_parse(ended) - _parse(began)).total_seconds()
        if slowest is None or seconds > slowest[0]:
            first = next((line for line in cell.source.splitlines() if line.strip()), "")
            slowest = (seconds, index + 1, first[:60])
    return slowest


def _parse(stamp: str) -> dt.datetime:
    return dt.datetime.fromisoformat(stamp.replace("Z", "+00:00"))


def run(quick=False, log=print):
    lessons = all_lessons()[:1] if quick else all_lessons()
    summary, rows = [], []
    for lesson in lessons:
        log(f"notebooks: running {lesson.solution.relative_to(lesson.solution.parents[2])}")
        r = run_notebook(lesson.solution)
        slow = r["slowest"]
        slow_text = f"{slow[0]:.1f} s, code cell {slow[1]} (`{slow[2]}`)" if slow else "?"
        met = r["ok"] and r["seconds"] <= TARGET_S
        if not r["ok"]:
            note = f"the notebook did not run to the end: {r['error']}"
        else:
            note = (
                f"its slowest cell, code cell {slow[1]} (`{slow[2]}`), takes {slow[0]:.0f} s of the "
                f"{r['seconds']:.0f} s"
                if slow
                else ""
            )
        summary.append(
            {
                "figure": f"{lesson.id}: run time",
                "value": f"{r['seconds']:.1f} s",
                "target": f"≤ {TARGET_S} s",
                "met": met,
                "note": note,
            }
        )
        rows.append(
            [
                lesson.id,
                f"{r['seconds']:.1f}",
                "yes" if r["ok"] else "NO",
                f"{r['kernel_peak_mb']:.0f}",
                f"{r['tree_peak_mb']:.0f}",
                f"{r['maxrss_mb']:.0f}" if r["maxrss_mb"] else "?",
                slow_text,
            ]
        )
    notes = [
        "Run with `jupyter nbconvert --to notebook --execute` as a student runs them (inline plots, "
        "NBGRADER_EXECUTION unset, so experiments at full size), one at a time; the time includes starting "
        "nbconvert and the kernel. Memory: MiB, resident."
    ]
    details = [
        (
            "Solution notebooks",
            [
                "lesson",
                "seconds",
                "ran to the end",
                "kernel peak RSS (sampled)",
                "process tree peak RSS (sampled)",
                "largest process max RSS (rusage)",
                "slowest cell",
            ],
            rows,
        )
    ]
    return {"title": "Notebooks", "summary": summary, "details": details, "notes": notes}
