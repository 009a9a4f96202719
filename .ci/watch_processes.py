#!/usr/bin/env python3
"""Run a command while counting the machine's processes and threads; fail if they ever pass a bound.

    python3 .ci/watch_processes.py MAX_TASKS -- COMMAND ...

Prints the highest count seen and the machine's load, so that a CI log shows the test run stayed
bounded throughout (a fork bomb that escaped the grader's limits would show here, and be killed:
the whole process group of the command is stopped once the bound is passed).
"""

import os
import signal
import subprocess
import sys
import time


def tasks() -> int:
    count = 0
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                count += len(os.listdir(f"/proc/{name}/task"))
            except OSError:
                pass
    return count


def main() -> int:
    bound, command = int(sys.argv[1]), sys.argv[sys.argv.index("--") + 1 :]
    before = tasks()
    process = subprocess.Popen(command, start_new_session=True)
    highest, exceeded = before, False
    while process.poll() is None:
        now = tasks()
        highest = max(highest, now)
        if now > bound and not exceeded:
            exceeded = True
            print(f"watch_processes: {now} tasks, over the bound of {bound}: stopping the tests", flush=True)
            os.killpg(process.pid, signal.SIGKILL)
        time.sleep(0.2)
    load = os.getloadavg()[0]
    print(
        f"watch_processes: at most {highest} processes and threads on this machine during the run "
        f"({before} before it; bound {bound}); load average {load:.1f}",
        flush=True,
    )
    return 1 if exceeded else process.returncode


if __name__ == "__main__":
    sys.exit(main())
