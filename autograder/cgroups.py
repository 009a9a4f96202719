"""A control group per sandbox, where the machine lets the grader make one: a second cap on the
sandbox's processes and memory that holds whatever its processes do (change user, start sessions).

Both layouts are handled: cgroup v2 (the unified hierarchy, where the grader's own cgroup must
have the pids or memory controller delegated to its children) and cgroup v1 (a ``pids`` and a
``memory`` hierarchy).  Where none can be made (no root, a read-only /sys/fs/cgroup, no
delegation) the sandbox runs with its resource limits alone; ``Cgroup.create`` then returns None.
"""

from __future__ import annotations

import os
import signal
import time
from dataclasses import dataclass
from pathlib import Path

CGROUP_ROOT = Path("/sys/fs/cgroup")


@dataclass
class Cgroup:
    folders: list[Path]  # one per hierarchy the sandbox was put in

    @property
    def procs_files(self) -> tuple[str, ...]:
        return tuple(str(folder / "cgroup.procs") for folder in self.folders)

    @classmethod
    def create(cls, name: str, processes: int, memory_bytes: int) -> Cgroup | None:
        """A cgroup named ``name`` capping processes and memory, in every hierarchy that allows it."""
        if os.geteuid() != 0:
            return None
        folders = []
        for parent, limits in _writable_parents(processes, memory_bytes):
            folder = parent / name
            try:
                folder.mkdir(exist_ok=True)
                written = 0
                for file, value in limits.items():
                    if (folder / file).exists():
                        (folder / file).write_text(str(value))
                        written += 1
            except OSError:
                _remove(folder)
                continue
            if written:
                folders.append(folder)
            else:
                _remove(folder)
        return cls(folders) if folders else None

    def close(self) -> None:
        """Kill what is left in the cgroup, then remove it."""
        for folder in self.folders:
            for _ in range(50):
                pids = _pids(folder)
                if not pids:
                    break
                for pid in pids:
                    try:
                        os.kill(pid, signal.SIGKILL)
                    except OSError:
                        pass
                time.sleep(0.02)
            _remove(folder)


def _writable_parents(processes: int, memory_bytes: int):
    """(the grader's own cgroup folder in a hierarchy, the limit files to write there)."""
    try:
        lines = Path("/proc/self/cgroup").read_text().splitlines()
    except OSError:
        return []
    found = []
    for line in lines:
        _, controllers, path = line.split(":", 2)
        if controllers == "":  # v2: the unified hierarchy, at /sys/fs/cgroup or /sys/fs/cgroup/unified
            for mount in (CGROUP_ROOT, CGROUP_ROOT / "unified"):
                if (mount / "cgroup.controllers").exists():
                    found.append(
                        (
                            mount / path.lstrip("/"),
                            {"pids.max": processes, "memory.max": memory_bytes, "memory.swap.max": 0},
                        )
                    )
                    break
        elif "pids" in controllers.split(","):
            found.append((CGROUP_ROOT / controllers / path.lstrip("/"), {"pids.max": processes}))
        elif "memory" in controllers.split(","):
            found.append((CGROUP_ROOT / controllers / path.lstrip("/"), {"memory.limit_in_bytes": memory_bytes}))
    return [(parent, limits) for parent, limits in found if os.access(parent, os.W_OK)]


def _pids(folder: Path) -> list[int]:
    try:
        return [int(p) for p in (folder / "cgroup.procs").read_text().split()]
    except (OSError, ValueError):
        return []


def _remove(folder: Path) -> None:
    try:
        folder.rmdir()
    except OSError:
        pass
