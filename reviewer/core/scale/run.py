"""A corpus run on Dask: the batches not done yet, one task each, on a local cluster or a
given scheduler. Scheduling, retries (a task whose worker dies is run again elsewhere, up
to distributed's ``allowed-failures``) and data movement are Dask's; this module only
says what to run and records what came back.

Workers read the inputs and write the Parquet files themselves, so on a real cluster the
inputs and the output folder must be at the same path on every worker (a shared file
system).
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from reviewer import __version__
from reviewer.core.scale.inputs import Plan, plan
from reviewer.core.scale.tables import is_done, write_part
from reviewer.core.scale.work import process_batch
from reviewer.core.sources import DEFAULT_MAX_BYTES


@dataclass
class RunSummary:
    batches: int = 0
    skipped_batches: int = 0  # done by an earlier run
    inputs: int = 0
    documents: int = 0
    fields: int = 0
    errors: int = 0
    passed_inputs: int = 0  # not of the forms asked for
    ran: list[str] = field(default_factory=list)  # the batches this run ran
    failed_batches: list[tuple[str, str]] = field(default_factory=list)  # (batch, reason)
    passed: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0
    dashboard: str | None = None

    @property
    def ok(self) -> bool:
        return not self.errors and not self.failed_batches


def salt_for(schema_path: str | None, forms: frozenset[str] | None = None) -> str:
    """What names the extraction in a batch's id: the program's version, the schema and
    the forms kept."""
    import hashlib

    from reviewer.core.extract.schema import default_schema_path

    with open(schema_path or default_schema_path(), "rb") as f:
        salt = f"reviewer-{__version__}:" + hashlib.sha256(f.read()).hexdigest()[:16]
    return salt + (":" + ",".join(sorted(forms)) if forms else "")


@contextlib.contextmanager
def dask_client(scheduler: str | None = None, workers: int | None = None, processes: bool = True):
    """A distributed Client: on the scheduler at ``scheduler``, else on a LocalCluster of
    ``workers`` single-threaded workers (processes, unless ``processes`` is False)."""
    from distributed import Client, LocalCluster

    if scheduler:
        with Client(scheduler, timeout=20) as client:
            yield client
        return
    n = workers or max(1, (os.cpu_count() or 1))
    with LocalCluster(n_workers=n, threads_per_worker=1, processes=processes, dashboard_address=":0",
                      silence_logs=logging.ERROR) as cluster, Client(cluster) as client:
        yield client


def run(paths: Iterable[str | os.PathLike], out: str | os.PathLike, *, scheduler: str | None = None,
        workers: int | None = None, processes: bool = True, schema_path: str | None = None,
        max_bytes: int = DEFAULT_MAX_BYTES, batch_size: int = 64, forms=None, show_progress: bool = False,
        on_plan: Callable[[Plan, int], None] | None = None, client=None) -> RunSummary:
    """Extract every input under ``paths`` into Parquet under ``out``; batches done by an
    earlier run (same inputs, same extractor) are skipped. A batch whose task fails (its
    worker killed more often than Dask allows) is recorded in the errors table; the run goes
    on. ``forms``: keep only inputs of these form types (EDGAR's spelling, "8-K"; a loose
    file's classified type, "press_release"). ``show_progress``: distributed's progress bar
    on standard error. ``client``: an open distributed Client to use instead of starting one."""
    import time

    started = time.perf_counter()
    out = os.path.abspath(os.fspath(out))
    os.makedirs(out, exist_ok=True)
    schema_path = os.path.abspath(schema_path) if schema_path else None
    forms = frozenset(f.strip().upper() for f in forms) if forms else None
    the_plan = plan(paths, salt=salt_for(schema_path, forms), batch_size=batch_size)
    todo = [b for b in the_plan.batches if not is_done(out, b.id)]
    summary = RunSummary(batches=len(the_plan.batches), skipped_batches=len(the_plan.batches) - len(todo),
                         passed=the_plan.passed)
    if on_plan is not None:
        on_plan(the_plan, len(todo))
    if todo:
        with contextlib.nullcontext(client) if client is not None else dask_client(scheduler, workers, processes) as c:
            summary.dashboard = _dashboard(c)
            _submit(c, todo, out, dict(schema_path=schema_path, max_bytes=max_bytes, forms=forms), show_progress,
                    summary)
    summary.seconds = round(time.perf_counter() - started, 3)
    return summary


def _dashboard(client) -> str | None:
    """The scheduler's dashboard, when it serves one (a local one needs bokeh)."""
    from importlib.util import find_spec

    try:
        local = client.cluster is not None
        return None if local and find_spec("bokeh") is None else client.dashboard_link
    except Exception:  # noqa: BLE001 - a link is a convenience
        return None


def _submit(client, todo, out, options: dict, show_progress, summary: RunSummary) -> None:
    from distributed import progress, wait

    futures = client.map(process_batch, todo, out=out, **options, key=[f"extract-batch-{b.id}" for b in todo])
    if show_progress:
        with contextlib.redirect_stdout(sys.stderr):  # the bar draws on stdout; results go there
            progress(futures)
    wait(futures)
    summary.ran = [b.id for b in todo]
    for batch, future in zip(todo, futures):
        if future.status == "finished":
            counts = future.result()
            summary.inputs += counts["inputs"]
            summary.documents += counts["documents"]
            summary.fields += counts["fields"]
            summary.errors += counts["errors"]
            summary.passed_inputs += counts["passed"]
            continue
        try:
            reason = f"{type(future.exception()).__name__}: {future.exception()}"
        except Exception as err:  # noqa: BLE001 - cancelled, lost
            reason = f"{type(err).__name__}: {err}"
        summary.failed_batches.append((batch.id, reason))
        summary.errors += 1
        write_part(out, "errors", [{"batch": batch.id, "source": it.path, "stage": "task", "reason": reason}
                                   for it in batch.items], batch.id, 9999)
    # a failed batch has no done marker, so the next run tries it again
