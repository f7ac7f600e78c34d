"""The command line as a user meets it: exit codes, JSON shape, one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from auditor.cli.main import main
from tests.conftest import REPO, requires_shared, seed_files

EXAMPLE = next((REPO / "examples").glob("*.txt"))


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "auditor.cli.main", *args],
                          capture_output=True, text=True, timeout=300)


@requires_shared
def test_json_reports_every_seed_with_metadata_and_sections(capsys: pytest.CaptureFixture[str]) -> None:
    files = [str(p) for p in seed_files()]
    code = main(["audit", *files, "--format", "json", "--fail-on", "none"])
    assert code == 0
    data = json.loads(capsys.readouterr().out)
    assert [r["source"] for r in data["reports"]] == files
    for report in data["reports"]:
        assert report["error"] is None
        assert len(report["sha256"]) == 64
        assert report["department"] and report["fiscal_year"] and report["kind"] in (
            "department", "project", "other")
        assert report["sections"], report["source"]
        for section in report["sections"]:
            assert set(section) >= {"title", "type", "line"}
        for finding in report["findings"]:
            assert set(finding) >= {"rule_id", "category", "severity", "confidence", "message",
                                    "evidence", "line", "explanation", "suggestion"}


def test_unreadable_file_is_one_clear_line(tmp_path: Path) -> None:
    bad = tmp_path / "报告.pdf"
    bad.write_bytes(b"%PDF-1.4\n garbage that is not a pdf")
    proc = run_cli("audit", str(bad))
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr + proc.stdout
    assert str(bad) in proc.stdout


def test_bad_file_does_not_stop_the_batch(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    code = main(["audit", str(empty), str(EXAMPLE), "--format", "json", "--fail-on", "none"])
    data = json.loads(capsys.readouterr().out)
    assert code == 0
    first, second = data["reports"]
    assert first["error"] and "空" in first["error"] and first["findings"] == []
    assert second["error"] is None and second["department"]


def test_missing_file_and_unknown_rule_are_usage_errors(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["audit", "does-not-exist.txt"]) == 2
    assert main(["audit", str(EXAMPLE), "--rules", "no.such_rule"]) == 2
    err = capsys.readouterr().err
    assert "no.such_rule" in err and "Traceback" not in err


def test_fail_on_threshold(tmp_path: Path) -> None:
    report = tmp_path / "r.txt"
    report.write_text("示例区统计局2024年度部门整体支出绩效自评报告\n一、基本情况\n全年依法选举了了委员。\n",
                      encoding="utf-8")
    args = ["audit", str(report), "--rules", "text.typo", "-o", str(tmp_path / "out.txt")]
    assert main([*args, "--fail-on", "low"]) == 1
    assert main([*args, "--fail-on", "medium"]) == 0
    assert main([*args, "--fail-on", "none"]) == 0


def test_english_messages(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = tmp_path / "r.txt"
    report.write_text("示例区统计局2024年度部门整体支出绩效自评报告\n一、基本情况\n全年依法选举了了委员。\n",
                      encoding="utf-8")
    main(["audit", str(report), "--rules", "text.typo", "--format", "json", "--lang", "en"])
    finding = json.loads(capsys.readouterr().out)["reports"][0]["findings"][0]
    assert finding["message"].startswith("Probably a doubled character")
    assert finding["line"] == 3


def test_gbk_file_reads_like_utf8(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = "示例区统计局2024年度部门整体支出绩效自评报告\n一、基本情况\n全年依法选举了了委员。\n"
    (tmp_path / "gbk.txt").write_bytes(text.encode("gbk"))
    (tmp_path / "utf8.txt").write_text(text, encoding="utf-8")
    main(["audit", str(tmp_path / "gbk.txt"), str(tmp_path / "utf8.txt"), "--format", "json"])
    a, b = json.loads(capsys.readouterr().out)["reports"]
    assert a["department"] == b["department"] == "示例区统计局"
    assert [f["evidence"] for f in a["findings"]] == [f["evidence"] for f in b["findings"]]


def test_unwritable_output_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = tmp_path / "in" / "r.txt"
    report.parent.mkdir()
    report.write_text("示例区统计局2024年度部门整体支出绩效自评报告\n一、基本情况\n全年依法选举了了委员。\n",
                      encoding="utf-8")
    blocker = tmp_path / "blocker"
    blocker.write_text("a file, not a folder", encoding="utf-8")
    out = blocker / "out.json"
    assert main(["--lang", "en", "audit", str(report), "--format", "json", "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert f"cannot write output file {out}" in err and "Traceback" not in err
    (tmp_path / "res" / "results.html").mkdir(parents=True)  # a folder where a file must go
    assert main(["--lang", "en", "batch", str(report.parent), "--out", str(tmp_path / "res")]) == 2
    assert "cannot write output file" in capsys.readouterr().err


def test_output_to_a_closed_pipe_stops_quietly() -> None:
    """auditor rules | head: the reader went away; no internal error, no traceback."""
    done = subprocess.run(
        f"{sys.executable} -m auditor.cli.main rules | {sys.executable} -c 'pass'",
        shell=True, capture_output=True, text=True, timeout=120)
    assert "内部错误" not in done.stderr and "Traceback" not in done.stderr


def test_interrupted_batch_says_how_to_continue(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    import auditor.cli.batch_cmd as batch_cmd

    def interrupted(*_args: object, **_kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(batch_cmd, "run_batch", interrupted)
    (tmp_path / "a.txt").write_text("示例局2024年度部门整体支出绩效自评报告\n", encoding="utf-8")
    assert main(["batch", str(tmp_path), "--out", str(tmp_path / "out")]) == 130
    assert "重新运行同一命令" in capsys.readouterr().err
