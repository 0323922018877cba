"""The command line. Thin: each command is one library call in :mod:`index`.

stdout carries data, stderr carries diagnostics and progress. Exit codes: 0 success,
1 nothing found, 2 bad usage or corpus, 3 index error, 70 unexpected error (a bug: one line names
it; ``BROADSHEET_DEBUG=1`` shows the traceback), 130 interrupted, 141 output pipe closed early
(``broadsheet search x | head -1``: quiet, the code a shell gives a program killed by SIGPIPE).

Everything from outside (titles, file names, front matter, entity names, article text) goes
through :mod:`index.sanitize` before it is printed, so no escape sequence reaches the terminal;
JSON output stays exact (hidden characters are written as ``\\uXXXX`` escapes).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TextIO

from index import __version__
from index.locations import bundled_corpus
from index.sanitize import for_terminal, json_for_terminal, path_for_display, problem_for_display
from index.wording import count

EXIT_OK, EXIT_NOTHING, EXIT_USAGE, EXIT_INDEX, EXIT_INTERRUPTED = 0, 1, 2, 3, 130
EXIT_BUG, EXIT_BROKEN_PIPE = 70, 141
DEBUG_ENV = "BROADSHEET_DEBUG"
COMMANDS = ("index", "search", "show", "export", "entities", "timeline", "bookmarks")


class CliError(Exception):
    """A clean error for the user, with its exit code."""

    def __init__(self, message: str, code: int = EXIT_USAGE) -> None:
        super().__init__(message)
        self.code = code


def _say(message: str) -> None:
    """One diagnostic line on stderr, sanitised (it may quote a file name or a value)."""
    print(f"broadsheet: {for_terminal(message)}", file=sys.stderr)


def _dump_json(value: Any) -> None:
    sys.stdout.write(json_for_terminal(value) + "\n")


def _corpus_arg(p: argparse.ArgumentParser, positional: bool) -> None:
    help_text = "folder of articles (.md, .txt, .html); default: the bundled demo corpus"
    if positional:
        p.add_argument("corpus", nargs="?", type=Path, help=help_text)
    else:
        p.add_argument("--corpus", type=Path, help=help_text)
    p.add_argument("--index", type=Path, metavar="DIR", help="index folder (default: per corpus, in the user cache)")


def _positive(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        n = 0
    if n < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a positive whole number")
    return n


def make_parser() -> argparse.ArgumentParser:
    """The parser of subcommands."""
    parser = argparse.ArgumentParser(
        prog="broadsheet",
        description="A terminal reader for collections of news articles.",
        epilog="Run 'broadsheet [CORPUS]' to open the reader; 'broadsheet COMMAND -h' for a command's help.",
    )
    parser.add_argument("--version", action="version", version=f"broadsheet {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("index", help="build or update the index of a corpus", description="Build or update the index.")
    _corpus_arg(p, positional=True)
    p.add_argument("--force", action="store_true", help="rebuild from scratch")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar or problem list")
    p.add_argument("--timings", action="store_true", help="also print the seconds each stage of the build took")

    p = sub.add_parser(
        "search",
        help="search the articles",
        description=QUERY_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("query", help="the query (quote it in the shell)")
    _corpus_arg(p, positional=False)
    p.add_argument("--limit", type=int, default=10, metavar="N", help="hits to show (default 10)")
    p.add_argument("--sort", choices=("relevance", "date"), default="relevance", help="order of hits")
    p.add_argument("--json", action="store_true", help="print hits as JSON")

    p = sub.add_parser("show", help="print one article", description="Print one article's metadata and text.")
    p.add_argument("id", help="article id (or a unique prefix of one), as 'search' prints it")
    _corpus_arg(p, positional=False)
    p.add_argument("--json", action="store_true", help="print the article as JSON")

    p = sub.add_parser(
        "export",
        help="export everything known about a corpus",
        description="Print the corpus as a broadsheet.export/1 JSON document.",
    )
    _corpus_arg(p, positional=True)
    p.add_argument("--format", choices=("json",), default="json", help="output format (default json)")
    p.add_argument("-o", "--output", type=Path, help="write to this file instead of stdout")

    p = sub.add_parser(
        "bookmarks",
        help="export the bookmarks made in the reader",
        description="Print the reader's bookmarks of a corpus (placed on the current text) as Markdown "
        "citations, CSV or JSON.",
    )
    _corpus_arg(p, positional=True)
    p.add_argument("--format", choices=("md", "csv", "json"), default="md", help="output format (default md)")
    p.add_argument("-o", "--output", type=Path, help="write to this file instead of stdout")

    p = sub.add_parser(
        "timeline",
        help="dated events in order, across sources",
        description="Dated events pulled from the articles, with the sentence as evidence.",
    )
    _corpus_arg(p, positional=False)
    p.add_argument("--entity", metavar="ID", help="only events that mention this entity (id, name or alias)")
    p.add_argument("--from", dest="date_from", metavar="DATE", help="from this date (YYYY, YYYY-MM or YYYY-MM-DD)")
    p.add_argument("--to", dest="date_to", metavar="DATE", help="up to this date")
    p.add_argument("--format", choices=("text", "json", "csv", "timelinejs"), default="text", help="output format")
    p.add_argument(
        "--key-dates",
        type=_positive,
        metavar="N",
        help="instead of every event, the N key dates: the days most distinct articles and sources date "
        "something to (several sources on one happening count most), each with its most central sentences "
        "(--entity, --from and --to still apply; see docs/key-dates.md)",
    )

    p = sub.add_parser(
        "entities",
        help="list, inspect and correct entities",
        description=ENTITIES_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    actions = p.add_subparsers(dest="action", metavar="ACTION")
    a = actions.add_parser("list", help="entities of the corpus, most mentioned first")
    a.add_argument("--type", choices=("PERSON", "ORG", "PLACE"), type=str.upper, help="only this type")
    a.add_argument("--limit", type=int, default=0, metavar="N", help="show at most N")
    a.add_argument("--json", action="store_true", help="print as JSON")
    a = actions.add_parser("show", help="one entity: aliases, articles, linked entities")
    a.add_argument("name", help="entity id, name or alias")
    a.add_argument("--json", action="store_true", help="print as JSON")
    for name, helptext, args in (
        ("merge", "make several entities one (the first keeps its id)", ("names",)),
        ("split", "give an alias of an entity an entity of its own", ("name", "alias")),
        ("rename", "change an entity's display name", ("name", "new_name")),
        ("retype", "change an entity's type", ("name", "new_type")),
        ("hide", "leave an entity out everywhere", ("name",)),
    ):
        a = actions.add_parser(name, help=helptext)
        for arg in args:
            if arg == "names":
                a.add_argument("names", nargs="+", metavar="NAME", help="entity ids, names or aliases (two or more)")
            elif arg == "new_type":
                a.add_argument("new_type", choices=("PERSON", "ORG", "PLACE", "OTHER"), type=str.upper)
            else:
                a.add_argument(arg)
    for a in [p, *actions.choices.values()]:
        a.add_argument("--corpus", type=Path, help="folder of articles; default: the bundled demo corpus")
        a.add_argument(
            "--index", type=Path, metavar="DIR", help="index folder (default: per corpus, in the user cache)"
        )
    return parser


ENTITIES_HELP = """List, inspect and correct the entities of a corpus.

Corrections are saved in broadsheet.toml in the corpus folder (for the demo corpus or a
read-only folder: in broadsheet's config folder) and applied at index time; an entity may be
named by its id, its display name or any alias, and a name the index does not know is refused:
  broadsheet entities list --type PERSON
  broadsheet entities show "Kateb Hezbollah"
  broadsheet entities merge kataib-hezbollah "Kataeb Hezbollah Iraq"
  broadsheet entities split mohammed-mohi Mohi
  broadsheet entities rename tower-22 "Tower 22 (Jordan)"
  broadsheet entities retype trump PERSON
  broadsheet entities hide jihad"""


QUERY_HELP = """Search the articles of a corpus (ranked by BM25F).

query language:
  iraq militia          both words (AND is the default)
  kataib OR kateb       either word;  NOT sudani  excludes
  "drone attack"        a phrase
  milit*  kadhimy~      prefix; fuzzy (one edit; kadhimy~2 for two)
  title:ceasefire       a field: title, body, source, entity, date
  date:2024-01          a year, month or day; date:[2020-10 to 2020-12]; date:>2021
quotes, accents and possessives are folded: Kata'ib finds Kata’ib, Soleimani finds Soleimani's."""


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``broadsheet`` console script."""
    args = list(sys.argv[1:] if argv is None else argv)
    for stream in (sys.stdout, sys.stderr):  # a character the terminal cannot encode never stops a command
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    try:
        code = _dispatch(args)
        sys.stdout.flush()  # a closed pipe is found here, not in the interpreter's exit
        return code
    except CliError as err:
        _say(f"error: {err}")
        return err.code
    except KeyboardInterrupt:
        _say("interrupted")
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # the reader of our output has gone (| head): stop quietly; stdout is pointed at devnull so
        # that the interpreter's final flush does not fail again (the recipe of the signal docs)
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_BROKEN_PIPE
    except Exception as err:
        if os.environ.get(DEBUG_ENV):
            raise
        _say(
            f"error: unexpected {type(err).__name__}: {err}. This is a bug in broadsheet; please report it "
            f"(set {DEBUG_ENV}=1 for the traceback)."
        )
        return EXIT_BUG


def _dispatch(args: list[str]) -> int:
    """Run the command (or open the reader) that ``args`` ask for."""
    if args and (args[0] in COMMANDS or args[0].startswith("-")):
        ns = make_parser().parse_args(args)
        if ns.command is None:
            return open_reader(None, None)
        return HANDLERS[ns.command](ns)
    reader = argparse.ArgumentParser(prog="broadsheet", add_help=False)
    reader.add_argument("corpus", nargs="?", type=Path)
    reader.add_argument("--index", type=Path)
    ns = reader.parse_args(args)
    return open_reader(ns.corpus, ns.index)


def _ensure(corpus: Path | None, index_dir: Path | None, quiet: bool = True, force: bool = False) -> Any:
    """Build or update the index (progress on stderr), translating library errors."""
    from index import pipeline, store

    folder = corpus if corpus is not None else bundled_corpus()
    with _progress_bar(enabled=not quiet) as progress:
        try:
            report = pipeline.build(folder, index_dir, progress=progress, force=force)
        except pipeline.CorpusError as err:
            raise CliError(str(err)) from err
        except store.IndexError_ as err:
            raise CliError(str(err), EXIT_INDEX) from err
    for problem in report.new_problems:
        print(f"broadsheet: {problem_for_display(problem)}", file=sys.stderr)
    return report


class _progress_bar:
    """A rich progress bar on stderr while a build reads files (only on a terminal)."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled and sys.stderr.isatty()
        self._bar: Any = None
        self._task: Any = None

    def __enter__(self) -> Callable[[Any], None] | None:
        if not self.enabled:
            return None
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        self._bar = Progress(
            TextColumn("indexing"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            TextColumn("{task.description}", markup=False),  # a file name is never markup
            console=Console(stderr=True),
            transient=True,
        )
        self._bar.start()
        self._task = self._bar.add_task("", total=None)

        def update(p: Any) -> None:
            label = path_for_display(p.path or "")[-40:] if p.stage == "reading files" else for_terminal(p.stage)
            self._bar.update(self._task, completed=p.done, total=p.total, description=label)

        return update

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.stop()


def cmd_index(ns: argparse.Namespace) -> int:
    report = _ensure(ns.corpus, ns.index, quiet=ns.quiet, force=ns.force)
    if not ns.quiet:
        shown = {str(p) for p in report.new_problems}
        for problem in report.problems:
            if str(problem) not in shown:
                print(f"broadsheet: {problem_for_display(problem)}", file=sys.stderr)
    state = (
        f"{report.added} added, {report.updated} updated, {report.removed} removed, {report.unchanged} unchanged"
        if report.changed
        else "up to date"
    )
    print(
        f"{count(report.articles, 'article')} indexed ({state}); {count(report.skipped, 'file')} skipped; "
        f"{report.elapsed:.1f}s; index: {path_for_display(str(report.index_dir))}",
        file=sys.stderr,
    )
    if ns.timings:
        for stage, seconds in report.timings.items():
            print(f"  {stage:<28} {seconds:8.2f}s", file=sys.stderr)
    if report.stale:
        _say("the index could not be updated; the last complete index is still readable")
        return EXIT_INDEX
    return EXIT_OK


def cmd_search(ns: argparse.Namespace) -> int:
    from index.search import QueryError, Searcher
    from index.store import IndexStore

    if ns.limit < 1:
        raise CliError("--limit must be at least 1")
    report = _ensure(ns.corpus, ns.index)
    gen = IndexStore(report.index_dir).current()
    if gen is None:
        raise CliError("the corpus has no articles to search", EXIT_NOTHING)
    with Searcher(gen) as searcher:
        try:
            results = searcher.search(ns.query, limit=ns.limit, sort=ns.sort)
        except QueryError as err:
            raise CliError(str(err)) from err
    for note in results.notes:
        _say(f"note: {note}")
    if results.partial:
        _say("note: the query took too long; these are the matches found in time")
    if ns.json:
        _dump_json([_hit_dict(h) for h in results.hits])
    else:
        _print_hits(results, sys.stdout)
    return EXIT_OK if results.total else EXIT_NOTHING


def _hit_dict(hit: Any) -> dict[str, Any]:
    return {
        "id": hit.id,
        "title": hit.title,
        "source": hit.source,
        "published": hit.published,
        "path": hit.path,
        "score": round(hit.score, 4),
        "snippet": hit.snippet.text,
        "highlights": [list(s) for s in hit.snippet.highlights],
    }


def _print_hits(results: Any, out: TextIO) -> None:
    bold = out.isatty()
    if not results.total:
        _say(f"no articles match {results.query!r}")
        return
    matching = f"{count(results.total, 'article')} {'matches' if results.total == 1 else 'match'}"
    print(f"{matching}; showing {len(results.hits)}", file=sys.stderr)
    for n, hit in enumerate(results.hits, 1):
        meta = for_terminal(", ".join(x for x in (hit.source, hit.published) if x))
        title = for_terminal(hit.title) if hit.title else path_for_display(hit.path)
        print(f"{n}. {title}" + (f" — {meta}" if meta else "") + f"  [{for_terminal(hit.id)}]", file=out)
        print("   " + _highlight(hit.snippet.text, hit.snippet.highlights, bold), file=out)


def _highlight(text: str, spans: Sequence[tuple[int, int]], bold: bool) -> str:
    """The snippet, sanitised piece by piece (spans index the raw text), hits in bold on a terminal."""
    if not bold:
        return for_terminal(text)
    out, pos = [], 0
    for s, e in spans:
        out += [for_terminal(text[pos:s]), "\x1b[1m", for_terminal(text[s:e]), "\x1b[0m"]
        pos = e
    return "".join([*out, for_terminal(text[pos:])])


def _resolve_id(store: Any, wanted: str) -> str:
    ids = store.article_ids()
    if wanted in ids:
        return wanted
    matches = [i for i in ids if i.startswith(wanted)]
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise CliError(f"{wanted!r} matches {count(len(matches), 'article')}: {', '.join(matches[:5])}", EXIT_NOTHING)
    raise CliError(f"no article with id {wanted!r} (see 'broadsheet search')", EXIT_NOTHING)


def cmd_show(ns: argparse.Namespace) -> int:
    from index.store import IndexStore

    store = IndexStore(_ensure(ns.corpus, ns.index).index_dir)
    article = store.article(_resolve_id(store, ns.id))
    assert article is not None
    if ns.json:
        fields = ("id", "path", "title", "published", "published_from", "source", "url", "author", "text")
        record = {k: getattr(article, k) for k in fields}
        record["front_matter"] = dict(article.extra)
        record["links"] = [{"start": lk.start, "end": lk.end, "href": lk.href} for lk in article.links]
        _dump_json(record)
        return EXIT_OK
    print(for_terminal(article.title) if article.title else path_for_display(article.path))
    print(for_terminal(" · ".join(article.header_parts())))
    if article.url:
        print(for_terminal(article.url))
    for key, value in article.extra:
        print(f"{for_terminal(str(key))}: {for_terminal(str(value))}")
    print(f"[{for_terminal(article.id)}] {path_for_display(article.path)}\n")
    print(for_terminal(article.text, multiline=True))
    return EXIT_OK


def cmd_export(ns: argparse.Namespace) -> int:
    from index.export import export
    from index.store import IndexStore

    report = _ensure(ns.corpus, ns.index)
    doc = export(IndexStore(report.index_dir), report.corpus)
    text = json_for_terminal(doc)  # exact JSON; hidden characters written as \\u escapes
    if ns.output:
        try:
            ns.output.write_text(text + "\n", encoding="utf-8")
        except OSError as err:
            raise CliError(f"{path_for_display(str(ns.output))}: cannot write: {err.strerror or err}") from err
    else:
        sys.stdout.write(text + "\n")
    return EXIT_OK


def cmd_bookmarks(ns: argparse.Namespace) -> int:
    from index import annotations
    from index.locations import annotations_file
    from index.store import IndexStore

    report = _ensure(ns.corpus, ns.index)
    path = annotations_file(report.corpus)
    try:
        saved = annotations.load(path)
    except annotations.AnnotationsError as err:
        raise CliError(str(err)) from err
    store = IndexStore(report.index_dir)
    bookmarks = [annotations.anchor(b, store.article(b.article)) for b in saved.bookmarks]
    if ns.format == "json":
        text = json_for_terminal(annotations.to_records(bookmarks)) + "\n"
    else:
        text = annotations.to_csv(bookmarks) if ns.format == "csv" else annotations.to_markdown(bookmarks)
    _write_output(text, ns.output)
    if not bookmarks:
        _say(f"no bookmarks for {path_for_display(str(report.corpus))} (press b in the reader to make one)")
    return EXIT_OK if bookmarks else EXIT_NOTHING


def _write_output(text: str, output: Path | None) -> None:
    """``text`` to a file, or to stdout."""
    if output is None:
        sys.stdout.write(text)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as err:
        raise CliError(f"{path_for_display(str(output))}: cannot write: {err.strerror or err}") from err


def open_reader(corpus: Path | None, index_dir: Path | None) -> int:
    """Open the reader on a corpus (the bundled demo corpus by default)."""
    folder = corpus if corpus is not None else bundled_corpus()
    # a clear error before the screen takes over the terminal (without importing the index stack)
    if not folder.is_dir():
        shown = path_for_display(str(folder))
        raise CliError(f"{shown}: no such folder" if not folder.exists() else f"{shown}: not a folder")
    from .app import BroadsheetApp

    BroadsheetApp(folder, index_dir).run()
    return EXIT_OK


def cmd_entities(ns: argparse.Namespace) -> int:
    from index.store import IndexStore

    action = ns.action or "list"
    if action in ("merge", "split", "rename", "retype", "hide"):
        return _correct(ns, action)
    with IndexStore(_ensure(ns.corpus, ns.index).index_dir).corpus() as db:
        if action == "list":
            return _list_entities(ns, db)
        found = db.entity(ns.name)
        if found is None:
            raise CliError(f"no entity named {ns.name!r} (see 'broadsheet entities list')", EXIT_NOTHING)
        links = db.linked(found.id)
        articles = db.entity_articles(found.id)
        if ns.json:
            linked = [{"id": o.id, "name": o.name, "weight": lk.weight} for o, lk in links]
            mentions = [{"article": m.article, "text": m.text, "start": m.start, "end": m.end}
                        for m in db.mentions(found.id)]  # fmt: skip
            _dump_json({**_entity_summary(found, articles), "mentions": mentions, "linked": linked})
            return EXIT_OK
    print(for_terminal(f"{found.name}  [{found.id}]  {found.type}"))
    print(for_terminal("aliases: " + ", ".join(f"{a} ×{n}" for a, n in found.aliases)))
    print(for_terminal("articles: " + ", ".join(articles)))
    if links:
        print(for_terminal("linked: " + ", ".join(f"{o.name} ({lk.weight})" for o, lk in links[:15])))
    return EXIT_OK


def _list_entities(ns: argparse.Namespace, db: Any) -> int:
    ents = db.entities(getattr(ns, "type", None) or None, getattr(ns, "limit", 0) or None)
    if getattr(ns, "json", False):
        _dump_json([_entity_summary(e, db.entity_articles(e.id)) for e in ents])
    else:
        for e in ents:
            others = [a for a in e.alias_names if a != e.name]
            alias_text = f"  ({'; '.join(others)})" if others else ""
            print(for_terminal(f"{e.id:32} {e.type:6} {e.mention_count:4}  {e.name}{alias_text}"))
    return EXIT_OK if ents else EXIT_NOTHING


def _correct(ns: argparse.Namespace, action: str) -> int:
    """Check one correction against the index, save it (in the corpus's broadsheet.toml, or the
    config folder for the demo corpus or a read-only folder), then update the index."""
    from index import corrections
    from index.store import IndexStore

    folder = (ns.corpus or bundled_corpus()).resolve()
    values: dict[str, Callable[[], str | list[str]]] = {
        "merge": lambda: list(ns.names),
        "split": lambda: [ns.name, ns.alias],
        "hide": lambda: ns.name,
        "rename": lambda: [ns.name, ns.new_name],
        "retype": lambda: [ns.name, ns.new_type],
    }
    correction = corrections.Correction(action, values[action]())
    if action == "merge" and len(correction.names) < 2:
        raise CliError("merge needs two or more entities")
    report = _ensure(folder, ns.index)
    try:
        with IndexStore(report.index_dir).corpus() as db:
            saved = corrections.save(folder, correction, db)
    except corrections.NotInIndex as err:
        raise CliError(f"{err} (see 'broadsheet entities list')", EXIT_NOTHING) from err
    except corrections.CorrectionsError as err:
        raise CliError(str(err)) from err
    where = path_for_display(str(saved.path))
    _say(f"saved in {where}" if saved.changed else f"already in {where}; nothing changed")
    report = _ensure(folder, ns.index)
    unapplied = any(p.path == corrections.FILENAME for p in report.new_problems)
    return EXIT_NOTHING if unapplied else EXIT_OK


def _entity_summary(e: Any, articles: list[str]) -> dict[str, Any]:
    return {
        "id": e.id,
        "name": e.name,
        "type": e.type,
        "aliases": [list(a) for a in e.aliases],
        "mentions": e.mention_count,
        "articles": articles,
    }


def cmd_timeline(ns: argparse.Namespace) -> int:
    from index import timeline
    from index.store import IndexStore

    report = _ensure(ns.corpus, ns.index)
    with IndexStore(report.index_dir).corpus() as db:
        entity_id = None
        if ns.entity:
            found = db.entity(ns.entity)
            if found is None:
                raise CliError(f"no entity named {ns.entity!r} (see 'broadsheet entities list')", EXIT_NOTHING)
            entity_id = found.id
        try:
            first, last = timeline.day_bounds(ns.date_from, ns.date_to)
        except timeline.TimelineError as err:
            raise CliError(str(err)) from err
        if ns.key_dates:
            return _key_dates(db, ns, entity_id, first, last, report.corpus.name)
        events = db.events(entity_id, first, last)
        metas = {aid: db.article_meta(aid) for aid in {e.article for e in events}}
    articles = {aid: m for aid, m in metas.items() if m is not None}
    if ns.format == "json":
        _dump_json([timeline.to_dict(e) for e in events])
    elif ns.format == "csv":
        sys.stdout.write(timeline.to_csv(events, articles))
    elif ns.format == "timelinejs":
        _dump_json(timeline.to_timelinejs(events, articles, report.corpus.name))
    else:
        for e in events:
            a = articles.get(e.article)
            who = (a.source if a and a.source else e.article)[:24]
            note = ""
            if e.sources > 1:
                note = f"[{e.sources} sources{', dates differ' if e.disagreement else ''}] "
            print(f"{e.date:10}  {for_terminal(who):24}  {note}{for_terminal(e.text)}")
    if not events:
        print("broadsheet: no dated events match", file=sys.stderr)
    return EXIT_OK if events else EXIT_NOTHING


def _key_dates(db: Any, ns: argparse.Namespace, entity_id: str | None, first: str | None, last: str | None,
               title: str) -> int:  # fmt: skip
    """``timeline --key-dates N``: the ranked days, in the chosen format."""
    from index import keydates

    keys = keydates.key_dates(db, ns.key_dates, entity=entity_id, first_day=first, last_day=last)
    ids = {e.article for k in keys for e in k.sentences}
    articles = {aid: m for aid in ids if (m := db.article_meta(aid)) is not None}
    if ns.format == "json":
        _dump_json([keydates.to_dict(k, articles) for k in keys])
    elif ns.format == "csv":
        sys.stdout.write(keydates.to_csv(keys, articles))
    elif ns.format == "timelinejs":
        _dump_json(keydates.to_timelinejs(keys, articles, title))
    else:
        for rank, k in enumerate(keys, start=1):
            counts = f"{count(k.articles, 'article')}, {count(k.sources, 'source')}"
            print(f"{rank:>2}. {k.day}  score {k.score:g}  {counts}")
            for e in k.sentences:
                a = articles.get(e.article)
                who = (a.source if a and a.source else e.article)[:24]
                name = (a.title if a and a.title else e.article)[:60]
                print(f"    {for_terminal(who)} — {for_terminal(name)}")
                print(f"      {for_terminal(e.text)}")
    if not keys:
        print("broadsheet: no dated events match", file=sys.stderr)
    return EXIT_OK if keys else EXIT_NOTHING


HANDLERS: dict[str, Callable[[argparse.Namespace], int]] = {
    "timeline": cmd_timeline,
    "index": cmd_index,
    "search": cmd_search,
    "show": cmd_show,
    "export": cmd_export,
    "entities": cmd_entities,
    "bookmarks": cmd_bookmarks,
}
