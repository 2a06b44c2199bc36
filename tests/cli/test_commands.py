"""The command index: every command word leads to the module that defines it, and a command
loads only its own module (the others' imports would slow every command's start)."""

from __future__ import annotations

import argparse
import importlib
import subprocess
import sys

from gridkeeper.cli import COMMAND_MODULES, COMMANDS, build_parser, command_word


def _words(module: str) -> set[str]:
    parser = argparse.ArgumentParser()
    commands = parser.add_subparsers()
    importlib.import_module(module).add_parser(commands)
    return set(commands.choices)


def test_every_command_word_names_the_module_that_defines_it():
    for module in COMMAND_MODULES:
        assert _words(module) == {word for word, home in COMMANDS.items() if home == module}, module
    assert set(COMMANDS.values()) == set(COMMAND_MODULES)


def test_the_command_word_skips_global_options_and_their_values():
    assert command_word(["--db", "report", "--lang", "en", "roster", "--week", "x"]) == "roster"
    assert command_word(["--lang=en", "-h"]) is None


def test_a_known_command_parses_with_its_own_module_alone():
    args = build_parser("roster").parse_args(["roster", "--week", "2026-W48", "--csv", "-"])
    assert args.week == "2026-W48"


def test_the_roster_command_does_not_load_the_other_commands():
    loaded = subprocess.run(
        [sys.executable, "-c",
         "import sys; from gridkeeper.cli import build_parser; build_parser('roster'); "
         "print(' '.join(m for m in sys.modules if m.startswith('gridkeeper.cli.')))"],
        capture_output=True, text=True, check=True).stdout.split()
    others = [m for m in COMMAND_MODULES if m != "gridkeeper.cli.roster"]
    assert "gridkeeper.cli.roster" in loaded
    assert not set(others) & set(loaded)
