"""`facturier import-clients FILE.csv`, run as a real process: output, exit status, database."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from app.services.clients import get_client, list_clients
from app.services.database import open_database

GOOD = (
    "Nom;Adresse;CP;Ville;E-mail;Téléphone\r\n"
    "Boulangerie Éclair;3 rue du Four;69100;Villeurbanne;compta@eclair.fr, paul@eclair.fr;"
    "04 78 00 00 00\r\n"
    "Ébénisterie Lemaître;12 chemin des Saules;01000;Bourg;"
    "françoise@ébénisterie-lemaître.example;\r\n"
)
BAD = GOOD + "Mauvais;;;;jean@@x.fr;\r\n;;;;sans@nom.fr;\r\n"


def run(*args: str, lang: str = "C") -> subprocess.CompletedProcess[str]:
    script = shutil.which("facturier", path=str(Path(sys.executable).parent))
    command = [script] if script else [sys.executable, "-m", "ui.main"]
    env = {**os.environ, "LANG": lang, "LC_ALL": lang, "PYTHONIOENCODING": "utf-8"}
    env.pop("LANGUAGE", None)
    return subprocess.run(
        [*command, *args], capture_output=True, text=True, env=env, timeout=120, encoding="utf-8"
    )


def names(db_path: Path) -> list[str]:
    db = open_database(str(db_path))
    try:
        return [c.name for c in list_clients(db)]
    finally:
        db.dispose()


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_a_good_file_is_imported(tmp_path: Path, encoding: str) -> None:
    csv_path, db_path = tmp_path / "clients.csv", tmp_path / "f.db"
    text = GOOD if encoding != "cp1252" else GOOD.replace("françoise@ébénisterie", "f@eb")
    csv_path.write_bytes(text.encode(encoding))
    told = ["--encoding", "cp1252"] if encoding == "cp1252" else []
    result = run("--db", str(db_path), "import-clients", str(csv_path), *told)
    assert result.returncode == 0, result.stderr
    assert "2 client(s) imported" in result.stdout
    assert names(db_path) == ["Boulangerie Éclair", "Ébénisterie Lemaître"]
    db = open_database(str(db_path))
    try:
        eclair = get_client(db, list_clients(db, "eclair")[0].id)
        assert eclair.mailing_addresses == ["compta@eclair.fr", "paul@eclair.fr"]
    finally:
        db.dispose()


def test_a_bad_row_imports_nothing_and_exits_2(tmp_path: Path) -> None:
    csv_path, db_path = tmp_path / "clients.csv", tmp_path / "f.db"
    csv_path.write_text(BAD, encoding="utf-8")
    result = run("--db", str(db_path), "import-clients", str(csv_path))
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert lines[0].startswith("Line 4, column E-mail: Invalid e-mail address jean@@x.fr")
    assert lines[1] == "Line 5, column Nom: This value is required."
    assert "Nothing was imported: 2 invalid row(s)" in lines[2]
    assert "Traceback" not in result.stderr
    assert not db_path.exists()  # the database was not even opened


def test_french_messages(tmp_path: Path) -> None:
    csv_path, db_path = tmp_path / "clients.csv", tmp_path / "f.db"
    csv_path.write_text(BAD, encoding="utf-8")
    result = run("--db", str(db_path), "import-clients", str(csv_path), lang="fr_FR.UTF-8")
    assert result.returncode == 2
    assert (
        "Ligne 5, colonne «\u202fNom\u202f»\u00a0: Cette valeur est obligatoire." in result.stderr
    )
    assert "Rien n’a été importé\u00a0: 2 ligne(s) invalide(s)." in result.stderr
    csv_path.write_text(GOOD, encoding="utf-8")
    result = run("--db", str(db_path), "import-clients", str(csv_path), lang="fr_FR.UTF-8")
    assert result.returncode == 0 and "2 client(s) importé(s)" in result.stdout
    result = run("--db", str(db_path), "import-clients", str(csv_path), lang="fr_FR.UTF-8")
    assert result.returncode == 0
    assert "Ligne 2\u00a0: Boulangerie Éclair est déjà dans le carnet d’adresses" in result.stdout
    assert names(db_path) == ["Boulangerie Éclair", "Ébénisterie Lemaître"]


def test_dry_run_writes_nothing(tmp_path: Path) -> None:
    csv_path, db_path = tmp_path / "clients.csv", tmp_path / "f.db"
    csv_path.write_text(GOOD, encoding="utf-8")
    result = run("--db", str(db_path), "import-clients", "--dry-run", str(csv_path))
    assert result.returncode == 0, result.stderr
    assert "2 client(s) would be imported; nothing was written" in result.stdout
    assert names(db_path) == []


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "Cannot read"),
        (b"PK\x03\x04xlsx", "spreadsheet file, not a CSV file"),
        (b"Code;Ville\nC1;Lyon\n", "No column gives the client's name"),
    ],
)
def test_file_problems_exit_2(tmp_path: Path, content: bytes | None, message: str) -> None:
    csv_path, db_path = tmp_path / "clients.csv", tmp_path / "f.db"
    if content is not None:
        csv_path.write_bytes(content)
    result = run("--db", str(db_path), "import-clients", str(csv_path))
    assert result.returncode == 2
    assert message in result.stderr and "Traceback" not in result.stderr
    assert not db_path.exists()


def test_usage_errors_exit_2_and_help_lists_the_command(tmp_path: Path) -> None:
    assert run("import-clients").returncode == 2  # FILE is required
    result = run("--help")
    assert result.returncode == 0 and "import-clients" in result.stdout
    result = run("import-clients", "--help")
    text = " ".join(result.stdout.split())
    assert result.returncode == 0 and "When any row is invalid nothing is imported" in text


# --- the encoding: decided per file, never mixed (issue 15, point 10) ----------------------

MIXED = (
    b"Nom;Ville\r\n" + "Café Élégant;Lyon\r\n".encode() + "Brûlerie Noël;Dijon\r\n".encode("cp1252")
)


def test_a_mixed_file_is_refused_naming_its_lines(tmp_path: Path) -> None:
    csv_path, db_path = tmp_path / "clients.csv", tmp_path / "f.db"
    csv_path.write_bytes(MIXED)
    for told in ([], ["--encoding", "cp1252"]):
        result = run("--db", str(db_path), "import-clients", str(csv_path), *told)
        assert result.returncode == 2, result.stdout
        assert "line 2 is UTF-8 text, line 3 is not" in result.stderr
        assert "Traceback" not in result.stderr
    assert not db_path.exists()  # nothing imported, garbled or not
    result = run("--db", str(db_path), "import-clients", str(csv_path), lang="fr_FR.UTF-8")
    assert result.returncode == 2
    assert "la ligne 2 est du texte UTF-8, la ligne 3 non" in result.stderr


def test_a_windows_1252_file_needs_encoding_cp1252(tmp_path: Path) -> None:
    csv_path, db_path = tmp_path / "clients.csv", tmp_path / "f.db"
    csv_path.write_bytes("Nom;Ville\r\nDupont;Paris\r\nCafé Noël;Orléans\r\n".encode("cp1252"))
    result = run("--db", str(db_path), "import-clients", str(csv_path), lang="fr_FR.UTF-8")
    assert result.returncode == 2
    assert "La ligne 3 du fichier n’est pas du texte UTF-8" in result.stderr
    assert "«\u202fCafé Noël;Orléans\u202f»" in result.stderr
    assert "--encoding cp1252" in result.stderr and "Traceback" not in result.stderr
    assert not db_path.exists()
    result = run(
        "--db", str(db_path), "import-clients", str(csv_path), "--encoding", "Windows-1252"
    )
    assert result.returncode == 0, result.stderr
    assert names(db_path) == ["Café Noël", "Dupont"]


def test_an_unknown_encoding_is_a_usage_error(tmp_path: Path) -> None:
    csv_path = tmp_path / "clients.csv"
    csv_path.write_text(GOOD, encoding="utf-8")
    result = run("import-clients", str(csv_path), "--encoding", "latin-9")
    assert result.returncode == 2 and "utf-8 or cp1252" in result.stderr
