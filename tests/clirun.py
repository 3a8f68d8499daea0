"""Running the ``gazetteer`` entry point in-process, as a shell would: its exit code, stdout and stderr.

Test modules import ``run`` from here, as the fixtures from ``storebackends``.
"""

from __future__ import annotations

import sys

import pytest

from gazetteer.cli import main


def run(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """Run ``gazetteer *args`` through ``main``; (exit code, standard output, standard error)."""
    monkeypatch.setattr(sys, "argv", ["gazetteer", *args])
    with pytest.raises(SystemExit) as ended:
        main()
    captured = capsys.readouterr()
    return int(ended.value.code or 0), captured.out, captured.err
