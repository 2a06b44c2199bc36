"""``python -m gridkeeper``: the command line, same as the ``gridkeeper`` console script."""

import sys

from gridkeeper.cli import main

sys.exit(main())
