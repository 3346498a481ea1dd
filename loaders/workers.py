"""Dataset files read and schema-checked by worker processes, results in the files' order.

Validation of the national load is CPU-bound Python (parse, pydantic, positions), one file at
a time; files are independent until the cross-file checks, so each worker process reads some
of them and sends back what `loaders.validate` would have built in this process.

The workers are fresh interpreters started with ``python -c`` (this process's ``sys.path``
given to them), not ``multiprocessing``: that would fork a process that may run other threads
(a progress bar), or re-run the caller's ``__main__`` script in every worker, which a script
without a ``__main__`` guard would take as a second load. A worker that cannot be started or
dies leaves its files to this process; the results are the same either way.
"""

from __future__ import annotations

import pickle
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, BinaryIO, Final, Generic, TypeVar, cast

_R = TypeVar("_R")
_BOOT: Final = "import sys; sys.path[:0] = {path!r}; from loaders.workers import serve; serve()"


def serve() -> None:
    """A worker's main: a pickled list of paths on stdin, one pickled result per path on
    stdout, in order."""
    from loaders.validate import read_path

    out = sys.stdout.buffer
    paths: list[Path] = pickle.load(sys.stdin.buffer)  # noqa: S301 - from the parent, our own
    for path in paths:
        pickle.dump(read_path(path), out, protocol=pickle.HIGHEST_PROTOCOL)
        out.flush()


class _Worker(Generic[_R]):
    """One worker process and the thread that unpickles its results as they come."""

    def __init__(self, paths: list[Path]) -> None:
        self.paths = paths
        self.results: dict[Path, _R] = {}
        self.done = threading.Condition()
        self.finished = False
        self.failed = False
        boot = _BOOT.format(path=[p for p in sys.path if p])
        self.proc = subprocess.Popen(
            [sys.executable, "-c", boot],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write(pickle.dumps(paths, protocol=pickle.HIGHEST_PROTOCOL))
        self.proc.stdin.close()
        self.thread = threading.Thread(
            target=self._collect, args=(self.proc.stdout,), daemon=True, name="orggraph-read"
        )
        self.thread.start()

    def _collect(self, stream: BinaryIO) -> None:
        try:
            for path in self.paths:
                result: Any = pickle.load(stream)  # noqa: S301 - our own worker's pipe
                with self.done:
                    self.results[path] = result
                    self.done.notify_all()
        except Exception:  # a dead or broken worker: its remaining files are read here
            self.failed = True
        finally:
            with self.done:
                self.finished = True
                self.done.notify_all()

    def take(self, path: Path) -> tuple[bool, _R | None]:
        """(True, result) once the worker has read `path`; (False, None) if it died first."""
        with self.done:
            while path not in self.results and not self.finished:
                self.done.wait()
            if path in self.results:
                return True, self.results.pop(path)
            return False, None

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()
        assert self.proc.stdout is not None
        self.proc.stdout.close()
        self.thread.join()


def _share(paths: Sequence[Path], n: int, size: Callable[[Path], int]) -> list[list[Path]]:
    """Files dealt to `n` workers, largest first to the least loaded, each worker's list kept
    in the callers' order (the order results are taken in)."""
    order = {p: i for i, p in enumerate(paths)}
    shares: list[list[Path]] = [[] for _ in range(n)]
    loads = [0] * n
    for p in sorted(paths, key=lambda p: -size(p)):
        k = loads.index(min(loads))
        shares[k].append(p)
        loads[k] += size(p) + 1
    return [sorted(s, key=order.__getitem__) for s in shares if s]


def read_in_workers(
    paths: Sequence[Path],
    workers: int,
    read_here: Callable[[Path], _R],
    size: Callable[[Path], int],
) -> Iterator[_R]:
    """`read_here(path)` for every path, in order, computed by `workers` processes (each
    running loaders.validate.read_path); a file whose worker failed is read here."""
    pool: list[_Worker[_R]] = []
    owner: dict[Path, _Worker[_R]] = {}
    try:
        for share in _share(paths, workers, size):
            try:
                w: _Worker[_R] = _Worker(share)
            except OSError:
                continue  # read here instead
            pool.append(w)
            owner.update(dict.fromkeys(share, w))
        for path in paths:
            worker = owner.get(path)
            if worker is not None:
                ok, result = worker.take(path)
                if ok:
                    yield cast(_R, result)
                    continue
            yield read_here(path)
    finally:
        for w in pool:
            w.close()
