"""Confining the grader's child without bubblewrap, when the grader runs as root.

Without bubblewrap a root grader still never runs a student's code as root.  In the forked child,
before it executes Python (``Popen``'s ``preexec_fn``), ``enter`` does, in this order:

1. **private root** (when root may make a mount namespace, as on most machines and VMs): a new mount
   and network namespace whose root is an empty tmpfs holding, read-only, only what the child needs
   (the system folders, the Python runtime and the course's importable code, 3 files of the
   autograder) and a private /tmp: no references, hidden cases, solutions, tests, grade book or
   other submissions, no network, as with bubblewrap;
2. **resource limits**: address space, file size, no core dumps, and a process count;
3. **a user id of its own** (``setgroups``/``setgid``/``setuid``), so that the process count
   applies (it does not to root), the child cannot write the instructor's files, and ``kill(-1)``
   reaches only the sandbox's own processes.

Where no mount namespace can be made (a container without CAP_SYS_ADMIN) only 2 and 3 happen; the
grader then says which of the course's files the sandbox's user can still read
(``readable_secrets``).  Everything here runs between fork and exec: no imports, no threads.
"""

from __future__ import annotations

import ctypes
import os
import resource
import stat
from dataclasses import dataclass, field
from pathlib import Path

CLONE_NEWNS, CLONE_NEWNET = 0x00020000, 0x40000000
MS_RDONLY, MS_NOSUID, MS_NODEV, MS_REMOUNT, MS_BIND, MS_REC, MS_PRIVATE = 1, 2, 4, 32, 4096, 16384, 1 << 18
SYSTEM_FOLDERS = ("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/etc")

_libc = ctypes.CDLL(None, use_errno=True)


@dataclass(frozen=True)
class Plan:
    """How one sandbox's child is confined (built by the grader, carried out in the child)."""

    memory_bytes: int
    files_bytes: int
    processes: int  # RLIMIT_NPROC
    uid: int | None = None  # the user id the child becomes (None: it stays who the grader is)
    root: str | None = None  # an empty folder that becomes the child's private root
    read_only: tuple[str, ...] = ()  # folders and files shown read-only at their own paths
    hidden: tuple[str, ...] = ()  # folders inside those, covered by an empty tmpfs (an installed
    revealed: tuple[str, ...] = ()  # wheel's autograder/), then files shown read-only again
    writable: tuple[tuple[str, str], ...] = ()  # (outside, inside) pairs shown writable
    links: tuple[tuple[str, str], ...] = ()  # (target, path) symlinks (/bin -> usr/bin)
    tmp_bytes: int = 0
    cgroup_procs: tuple[str, ...] = field(default=())  # cgroup.procs files the child joins


def enter(plan: Plan) -> None:
    """In the forked child, before exec: confine it as ``plan`` says (see the module's docstring)."""
    for procs in plan.cgroup_procs:
        with open(procs, "w") as f:  # joined first: everything the child starts is counted there
            f.write(str(os.getpid()))
    if plan.root:
        _enter_private_root(plan)
    memory, files = plan.memory_bytes, plan.files_bytes
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    resource.setrlimit(resource.RLIMIT_FSIZE, (files, files))
    resource.setrlimit(resource.RLIMIT_NPROC, (plan.processes, plan.processes))
    if plan.uid is not None:
        os.setgroups([])
        os.setgid(plan.uid)
        os.setuid(plan.uid)
        if os.getuid() == 0 or os.geteuid() == 0:  # never go on as root
            os._exit(126)


def _enter_private_root(plan: Plan) -> None:
    _check(_libc.unshare(CLONE_NEWNS | CLONE_NEWNET), "unshare")
    _mount(None, "/", None, MS_REC | MS_PRIVATE)  # nothing done here reaches the machine's mounts
    root = plan.root
    _mount("tmpfs", root, "tmpfs", MS_NOSUID | MS_NODEV, "mode=0755,size=16m")
    # /tmp first, so that a runtime that lives under /tmp (a CI runner's venv) is bound inside it
    _mount("tmpfs", _folder(root + "/tmp", 0o1777), "tmpfs", MS_NOSUID | MS_NODEV, f"mode=1777,size={plan.tmp_bytes}")
    for path in plan.read_only:
        _bind(path, root + path, read_only=True)
    for path in plan.hidden:
        _mount("tmpfs", root + path, "tmpfs", MS_NOSUID | MS_NODEV, "mode=0755,size=1m")
    for path in plan.revealed:
        _bind(path, root + path, read_only=True)
    for target, path in plan.links:
        os.symlink(target, root + path)
    for outside, inside in plan.writable:
        _bind(outside, root + inside, read_only=False)
    _minimal_dev(root + "/dev")
    _bind("/proc", root + "/proc", read_only=False)  # a new procfs is refused in some containers
    _libc.chmod(root.encode(), 0o755)
    os.chroot(root)
    os.chdir("/tmp")


def _minimal_dev(dev: str) -> None:
    """A small /dev of its own, as bubblewrap's --dev makes: the harmless device nodes, and a
    /dev/shm that holds 1 MB (the machine's shared memory would escape the memory limit)."""
    _mount("tmpfs", _folder(dev, 0o755), "tmpfs", MS_NOSUID, "mode=0755,size=1m")
    for node in ("null", "zero", "full", "random", "urandom"):
        _bind("/dev/" + node, f"{dev}/{node}", read_only=False)
    for name, target in (
        ("fd", "/proc/self/fd"),
        ("stdin", "/proc/self/fd/0"),
        ("stdout", "/proc/self/fd/1"),
        ("stderr", "/proc/self/fd/2"),
    ):
        os.symlink(target, f"{dev}/{name}")
    _folder(dev + "/shm", 0o1777)


def _bind(source: str, target: str, read_only: bool) -> None:
    if os.path.isdir(source):
        _folder(target, 0o755)
    else:
        _folder(os.path.dirname(target), 0o755)
        os.close(os.open(target, os.O_CREAT | os.O_WRONLY, 0o644))
    _mount(source, target, None, MS_BIND | MS_REC)
    if read_only:
        _mount(None, target, None, MS_BIND | MS_REMOUNT | MS_RDONLY | MS_NOSUID)


def _folder(path: str, mode: int) -> str:
    """Make ``path`` and its missing parents in the private root, readable by the child's user."""
    parts = path.split("/")
    for i in range(2, len(parts) + 1):
        folder = "/".join(parts[:i])
        if not os.path.isdir(folder):
            os.mkdir(folder)
            _libc.chmod(folder.encode(), mode if i == len(parts) else 0o755)
    return path


def _mount(source, target, kind, flags, data=None) -> None:
    code = _libc.mount(
        source and source.encode(), target.encode(), kind and kind.encode(), flags, data and data.encode()
    )
    _check(code, f"mount {target}")


def _check(code: int, what: str) -> None:
    if code != 0:
        raise OSError(ctypes.get_errno(), f"{what}: {os.strerror(ctypes.get_errno())}")


def private_root_plan(
    root: str, runtime: frozenset[str], autograder: str, autograder_files: list[str], mplconfig: str, tmp_bytes: int
) -> dict:
    """The parts of a ``Plan`` that show the child only what it needs: the system and runtime folders,
    and of the ``autograder`` folder only ``autograder_files`` (when the autograder lies inside a runtime
    folder, as in an installed wheel, the folder is covered first)."""
    system = [top for top in SYSTEM_FOLDERS if os.path.isdir(top) and not os.path.islink(top)]
    links = [top for top in SYSTEM_FOLDERS if os.path.islink(top)]  # /bin -> usr/bin: shown through /usr
    shown = sorted({*system, *runtime} - set(links))
    inside = any(autograder.startswith(folder.rstrip("/") + "/") for folder in shown)
    return {
        "root": root,
        "read_only": tuple(shown),
        "hidden": (autograder,) if inside else (),
        "revealed": tuple(autograder_files),
        "writable": ((mplconfig, "/tmp/matplotlib"),),
        "tmp_bytes": tmp_bytes,
        "links": tuple((os.readlink(top), top) for top in links),
    }


def readable_by_others(path: Path) -> bool:
    """Whether a user who owns nothing here (the sandbox's) can read ``path``, by its mode bits."""
    try:
        for folder in [*reversed(path.parents)]:
            if not folder.stat().st_mode & stat.S_IXOTH:
                return False
        mode = path.stat().st_mode
    except OSError:
        return False
    return bool(mode & stat.S_IROTH) and (not stat.S_ISDIR(mode) or bool(mode & stat.S_IXOTH))


def readable_secrets(paths: list[Path]) -> list[Path]:
    """Those of ``paths`` (the references, hidden cases, solutions, submissions ...) that the
    sandbox's user could read where no private root can be made."""
    return [p for p in paths if p.exists() and readable_by_others(p)]
