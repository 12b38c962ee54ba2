"""`counterwatch entities`, `merge`, `split` and `judgements`: canonical suppliers and buyers, and analyst
judgements."""
from __future__ import annotations

import click

from counterwatch.commands.common import DB_OPTION, open_database

BY_OPTION = click.option("--by", "by", default=None, metavar="NAME",
                         help="Who makes the judgement [default: the operating-system user].")
NOTE_OPTION = click.option("--note", default="", help="Why: kept with the judgement.")


def _sanctions(entity) -> str:
    return "; ".join(f"{s.list} {s.date.isoformat()}" for s in entity.sanctions)


@click.command()
@DB_OPTION
@click.option("--review", is_flag=True, help="List the review queue instead: spellings that nearly matched a "
                                              "supplier and were not merged.")
@click.option("--kind", type=click.Choice(["supplier", "buyer"]), default="supplier", show_default=True,
              help="List suppliers, or buyers (knowledge-base agencies and other buying bodies).")
@click.option("--limit", type=int, default=100, show_default=True, help="Most entities to show.")
def entities(db: str | None, review: bool, kind: str, limit: int) -> None:
    """List canonical suppliers (or buyers) with every name sources used, counts and sanctions listings."""
    from counterwatch.knowledge.registry import load_knowledge_base
    from counterwatch.resolve.entities import summarise
    from counterwatch.store.deployments import buyer_sightings, review_queue, supplier_sightings
    from counterwatch.store.judgements import load_decisions

    database = open_database(db)
    with database.session() as session:
        if review:
            for spelling, candidate, score, facts in review_queue(session)[:limit]:
                click.echo(f"{spelling}\tmaybe {candidate} (similarity {score:.0f})\t{facts} facts")
            database.close()
            return
        sightings = buyer_sightings(session) if kind == "buyer" else supplier_sightings(session)
        found = summarise(sightings, load_decisions(session), load_knowledge_base(), kind)
    for entity in found[:limit]:
        click.echo(f"{entity.key}\t{entity.name}\t{entity.country or '-'}\t{entity.facts} facts\t"
                   f"{len(entity.deployments)} deployments\t{len(entity.documents)} documents")
        if entity.parent:
            click.echo(f"  parent: {entity.parent}")
        click.echo(f"  names: {' | '.join(sorted(entity.names))}")
        if entity.sanctions:
            click.echo(f"  sanctions: {_sanctions(entity)}")
    database.close()


def _judge(db: str | None, kind: str, subject: str, other: str, by: str | None, note: str) -> None:
    from counterwatch.knowledge.registry import load_knowledge_base
    from counterwatch.resolve.judgements import judgement_key
    from counterwatch.store.deployments import refresh_deployments
    from counterwatch.store.judgements import record_judgement

    kb = load_knowledge_base()
    ids = [s.id for s in kb.suppliers] + [a.id for a in kb.agencies]
    if kind != "undo":
        subject, other = judgement_key(subject, ids), judgement_key(other, ids)
        if subject == other:
            raise click.UsageError("both names are the same entity key")
    database = open_database(db)
    with database.session() as session:
        try:
            row = record_judgement(session, kind, subject, other, by, note)
        except ValueError as exc:
            raise click.UsageError(str(exc)) from exc
        count = refresh_deployments(session)
    click.echo(f"judgement #{row.id}: {kind} {subject} {other}".rstrip() + f" by {row.by}; {count} deployments")
    database.close()


def _judgement_command(kind: str, first: str, second: str, doc: str) -> click.Command:
    @click.command(name=kind, help=doc)
    @DB_OPTION
    @BY_OPTION
    @NOTE_OPTION
    @click.argument(first)
    @click.argument(second)
    def command(db: str | None, by: str | None, note: str, **names: str) -> None:
        _judge(db, kind, names[first], names[second], by, note)
    return command


merge = _judgement_command("merge", "kept", "merged", "Record that MERGED is the same entity as KEPT (a "
                           "knowledge-base id, or a spelling as sources wrote it).")
split = _judgement_command("split", "entity", "spelling", "Record that SPELLING is not ENTITY (undoes a wrong "
                           "automatic or earlier merge).")


@click.command()
@DB_OPTION
@BY_OPTION
@click.option("--undo", "undo", type=int, metavar="ID", help="Record that judgement ID no longer holds.")
def judgements(db: str | None, by: str | None, undo: int | None) -> None:
    """List analyst judgements (append-only), or undo one by recording another."""
    if undo is not None:
        _judge(db, "undo", str(undo), "", by, "")
        return
    from counterwatch.store.judgements import list_judgements

    database = open_database(db)
    with database.session() as session:
        for j in list_judgements(session):
            click.echo(f"#{j.id}\t{j.at:%Y-%m-%d %H:%M}\t{j.by}\t{j.kind}\t{j.subject}\t{j.other}\t{j.note}".rstrip())
    database.close()
