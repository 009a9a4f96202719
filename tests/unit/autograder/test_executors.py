"""The local pool makes one worker (one grader, with its warm sandboxes) per process, not one per item."""

import functools
import os

from nncourse.autograder.executors import InlineExecutor, LocalPoolExecutor


class Worker:
    """A stand-in for the grader: says which process made it, and how many that process had made."""

    made_here = 0

    def __init__(self, label):
        self.label = label

    def __enter__(self):
        Worker.made_here += 1
        self.made = (os.getpid(), Worker.made_here)
        return self

    def __exit__(self, *exc):
        return False


def which_worker(worker, item):
    return worker.made


def test_each_pool_process_keeps_one_worker_for_all_its_items():
    make_worker = functools.partial(Worker, "grader")
    results = [result for _, result in LocalPoolExecutor(2).run(make_worker, which_worker, list(range(12)))]
    assert len(results) == 12
    pids = {pid for pid, _ in results}
    assert len(set(results)) == len(pids) <= 2  # one worker per process, made by its first item


def test_the_inline_executor_makes_one_worker():
    results = [r for _, r in InlineExecutor().run(functools.partial(Worker, "grader"), which_worker, range(5))]
    assert len(set(results)) == 1
