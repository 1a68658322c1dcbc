"""The analyst's workbook (--format xlsx), read back with openpyxl as a spreadsheet would."""

import csv
import shutil
import subprocess
import tempfile
import zipfile
from datetime import date, datetime

import openpyxl
import pytest
from click.testing import CliRunner

from reviewer.cli import cli
from reviewer.core.export import ABSENT, ExportError, export
from reviewer.core.export import xlsx
from reviewer.core.export.xlsx_cells import MAX_CELL, Cells, money_format, stamp
from reviewer.core.extract import default_extractor, load_schema
from reviewer.core.ingest import ingest_paths
from reviewer.core.review import ReviewSession

SCHEMA = load_schema()
HOSTILE = ["=HYPERLINK(\"http://x\",\"click\")", "+1", "@SUM(A1:A9)", "-2+3", "#N/A", "=1+2"]


@pytest.fixture
def reviewed(storage, data_dir):
    """Six documents: the press release approved with one rejection, one edit, one addition,
    one absence, a formula-looking value and a partial date; the 8-K seed reviewed but not
    approved."""
    list(ingest_paths(storage, [data_dir], extractor=default_extractor()))
    session = ReviewSession(storage, "ana", SCHEMA)
    docs = {d.source_path.rsplit("/", 1)[-1]: d for d in storage.list_documents()}
    release = docs["tecogen-press-release-2013.txt"]
    fields = storage.fields(release.id)
    money = [f for f in fields if f.label == "money"]
    session.reject(money[0].id)  # "$4.3 Million"
    session.edit(next(f for f in fields if f.label == "share_count").id, "212,751")
    text = storage.get_document(release.id).text
    start = text.index("Tecogen CHP systems")
    session.add(release.id, "organization", start, start + len("Tecogen"))
    session.mark_absent(release.id, "signatory")
    storage.record_decision(next(f for f in fields if f.label == "location").id, status="edited",
                            reviewer="ana", value="=HYPERLINK(\"http://x\")\nline two")
    storage.record_decision(next(f for f in fields if f.label == "date").id, status="edited",
                            reviewer="ana", value="2020-03")
    session.approve(release.id, accept_pending=True)
    session.accept(storage.fields(docs["tecogen-8k-item-1.02-2017.txt"].id)[0].id)
    return storage, release, docs


def _export(storage, path, **kw):
    return export(storage, SCHEMA, "xlsx", path, **kw)


def _rows(ws):
    rows = list(ws.iter_rows(values_only=True))
    return [dict(zip(rows[0], row)) for row in rows[1:]]


def _cells(workbook):
    for ws in workbook:
        for row in ws.iter_rows():
            yield from row


def test_typed_cells(reviewed, tmp_path):
    storage, release, _ = reviewed
    out = tmp_path / "out.xlsx"
    result = _export(storage, out)
    assert result.documents == 1 and result.warnings == []
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["Documents", "Fields"]
    [row] = _rows(book["Documents"])
    assert row["document_id"] == release.id and row["reviewer"] == "ana"
    assert isinstance(row["approved_at"], datetime)
    assert row["money_value"] == "957375; 64623; 892752; 4307075"  # several amounts: text, as in the CSV
    assert row["money_currency"] == "USD"
    assert row["share_count_value"] == 212751  # one field: a number
    assert row["signatory"] == ABSENT and row["signatory_value"] == ABSENT
    assert row["location_value"] == "=HYPERLINK(\"http://x\")\nline two"  # text, no apostrophe
    fields = _rows(book["Fields"])
    money = [r for r in fields if r["label"] == "money"]
    assert [r["value"] for r in money] == [957375, 64623, 892752, 4307075]
    assert all(type(r["value"]) is int and r["currency"] == "USD" for r in money)
    assert {r["status"] for r in fields} == {"accepted", "edited", "added", "absent"}
    for r in fields:
        assert type(r["document_id"]) is int
        if r["status"] == "absent":
            assert r["text"] == r["value"] == ABSENT and r["start"] is None
            continue
        assert type(r["start"]) is int and type(r["end"]) is int and isinstance(r["decided_at"], datetime)
        assert r["confidence"] is None or isinstance(r["confidence"], int | float)
        kind = SCHEMA[r["label"]].type
        if kind in ("money", "integer", "decimal"):
            assert isinstance(r["value"], int | float), r
        elif kind == "date":
            assert isinstance(r["value"], datetime) or r["value"] == "2020-03"  # a partial date stays text
        else:
            assert isinstance(r["value"], str)
    assert "2020-03" in [r["value"] for r in fields if r["label"] == "date"]
    formats = {(c.value, c.number_format) for c in book["Fields"]["D"] if isinstance(c.value, int | float)}
    assert (957375, '"$"#,##0.00') in formats and (212751, "#,##0") in formats
    assert not [c for c in _cells(book) if c.data_type == "f"]


def test_identifiers_stay_text(reviewed, tmp_path):
    storage, _, _ = reviewed
    out = tmp_path / "all.xlsx"
    _export(storage, out, status="all")
    book = openpyxl.load_workbook(out)
    documents = _rows(book["Documents"])
    ciks = [r["cik"] for r in documents if r["cik"]]
    assert ciks and all(isinstance(c, str) and len(c) == 10 for c in ciks)
    assert any(c.startswith("000") for c in ciks)  # leading zeros kept
    assert all(isinstance(r["accession"], str) for r in documents if r["accession"])
    phones = [r["value"] for r in _rows(book["Fields"]) if r["label"] == "phone"]
    assert phones and all(isinstance(p, str) and p.startswith("+") for p in phones)
    percentages = [(row[2].value, row[3]) for row in book["Fields"].iter_rows(min_row=2)
                   if row[1].value == "percentage"]
    assert percentages and all(isinstance(cell.value, float) for _, cell in percentages)
    assert all("%" in cell.number_format for text, cell in percentages if "%" in text)  # 0.032 shows 3.2%
    cik_cells = [c for c in book["Documents"]["C"][1:] if c.value]
    assert all(c.data_type == "s" for c in cik_cells)
    assert not [c for c in _cells(book) if c.data_type == "f"]


def _same(xlsx_value, csv_value: str) -> bool:
    if xlsx_value is None:
        return csv_value == ""
    if isinstance(xlsx_value, str):
        return csv_value in (xlsx_value, "'" + xlsx_value)  # the CSV guards formula-looking text
    if isinstance(xlsx_value, datetime):
        return csv_value == xlsx_value.date().isoformat() or stamp(csv_value) == xlsx_value
    return float(csv_value) == xlsx_value


@pytest.mark.parametrize(("fmt", "sheet"), [("csv", "Documents"), ("csv-long", "Fields")])
def test_sheets_hold_what_the_csv_holds(reviewed, tmp_path, fmt, sheet):
    storage, _, _ = reviewed
    export(storage, SCHEMA, fmt, tmp_path / "t.csv", status="all")
    _export(storage, tmp_path / "t.xlsx", status="all")
    table = list(csv.reader((tmp_path / "t.csv").open(encoding="utf-8", newline="")))
    ws = openpyxl.load_workbook(tmp_path / "t.xlsx")[sheet]
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    assert rows[0] == table[0]  # the same columns, in the same order
    assert len(rows) == len(table) > 2
    for got, want in zip(rows[1:], table[1:]):
        for column, x, c in zip(table[0], got, want):
            assert _same(x, c), (column, x, c)


def test_header_frozen_filtered_and_sized(reviewed, tmp_path):
    storage, _, _ = reviewed
    out = tmp_path / "h.xlsx"
    _export(storage, out, status="all", audit=True)
    book = openpyxl.load_workbook(out)
    for ws in book:
        assert ws.freeze_panes == "A2"
        last = openpyxl.utils.get_column_letter(ws.max_column)
        assert ws.auto_filter.ref == f"A1:{last}{ws.max_row}"
        assert all(c.font.b for c in ws[1])
        widths = [ws.column_dimensions[openpyxl.utils.get_column_letter(i)].width for i in range(1, ws.max_column + 1)]
        assert all(6 <= w <= 60 for w in widths) and len(set(widths)) > 1


def test_audit_sheet_only_when_asked(reviewed, tmp_path):
    storage, _, _ = reviewed
    _export(storage, tmp_path / "a.xlsx", audit=True)
    _export(storage, tmp_path / "b.xlsx")
    book = openpyxl.load_workbook(tmp_path / "a.xlsx")
    assert book.sheetnames == ["Documents", "Fields", "Audit"]
    assert openpyxl.load_workbook(tmp_path / "b.xlsx").sheetnames == ["Documents", "Fields"]
    audit = _rows(book["Audit"])
    assert len(audit) == len(storage.audit_log())
    assert audit[0]["who"] == "ana" and audit[0]["action"] == "rejected" and isinstance(audit[0]["when"], datetime)
    assert all(type(r["id"]) is int for r in audit)


def test_hostile_texts_stay_text(reviewed, tmp_path):
    storage, release, _ = reviewed
    texts = [f for f in storage.fields(release.id) if SCHEMA[f.label].type in ("name", "text", "integer")
             and f.status in ("accepted", "edited", "added")][:len(HOSTILE)]
    assert len(texts) == len(HOSTILE)
    for f, value in zip(texts, HOSTILE):
        storage.record_decision(f.id, status="edited", reviewer="ana", value=value)
    out = tmp_path / "x.xlsx"
    _export(storage, out)
    book = openpyxl.load_workbook(out)
    values = {c.value: c.data_type for c in book["Fields"]["D"]}
    for value in HOSTILE:
        assert values.get(value) == "s", value  # the text itself, a string cell
    assert not [c for c in _cells(book) if c.data_type in ("f", "e")]
    with zipfile.ZipFile(out) as z:  # nothing a spreadsheet could run, in the file itself
        assert not [n for n in z.namelist() if n.startswith("xl/worksheets/") and b"<f>" in z.read(n)]


def test_cli_audit(reviewed, tmp_path):
    storage, _, _ = reviewed
    out = tmp_path / "cli.xlsx"
    result = CliRunner().invoke(cli, ["export", "--db", str(storage.path), "--format", "xlsx",
                                      "--out", str(out), "--audit"])
    assert result.exit_code == 0, result.output
    assert "1 documents" in result.output
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["Documents", "Fields", "Audit"]
    assert book["Audit"].max_row == len(storage.audit_log()) + 1


def test_cancel_leaves_no_file(reviewed, tmp_path, monkeypatch):
    storage, _, _ = reviewed
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))  # where openpyxl keeps its sheets
    calls = []
    with pytest.raises(ExportError, match="cancelled"):
        _export(storage, tmp_path / "never.xlsx", status="all", audit=True,
                progress=lambda done, total: calls.append(done), cancelled=lambda: bool(calls))
    assert calls  # cancelled after the sheets were begun
    assert not (tmp_path / "never.xlsx").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]
    assert list(scratch.iterdir()) == []
    _export(storage, tmp_path / "done.xlsx")  # and a finished export leaves none either
    assert list(scratch.iterdir()) == []


def test_long_text_cut_with_a_warning(reviewed, tmp_path):
    storage, release, _ = reviewed
    field = next(f for f in storage.fields(release.id) if f.label == "location")
    storage.record_decision(field.id, status="edited", reviewer="ana", value="x" * 40_000)
    out = tmp_path / "long.xlsx"
    result = _export(storage, out)
    assert [w for w in result.warnings if "40,000 characters cut to 32,767" in w]
    book = openpyxl.load_workbook(out)
    assert len(_rows(book["Documents"])[0]["location_value"]) == MAX_CELL


def test_row_limit_stops_the_sheet_with_a_warning(reviewed, tmp_path, monkeypatch):
    storage, _, _ = reviewed
    monkeypatch.setattr(xlsx, "MAX_ROWS", 8)
    out = tmp_path / "rows.xlsx"
    result = _export(storage, out, status="all")
    assert [w for w in result.warnings if w.startswith("Fields sheet: Excel's limit of 8 rows")]
    book = openpyxl.load_workbook(out)
    assert book["Fields"].max_row == 8 and book["Fields"].auto_filter.ref.endswith("8")
    assert book["Documents"].max_row == 7  # the other sheet goes on


def test_cells():
    book = openpyxl.Workbook(write_only=True)
    warnings = []
    cells = Cells(book.create_sheet("S"), "S", warnings)
    wide = cells.text("\U0001F600" * 20_000)  # 40,000 UTF-16 units
    assert len(wide.encode("utf-16-le")) // 2 <= MAX_CELL and len(warnings) == 1
    assert cells.text("a\x01b") == "a\ufffdb" and len(warnings) == 2
    assert cells.text("") is None and cells.text(None) is None
    for value in HOSTILE:
        cell = cells.text(value)
        assert getattr(cell, "data_type", "s") == "s" and getattr(cell, "value", cell) == value
    assert cells.text("=1").data_type == "s" and cells.text("#N/A").data_type == "s"
    assert cells.value("money", "12345678901234567", "USD") == "12345678901234567"  # beyond a double: text
    assert cells.value("money", "-5", "USD").value == -5
    assert cells.value("integer", "0123").value == 123 and cells.value("integer", "1.5") == "1.5"
    assert cells.value("date", "2020-02-30") == "2020-02-30"  # not a date at all
    assert cells.value("date", "2020-02-29") == date(2020, 2, 29)
    assert cells.value("date", "1899-12-31") == "1899-12-31"  # before Excel's first day
    assert money_format("0.0125", "USD") == '"$"#,##0.00##'
    assert money_format("5", "EUR") == '#,##0.00 "EUR"'
    assert money_format("5", "") == "#,##0.00" and money_format("5", '"; x') == "#,##0.00"
    assert stamp("2026-11-23T01:00:00.000+01:00") == datetime(2026, 11, 23, 0, 0)


def test_standard_output(reviewed, tmp_path):
    storage, _, _ = reviewed
    result = CliRunner().invoke(cli, ["export", "--db", str(storage.path), "--format", "xlsx", "--out", "-"])
    assert result.exit_code == 0
    (tmp_path / "piped.xlsx").write_bytes(result.stdout_bytes)
    assert openpyxl.load_workbook(tmp_path / "piped.xlsx").sheetnames == ["Documents", "Fields"]


def test_libreoffice_reads_it_as_typed(reviewed, tmp_path):
    """Where LibreOffice is installed: it opens the workbook with no formula in it, hostile
    texts as text, amounts, counts and percentages shown with their formats."""
    soffice = shutil.which("soffice")
    if not soffice:
        pytest.skip("LibreOffice (soffice) is not installed")
    storage, release, _ = reviewed
    texts = [f for f in storage.fields(release.id) if SCHEMA[f.label].type in ("name", "text")
             and f.status in ("accepted", "edited", "added")][:len(HOSTILE)]
    for f, value in zip(texts, HOSTILE):
        storage.record_decision(f.id, status="edited", reviewer="ana", value=value)
    _export(storage, tmp_path / "in.xlsx")
    done = subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
                           "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,2",
                           "--outdir", str(tmp_path / "out"), str(tmp_path / "in.xlsx")],
                          capture_output=True, text=True, timeout=240)
    assert done.returncode == 0, done.stderr
    [shown] = list((tmp_path / "out").iterdir())  # the Fields sheet, as LibreOffice shows it
    rows = list(csv.DictReader(shown.open(encoding="utf-8", newline="")))
    values = [r["value"] for r in rows]
    assert all(value in values for value in HOSTILE)  # not run, not changed
    assert [r["value"] for r in rows if r["label"] == "money"] == ["$957,375.00", "$64,623.00", "$892,752.00",
                                                                   "$4,307,075.00"]
    assert "212,751" in values
