"""The ``slotfill`` command line: the layer above ``model``, ``training`` and ``app``, which it drives."""
