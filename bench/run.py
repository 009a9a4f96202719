"""The course's benchmark: `.venv/bin/python -m bench.run [--quick] [--only training,grading,notebooks]
[--out bench/RESULTS.md]`. Writes one Markdown file of tables (see bench/README.md)."""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import importlib.metadata
import os
import platform
import sys
import time
import traceback
from pathlib import Path

PARTS = ("training", "grading", "notebooks")
ROOT = Path(__file__).resolve().parents[1]


def _version(package: str) -> str:
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def machine() -> str:
    model = "unknown CPU"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        model = platform.processor() or model
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    ram = "?"
    try:
        for line in open("/proc/meminfo"):
            if line.startswith("MemTotal"):
                ram = f"{int(line.split()[1]) / 2**20:.1f} GiB RAM"
                break
    except OSError:
        pass
    import numpy
    from threadpoolctl import threadpool_info

    blas = ", ".join(
        f"{i.get('internal_api')} {i.get('version')}" for i in threadpool_info() if i["user_api"] == "blas"
    )
    load = " / ".join(f"{x:.1f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    return (
        f"{model}, {cores} cores ({os.cpu_count()} online), {ram} · Python {platform.python_version()} · "
        f"numpy {numpy.__version__} ({blas or 'BLAS ?'}) · TensorFlow {_version('tensorflow')} · "
        f"nbgrader {_version('nbgrader')} · {dt.datetime.now().astimezone():%Y-%m-%d %H:%M %Z} · "
        f"load average at start {load} (1/5/15 min)"
    )


def _cell(text) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def table(columns, rows) -> list[str]:
    lines = ["| " + " | ".join(map(_cell, columns)) + " |", "| " + " | ".join("---" for _ in columns) + " |"]
    lines += ["| " + " | ".join(map(_cell, row)) + " |" for row in rows]
    return lines


def render_section(section: dict) -> list[str]:
    lines = [f"## {section['title']}", ""]
    rows = []
    for r in section["summary"]:
        met = {True: "yes", False: "**no**", None: ""}[r["met"]]
        note = r["note"] if (r["met"] is not True and r["note"]) else ""
        rows.append([r["figure"], r["value"], r["target"], met, note])
    lines += table(["figure", "value", "target", "met?", "what holds it back"], rows) + [""]
    for heading, columns, detail_rows in section.get("details", []):
        lines += [f"### {heading}", ""] + table(columns, detail_rows) + [""]
    lines += [f"- {note}" for note in section.get("notes", [])]
    return lines + [""]


def write(out: Path, header: list[str], sections: list[list[str]], footer: list[str]) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    text = "\n".join(header + [line for s in sections for line in s] + footer).rstrip() + "\n"
    tmp = out.with_suffix(out.suffix + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(out)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="tiny sizes, for checking that the benchmark runs")
    parser.add_argument("--only", default=",".join(PARTS), help=f"comma-separated parts (default {','.join(PARTS)})")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "RESULTS.md", help="the Markdown file written")
    args = parser.parse_args(argv)
    parts = [p.strip() for p in args.only.split(",") if p.strip()]
    unknown = [p for p in parts if p not in PARTS]
    if unknown:
        parser.error(f"unknown part(s) {', '.join(unknown)}; choose from {', '.join(PARTS)}")

    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    started = time.perf_counter()
    mode = "`--quick` (tiny sizes: a check that the benchmark runs, not a result)" if args.quick else "full"
    header = ["# nncourse benchmark", "", f"Machine: {machine()}", "", f"Mode: {mode}. Parts: {', '.join(parts)}.", ""]
    sections: list[list[str]] = []

    def log(message: str) -> None:
        print(f"[{time.perf_counter() - started:7.1f} s] {message}", flush=True)

    failed = False
    for part in parts:
        part_started = time.perf_counter()
        try:
            section = importlib.import_module(f"bench.{part}").run(quick=args.quick, log=log)
            section["notes"] = section.get("notes", []) + [
                f"This part took {time.perf_counter() - part_started:.0f} s."
            ]
            sections.append(render_section(section))
        except Exception:
            failed = True
            error = traceback.format_exc()
            print(error, file=sys.stderr)
            sections.append([f"## {part.capitalize()}", "", "This part failed:", "", "```", error.rstrip(), "```", ""])
        write(args.out, header, sections, [])
    footer = [f"Whole run: {time.perf_counter() - started:.0f} s."]
    write(args.out, header, sections, footer)
    log(f"wrote {args.out}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
