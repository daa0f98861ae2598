"""A real Dask cluster on this machine: ``dask scheduler`` and two ``dask worker``
processes on 127.0.0.1, ports chosen free, and ``kwmatch batch --engine dask
--scheduler ADDRESS`` run against it over corpus resumes, as a user with a cluster would.

Each test takes some 10 to 30 seconds on two shared cores; the timeouts are ten times
that and more, so that a loaded CI machine does not fail them.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

import kwmatch

pytest.importorskip("dask.distributed")

pytestmark = pytest.mark.slow

#: Seconds a cluster gets to start (scheduler up, both workers registered).
_START = 120.0
#: Seconds a batch over the corpus files may take.
_BATCH = 600.0
#: Files per test: enough for several partitions on each worker.
_FILES = 64


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _environment() -> dict[str, str]:
    """The workers import this kwmatch, not whichever one the venv holds."""
    source = str(Path(kwmatch.__file__).resolve().parents[1])
    environ = dict(os.environ)
    environ["PYTHONPATH"] = os.pathsep.join([source, *filter(None, [environ.get("PYTHONPATH")])])
    return environ


@dataclass
class Cluster:
    """A scheduler and its workers, each a process in its own session (killable whole)."""

    address: str
    logs: Path
    scheduler: subprocess.Popen[bytes]
    workers: list[subprocess.Popen[bytes]] = field(default_factory=list)

    def kill(self, process: subprocess.Popen[bytes]) -> None:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=_START)

    def close(self) -> None:
        for process in [*self.workers, self.scheduler]:
            self.kill(process)


def _dask(command: list[str], log: Path) -> subprocess.Popen[bytes]:
    with open(log, "wb") as handle:
        return subprocess.Popen(
            [sys.executable, "-m", "dask", *command],
            stdout=handle,
            stderr=subprocess.STDOUT,
            env=_environment(),
            start_new_session=True,
        )


def _wait_for_workers(address: str, count: int, cluster: Cluster) -> None:
    from dask.distributed import Client

    deadline = time.monotonic() + _START
    with Client(address, timeout=_START) as client:
        while len(client.scheduler_info()["workers"]) < count:
            if time.monotonic() > deadline:
                logs = "\n".join(p.read_text() for p in sorted(cluster.logs.glob("*.log")))
                raise AssertionError(f"{count} workers did not register in {_START:g} s:\n{logs}")
            time.sleep(0.2)


@pytest.fixture
def cluster(tmp_path: Path) -> Iterator[Cluster]:
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    logs = tmp_path / "logs"
    logs.mkdir()
    scheduler = _dask(
        ["scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"],
        logs / "scheduler.log",
    )
    running = Cluster(address, logs, scheduler)
    try:
        for number in range(2):
            running.workers.append(
                _dask(
                    [
                        "worker",
                        address,
                        "--host",
                        "127.0.0.1",
                        "--nthreads",
                        "1",
                        "--no-nanny",
                        "--no-dashboard",
                        "--name",
                        f"w{number}",
                    ],
                    logs / f"worker{number}.log",
                )
            )
        _wait_for_workers(address, 2, running)
        yield running
    finally:
        running.close()


def _resumes(corpus: Path) -> list[Path]:
    """Corpus resumes of every category, in a fixed order."""
    files = sorted((corpus / "livecareer").glob("*/*.pdf"))
    return files[:: max(1, len(files) // _FILES)][:_FILES]


def _batch(files: list[Path], out: Path, *engine: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "kwmatch",
            "batch",
            *map(str, files),
            "--out",
            str(out),
            "-q",
            "--top",
            "0",
            *engine,
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=_environment(),
    )


def _busy_worker(address: str) -> int:
    """The number of a worker that holds tasks of the batch now."""
    from dask.distributed import Client

    with Client(address, timeout=_START) as client:
        deadline = time.monotonic() + _START
        while time.monotonic() < deadline:
            names = {a: w["name"] for a, w in client.scheduler_info()["workers"].items()}
            for worker, tasks in client.processing().items():
                if tasks and worker in names:
                    return int(str(names[worker]).removeprefix("w"))
            time.sleep(0.02)
    raise AssertionError("no worker held a task of the batch")


def _records(out: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in out.read_text().splitlines() if line.strip()]


def _finish(process: subprocess.Popen[bytes]) -> None:
    _, err = process.communicate(timeout=_BATCH)
    assert process.returncode in (0, 5), err.decode(errors="replace")


def test_a_cluster_gives_the_records_of_the_local_engine(
    corpus: Path, cluster: Cluster, tmp_path: Path
) -> None:
    files = _resumes(corpus)
    local_out, dask_out = tmp_path / "local.jsonl", tmp_path / "dask.jsonl"
    _finish(_batch(files, local_out, "--jobs", "1"))
    _finish(_batch(files, dask_out, "--engine", "dask", "--scheduler", cluster.address))
    local = {r["path"]: r for r in _records(local_out)}
    remote = {r["path"]: r for r in _records(dask_out)}
    assert len(local) == len(files)
    assert remote.keys() == local.keys()
    for path, record in local.items():
        assert remote[path] == record, path


def test_a_lost_worker_leaves_exactly_one_record_per_file(
    corpus: Path, cluster: Cluster, tmp_path: Path
) -> None:
    files = _resumes(corpus)  # a partition of eight files takes a worker about 0.3 s
    out = tmp_path / "dask.jsonl"
    batch = _batch(files, out, "--engine", "dask", "--scheduler", cluster.address)
    deadline = time.monotonic() + _BATCH
    # Kill a worker once the batch is under way: some records written, most not.
    while not (out.exists() and _records(out)):
        assert batch.poll() is None, "the batch ended before any record was written"
        assert time.monotonic() < deadline, "no record within the time allowed"
        time.sleep(0.05)
    written_before = len(_records(out))
    busy = _busy_worker(cluster.address)
    cluster.kill(cluster.workers[busy])
    assert written_before < len(files), "the batch was over before the worker was lost"
    _finish(batch)
    paths = [r["path"] for r in _records(out)]
    assert sorted(paths) == sorted(str(p) for p in files)
    assert len(set(paths)) == len(paths)
    assert "Remove worker" in (cluster.logs / "scheduler.log").read_text()
