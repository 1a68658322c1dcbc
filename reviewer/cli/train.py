"""`reviewer train`: a spaCy pipeline from the approved documents of a database."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import click

from reviewer.cli.common import db_option, format_option, open_storage, verbosity


def register(group: click.Group) -> None:
    @group.command("train")
    @db_option
    @click.option("--out", "out", required=True, type=click.Path(file_okay=False, path_type=Path),
                  help="Folder to save the pipeline in (created; an earlier model there is replaced).")
    @click.option("--component", type=click.Choice(["spancat", "ner"]), default="spancat", show_default=True,
                  help="spancat keeps overlapping fields; ner keeps one label per token.")
    @click.option("--suggester", type=click.Choice(["finder", "ngram"]), default="finder", show_default=True,
                  help="Candidate spans: a span finder's, or every n-gram (slower).")
    @click.option("--epochs", type=click.IntRange(min=1), default=10, show_default=True)
    @click.option("--max-steps", type=click.IntRange(min=1), default=None, help="Stop after this many updates.")
    @click.option("--held-out", type=click.FloatRange(0, 0.9), default=0.2, show_default=True,
                  help="Share of filings kept apart for the scores.")
    @click.option("--seed", type=int, default=0, show_default=True, help="For the split and the training.")
    @click.option("--width", type=click.IntRange(min=8), default=None,
                  help="Width of the token vectors [default: the trainer's, 64].")
    @click.option("--depth", type=click.IntRange(min=1), default=None,
                  help="Convolution layers over them [default: the trainer's, 2].")
    @click.option("--labels", default=None, help="Only these labels (comma-separated).")
    @format_option("text", "json")
    def train_cmd(db_path, out, component, suggester, epochs, max_steps, held_out, seed, width, depth, labels, fmt):
        """Train a model on the approved documents: accepted, edited and added fields are what
        it learns; rejected fields and "not in document" marks are its negatives. Prints
        precision, recall and F1 per label on held-out filings. CPU only, nothing downloaded.
        """
        from reviewer.core.learn.data import approved_documents
        from reviewer.core.learn.train import TrainConfig, train

        quiet = verbosity().quiet
        wanted = {x.strip() for x in labels.split(",") if x.strip()} if labels else None
        if out.exists() and any(out.iterdir()) and not (out / "meta.json").exists():
            raise click.ClickException(f"{out} is a folder with other files in it, not a model: choose another")
        with open_storage(db_path, create=False) as storage:
            docs = approved_documents(storage, wanted)
        if not docs:
            raise click.ClickException("no approved document to learn from: approve some first")
        sizes = {k: v for k, v in (("width", width), ("depth", depth)) if v is not None}
        config = TrainConfig(component=component, suggester=suggester, epochs=epochs, max_steps=max_steps,
                             held_out=held_out, seed=seed, **sizes)
        shown = {"at": 0.0}
        tty = sys.stderr.isatty()

        def progress(step, steps, loss):
            now = time.monotonic()
            if quiet or (now - shown["at"] < 1.0 and step < steps):
                return
            shown["at"] = now
            line = f"[{step}/{steps}] loss {loss:.2f}"
            click.echo(("\r" + line) if tty else line, err=True, nl=not tty or step == steps)

        def say(line):
            if not quiet:
                click.echo(line, err=True)

        try:
            result = train(docs, out, config, progress=progress, say=say)
        except (ValueError, ImportError) as err:
            raise click.ClickException(str(err)) from None
        if fmt == "json":
            from dataclasses import asdict

            click.echo(json.dumps(asdict(result), ensure_ascii=False, indent=2))
            return
        click.echo(f"Saved {component} model to {out}: {result.train_documents} document(s), {result.spans} "
                   f"span(s), {result.steps} step(s) in {result.seconds:.1f} s")
        click.echo(f"Negatives: {result.rejected_spans} rejected span(s), {result.absent_marks} "
                   "\"not in document\" mark(s) (every span not approved as a label is a negative for it)")
        if result.crossed or result.too_long:
            click.echo(f"Left out: {result.crossed} span(s) across a piece boundary, {result.too_long} longer "
                       "than the longest span proposed")
        if result.scores:
            click.echo(f"Held out: {result.held_out_documents} document(s), exact spans")
            click.echo(result.table())
        else:
            click.echo("Held out: none (fewer than two filings, or --held-out 0): no scores")
