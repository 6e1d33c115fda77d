"""private_files: folders 0700 and files 0600 whatever the umask, a chosen folder left as it is."""

from __future__ import annotations

import os
import stat

import pytest

from reintegra.db.engine import make_engine, shown_database, without_password
from reintegra.private_files import create_private, open_private, private_folder, private_umask

pytestmark = pytest.mark.skipif(os.name != "posix", reason="no POSIX file modes")


@pytest.fixture(autouse=True)
def _loose_umask():
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_files_are_0600_even_when_they_existed_looser(tmp_path):
    loose = tmp_path / "loose.csv"
    loose.write_text("x")
    loose.chmod(0o644)
    with open_private(loose, "w", encoding="utf-8") as file:
        file.write("Łucja")
    assert mode(loose) == 0o600 and loose.read_text(encoding="utf-8") == "Łucja"
    assert mode(create_private(tmp_path / "book.xlsx")) == 0o600


def test_own_folders_are_tightened_a_chosen_one_is_not(tmp_path):
    own = tmp_path / "own"
    own.mkdir(mode=0o755)
    private_folder(own)
    assert mode(own) == 0o700
    chosen = tmp_path / "Documents"
    chosen.mkdir(mode=0o755)
    private_folder(chosen, tighten=False)
    assert mode(chosen) == 0o755
    assert mode(private_folder(chosen / "new", tighten=False)) == 0o700


def test_sqlite_gives_its_wal_and_shm_the_database_file_mode(tmp_path):
    path = tmp_path / "facility.db"
    engine = make_engine(path)
    with engine.begin() as connection:
        connection.exec_driver_sql("CREATE TABLE t (x)")
        connection.exec_driver_sql("INSERT INTO t VALUES (1)")
        companions = [tmp_path / "facility.db-wal", tmp_path / "facility.db-shm"]
        assert all(companion.exists() for companion in companions)
        assert [mode(p) for p in (path, *companions)] == [0o600, 0o600, 0o600]
    engine.dispose()


def test_the_umask_of_the_entry_points_comes_back(tmp_path):
    with private_umask():
        (tmp_path / "inside").write_text("x")
    (tmp_path / "outside").write_text("x")
    assert mode(tmp_path / "inside") == 0o600 and mode(tmp_path / "outside") == 0o644


@pytest.mark.parametrize("url", ["postgresql+psycopg://u:s3cret@10.0.0.1/x",
                                 "postgresql+psycopg://u@10.0.0.1/x?password=s3cret&sslmode=require"])
def test_a_password_is_neither_shown_nor_kept(url):
    assert "s3cret" not in shown_database(url) and "10.0.0.1" in shown_database(url)
    assert "s3cret" not in without_password(url) and without_password(url).startswith("postgresql+psycopg://u@10.0.0.1/x")


def test_a_file_written_replacing_is_0600_and_a_failed_write_leaves_the_old_one(tmp_path):
    from reintegra.private_files import write_replacing

    path = tmp_path / "karta.pdf"
    write_replacing(path, lambda temporary: temporary.write_bytes(b"first"))
    assert path.read_bytes() == b"first" and mode(path) == 0o600

    def fail(temporary):
        assert mode(temporary) == 0o600  # private before anything is in it
        temporary.write_bytes(b"half")
        raise OSError("disk full")

    with pytest.raises(OSError):
        write_replacing(path, fail)
    assert path.read_bytes() == b"first"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["karta.pdf"]
