"""A real class on a JupyterHub, for tests/test_jupyterhub.py: system accounts, the course's hub set up
by docs/jupyterhub/setup_hub.py and run from docs/jupyterhub/jupyterhub_config.py, and a browser
that logs in as each person.

Everything started here is stopped by ``ClassHub.stop``, which also deletes the accounts it created
(all named ``nnc-...``): the hub and its proxy (their own process group), and every process that
runs as one of those accounts (single-user servers, kernels).
"""

from __future__ import annotations

import json
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SETUP = ROOT / "docs" / "jupyterhub" / "setup_hub.py"
CONFIG = ROOT / "docs" / "jupyterhub" / "jupyterhub_config.py"
PREFIX = Path(os.environ.get("NNCOURSE_HUB_PREFIX", "/opt/nncourse-hub"))
COURSE_ID = "nncourse"
PASSWORD = "nncourse-hub-test-password"  # every test account's, set with chpasswd; the hub checks it with PAM


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run(*command, check=True, **kwargs) -> subprocess.CompletedProcess:
    done = subprocess.run(list(map(str, command)), capture_output=True, text=True, **kwargs)
    if check and done.returncode != 0:
        raise AssertionError(f"{' '.join(map(str, command))} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    return done


def processes_of(uids: set[int]) -> list[int]:
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if entry.stat().st_uid in uids:
                    pids.append(int(entry.name))
            except OSError:
                pass
    return pids


class ClassHub:
    """One instructor and a few students on a hub at 127.0.0.1, with nbgrader's exchange in a
    folder of its own."""

    def __init__(self, instructor: str, students: list[str], log_dir: Path):
        assert all(name.startswith("nnc-") for name in [instructor, *students])
        self.instructor, self.students = instructor, list(students)
        self.users = [instructor, *students]
        self.work = Path(tempfile.mkdtemp(prefix="nnc-hub-"))
        os.chmod(self.work, 0o755)  # the exchange inside must be reachable by every account
        self.exchange = self.work / "exchange"
        self.state = self.work / "hub"
        self.log_dir = log_dir
        self.hub: subprocess.Popen | None = None
        self.created: list[str] = []
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"

    # -- accounts and setup -------------------------------------------------------------------
    def create_accounts(self) -> None:
        for name in self.users:
            if self._exists(name):  # left by an earlier run that was killed: ours by its prefix
                self._delete_account(name)
            run("useradd", "--create-home", "--shell", "/bin/bash", "--comment", "nncourse hub test", name)
            self.created.append(name)
            run("chpasswd", input=f"{name}:{PASSWORD}\n")  # the hub logs them in through PAM

    def setup(self) -> None:
        common = ["--prefix", PREFIX, "--exchange", self.exchange, "--course-id", COURSE_ID]
        run("/usr/bin/python3", SETUP, *common, "install", timeout=900)
        run("/usr/bin/python3", SETUP, *common, "exchange")
        run("/usr/bin/python3", SETUP, *common, "instructor", self.instructor, "--late-penalty", "zero", timeout=300)
        run("/usr/bin/python3", SETUP, *common, "student", *self.students, timeout=300)

    def home(self, user: str) -> Path:
        return Path(pwd.getpwnam(user).pw_dir)

    @property
    def course(self) -> Path:
        return self.home(self.instructor) / "course"

    # -- the hub ------------------------------------------------------------------------------
    def start(self) -> None:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTER", "JPY", "NNCOURSE"))}
        env.update(
            {
                "NNCOURSE_HUB_PREFIX": str(PREFIX),
                "NNCOURSE_HUB_STATE": str(self.state),
                "NNCOURSE_HUB_INSTRUCTORS": self.instructor,
                "NNCOURSE_HUB_STUDENTS": ",".join(self.students),
                "NNCOURSE_HUB_URL": self.url,
                "NNCOURSE_HUB_AUTHENTICATOR": "pam",
                "NNCOURSE_HUB_PROXY_API": f"http://127.0.0.1:{free_port()}",
                "NNCOURSE_HUB_INTERNAL": f"127.0.0.1:{free_port()}",
                "PATH": f"{PREFIX}/venv/bin:/usr/local/bin:/usr/bin:/bin",
            }
        )
        self.state.mkdir(parents=True, exist_ok=True)
        self.log_dir.mkdir(parents=True, exist_ok=True)
        self.log = open(self.log_dir / "jupyterhub.log", "w")
        self.hub = subprocess.Popen(
            [PREFIX / "venv" / "bin" / "jupyterhub", "-f", CONFIG],
            cwd=self.state,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 120
        while True:
            try:
                urllib.request.urlopen(f"{self.url}/hub/health", timeout=2)
                return
            except OSError as exc:
                if time.monotonic() > deadline or self.hub.poll() is not None:
                    raise RuntimeError(f"JupyterHub did not start: see {self.log.name}") from exc
                time.sleep(0.5)

    def stop(self) -> None:
        """Stop everything started here and delete the accounts, whatever state the test left."""
        uids = set()
        for name in self.created:
            try:
                uids.add(pwd.getpwnam(name).pw_uid)
            except KeyError:
                pass
        if self.hub is not None and self.hub.poll() is None:
            try:
                os.killpg(self.hub.pid, signal.SIGTERM)  # the hub stops its proxy on the way out
                self.hub.wait(timeout=20)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                pass
        for sig in (signal.SIGTERM, signal.SIGKILL):  # single-user servers and kernels, as the accounts
            for pid in processes_of(uids):
                try:
                    os.kill(pid, sig)
                except ProcessLookupError:
                    pass
            deadline = time.monotonic() + 10
            while processes_of(uids) and time.monotonic() < deadline:
                time.sleep(0.2)
        if self.hub is not None:
            try:
                os.killpg(self.hub.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.hub.wait()
        pid_file = self.state / "jupyterhub-proxy.pid"  # a proxy the hub did not stop
        if pid_file.is_file():
            try:
                os.kill(int(pid_file.read_text().strip()), signal.SIGKILL)
            except (ValueError, ProcessLookupError):
                pass
        if hasattr(self, "log"):
            self.log.close()
        for name in self.created:
            self._delete_account(name)
        self.created = []
        shutil.rmtree(self.work, ignore_errors=True)

    @staticmethod
    def _exists(name: str) -> bool:
        try:
            pwd.getpwnam(name)
            return True
        except KeyError:
            return False

    @staticmethod
    def _delete_account(name: str) -> None:
        assert name.startswith("nnc-")
        run("userdel", "-r", "-f", name, check=False)  # -f: even if a process of it lingers
        shutil.rmtree(f"/home/{name}", ignore_errors=True)

    # -- as one of the accounts ---------------------------------------------------------------
    def as_user(self, user: str, *command, check=True, cwd=None, timeout=600, env=None):
        home = self.home(user)
        environment = {
            "HOME": str(home),
            "USER": user,
            "PATH": f"{PREFIX}/venv/bin:/usr/bin:/bin",
            "MPLBACKEND": "Agg",
            **(env or {}),
        }
        return run(
            "runuser",
            "-u",
            user,
            "--",
            "env",
            "-i",
            *(f"{k}={v}" for k, v in environment.items()),
            *command,
            check=check,
            cwd=cwd or home,
            timeout=timeout,
        )

    def python_as(self, user: str, code: str, check=True):
        return self.as_user(user, PREFIX / "venv" / "bin" / "python", "-c", code, check=check)

    def nbgrader(self, *args, check=True, timeout=600):
        """nbgrader's command line, as the instructor, in the course folder (as in a hub terminal)."""
        return self.as_user(
            self.instructor,
            PREFIX / "venv" / "bin" / "nbgrader",
            *args,
            check=check,
            cwd=self.course,
            timeout=timeout,
            env={"NNCOURSE_ROOT": str(self.course)},
        )

    def write_notebook(self, user: str, path: Path, nb) -> None:
        """Save a notebook as ``user`` would: their file, with their ownership."""
        import nbformat

        account = pwd.getpwnam(user)
        nbformat.write(nb, path)
        os.chown(path, account.pw_uid, account.pw_gid)


def read_json(path: Path):
    return json.loads(Path(path).read_text())
