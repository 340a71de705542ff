"""``python -m cli``: the ``slotfill`` command without its installed script."""

import sys

from cli.main import main

sys.exit(main())
