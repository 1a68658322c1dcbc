"""The team commands: `shard`, `merge`, `agreement`, `stats` (registered on the `reviewer` group)."""

from __future__ import annotations

import json
from pathlib import Path

import click

from reviewer.cli.common import db_option, format_option, open_storage, verbosity
from reviewer.core.paths import default_db_path


class Percent(click.ParamType):
    """A percentage: "5", "5%" or "2.5%"."""

    name = "percent"

    def convert(self, value, param, ctx):
        if isinstance(value, (int, float)):
            return float(value)
        text = str(value).strip().rstrip("%").strip()
        try:
            number = float(text)
        except ValueError:
            self.fail(f"{value!r} is not a percentage (5 or 5%)", param, ctx)
        if not 0 <= number <= 100:
            self.fail(f"{value!r} is not between 0 and 100", param, ctx)
        return number


def _team_errors(func):
    from functools import wraps

    @wraps(func)
    def wrapper(*args, **kwargs):
        from reviewer.core.team import TeamError

        try:
            return func(*args, **kwargs)
        except TeamError as err:
            raise click.ClickException(str(err)) from None
    return wrapper


def _ratio(x: float | None, digits: int = 3) -> str:
    return "n/a" if x is None else f"{x:.{digits}f}"


def register(group: click.Group) -> None:
    @group.command("shard")
    @db_option
    @click.option("--into", "into", required=True, type=click.IntRange(1, 1000), help="How many shards.")
    @click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
                  help="The folder to write the shard databases to.")
    @click.option("--overlap", type=Percent(), default="0", show_default=True,
                  help="Percent of the documents given to two reviewers, to measure agreement.")
    @click.option("--by", "by", type=click.Choice(["company", "filing", "random"]), default="filing",
                  show_default=True, help="Keep a company's filings together, or runs of filings, or shuffle.")
    @click.option("--seed", type=int, default=0, show_default=True, help="The same seed gives the same shards.")
    @click.option("--overwrite", is_flag=True, help="Replace shard files of the same names.")
    @_team_errors
    def shard_cmd(db_path, into, out_dir, overlap, by, seed, overwrite):
        """Share a corpus out: INTO review databases, one per reviewer, each complete (documents,
        fields, audit), a filing's parts always together."""
        from reviewer.core.team import shard

        db = db_path or default_db_path()
        report = shard(db, into, out_dir, overlap=overlap, by=by, seed=seed, overwrite=overwrite)
        if verbosity().quiet:
            return
        for path, docs in zip(report.paths, report.documents):
            click.echo(f"{path}  {docs} document{'s' if docs != 1 else ''}")
        click.echo(f"{len(report.paths)} shards of {db}; {report.shared} documents given to two reviewers "
                   f"(corpus {report.corpus_id[:8]})")

    @group.command("merge")
    @click.option("--out", "out", required=True, type=click.Path(dir_okay=False, path_type=Path),
                  help="The database to merge into (made from the first input when it does not exist).")
    @click.argument("inputs", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
    @_team_errors
    def merge_cmd(out, inputs):
        """Merge the decisions of INPUTS (shards of one corpus, or a merged database) into --out:
        audit trails are united, decisions that differ become conflicts to adjudicate."""
        from reviewer.core.team import merge

        level = verbosity()
        report = merge(out, inputs, progress=(lambda m: click.echo(m, err=True)) if level.verbose else None)
        if level.quiet:
            return
        made = "made" if report.created else "merged into"
        click.echo(f"{made} {out} from {len(report.inputs)} database{'s' if len(report.inputs) != 1 else ''}: "
                   f"{report.documents} documents, {report.fields} fields and {report.audit} audit rows added, "
                   f"{report.changed_fields} fields changed; {report.conflicts} conflict"
                   f"{'s' if report.conflicts != 1 else ''} to adjudicate")

    @group.command("agreement")
    @db_option
    @format_option("text", "json")
    @_team_errors
    def agreement_cmd(db_path, fmt):
        """Agreement between reviewers on the documents they shared: Cohen's kappa on field
        decisions and span F1 (exact and overlapping), per label, per pair and overall."""
        from reviewer.core.team.agreement import agreement

        with open_storage(db_path, create=False) as storage:
            result = agreement(storage)
        if fmt == "json":
            click.echo(json.dumps(result.as_dict(), indent=2, sort_keys=True))
            return
        if not result.pairs:
            click.echo("No document was decided by two reviewers: nothing to compare.")
            return
        click.echo(f"{result.documents} documents decided by two reviewers or more")
        head = f"  {'label':<22} {'fields':>6} {'same':>6} {'kappa':>6} {'spans':>11} {'F1 exact':>8} {'F1 overlap':>10}"
        blocks = [(f"{a} and {b}", t) for (a, b), t in sorted(result.pairs.items())]
        if len(result.pairs) > 1:
            blocks.append(("all pairs", result.overall))
        for title, tallies in blocks:
            click.echo(f"\n{title}\n{head}")
            for label in ["", *sorted(k for k in tallies if k)]:
                d = tallies[label].as_dict()
                spans = f"{d['spans_a']}/{d['spans_b']}"
                click.echo(f"  {label or 'all labels':<22} {d['fields']:>6} {d['same_status']:>6} "
                           f"{_ratio(d['kappa'], 2):>6} {spans:>11} {_ratio(d['span_f1_exact']):>8} "
                           f"{_ratio(d['span_f1_overlap']):>10}")

    @group.command("stats")
    @db_option
    @click.option("--html", "html_out", type=click.Path(dir_okay=False, path_type=Path), default=None,
                  help="Also write a self-contained HTML report with charts (needs the team extra).")
    @format_option("text", "json")
    @_team_errors
    def stats_cmd(db_path, html_out, fmt):
        """The team's progress per reviewer, decisions per hour, acceptance rate per label and
        the most-corrected labels."""
        from reviewer.core.team.stats import stats

        db = db_path or default_db_path()
        with open_storage(db_path, create=False) as storage:
            result = stats(storage)
        if html_out is not None:
            from reviewer.core.team import report
            from reviewer.core.team.charts import ChartsUnavailable

            try:
                report.write(result, html_out, f"Review statistics: {Path(db).name}")
            except ChartsUnavailable as err:
                raise click.ClickException(str(err)) from None
        if fmt == "json":
            click.echo(json.dumps(result.as_dict(), indent=2, sort_keys=True))
            return
        if verbosity().quiet:
            return
        for r in result.reviewers:
            done = sum(result.documents_per_day.get(r, {}).values())
            click.echo(f"{r:<20} {result.total(r):>7} decisions in {len(result.per_hour[r])} active hours "
                       f"({result.pace(r):.0f}/hour), {done} documents done")
        if not result.reviewers:
            click.echo("No decisions yet.")
        click.echo(f"\n{'label':<22} {'accepted':>8} {'edited':>7} {'rejected':>8} {'added':>6} {'acceptance':>10}")
        for o in sorted(result.labels.values(), key=lambda o: o.label):
            if o.decided or o.added:
                click.echo(f"{o.label:<22} {o.accepted:>8} {o.edited:>7} {o.rejected:>8} {o.added:>6} "
                           f"{_ratio(o.acceptance, 2):>10}")
        top = result.most_corrected(5)
        if top:
            click.echo("\nMost corrected: " + ", ".join(f"{o.label} ({o.corrected_share:.0%})" for o in top))
        if html_out is not None:
            click.echo(f"\nReport written to {html_out}")
