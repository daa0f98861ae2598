"""``python -m kwmatch``: the same as the ``kwmatch`` command."""

from kwmatch.cli import main

main()
