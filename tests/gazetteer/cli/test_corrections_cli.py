"""``gazetteer corrections add|list|undo`` over a store: the loop from the command line."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from gazetteer.cli import app

KHOJAVEND = 146969


def test_correct_list_and_undo_from_the_command_line(index_path: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    files = ["--index", str(index_path), "--store", str(tmp_path / "store.sqlite")]
    text = tmp_path / "note.txt"
    text.write_text("Officials in Martuni and Vardenis reported damage.", encoding="utf-8")
    ingested = runner.invoke(app, ["ingest", str(text), *files])
    assert ingested.exit_code == 0, ingested.output
    made = runner.invoke(app, ["corrections", "add", "1-0", "--place", str(KHOJAVEND), "--json", *files])
    assert made.exit_code == 0, made.output
    correction = json.loads(made.stdout)
    assert correction["place_name"] == "Khojavend" and correction["changed"] == 1
    assert correction["author"].startswith("cli-")
    listed = runner.invoke(app, ["corrections", "list", "--json", "--store", files[3]])
    assert [c["id"] for c in json.loads(listed.stdout)] == [correction["id"]]
    again = runner.invoke(app, ["ingest", str(text), *files])
    assert again.exit_code == 0
    undone = runner.invoke(app, ["corrections", "undo", str(correction["id"]), *files])
    assert undone.exit_code == 0 and "2 stored mention(s) changed" in undone.stdout  # the text and its copy
    assert json.loads(runner.invoke(app, ["corrections", "list", "--json", "--store", files[3]]).stdout) == []


def test_evaluate_reports_the_figures_before_and_after_the_corrections(index_path: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    files = ["--index", str(index_path), "--store", str(tmp_path / "store.sqlite")]
    text = "Officials in Martuni reported damage after the storm."
    start = text.index("Martuni")
    gold = tmp_path / "gold.jsonl"
    toponyms = [{"start": start, "end": start + 7, "lat": 39.7964, "lon": 47.1124}]  # the Karabakh town
    gold.write_text(json.dumps({"id": "d1", "text": text, "toponyms": toponyms}) + "\n", encoding="utf-8")
    note = tmp_path / "d1.txt"
    note.write_text(text, encoding="utf-8")
    assert runner.invoke(app, ["ingest", str(note), *files]).exit_code == 0
    before = json.loads(runner.invoke(app, ["evaluate", str(gold), "--corrections", "--json", *files]).stdout)
    made = runner.invoke(app, ["corrections", "add", "1-0", "--place", str(KHOJAVEND), "--scope", "document", *files])
    assert made.exit_code == 0, made.output
    shown = runner.invoke(app, ["evaluate", str(gold), "--corrections", *files])
    assert "with the store's 1 corrections (before -> after):" in shown.stdout
    after = json.loads(runner.invoke(app, ["evaluate", str(gold), "--corrections", "--json", *files]).stdout)
    assert before["with_corrections"]["accuracy_25"] == before["accuracy_25"]  # no correction yet
    assert after["with_corrections"]["accuracy_25"] == 1.0 > after["accuracy_25"]
