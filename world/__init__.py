"""What the tagger knows of the world beside its training data, and what its answers are resolved into.

Places and airlines from data packages (``places``, ``airlines``); the per-token lookup the tagger reads
beside each word (``lexicon``); the stage after the model that turns slots into places, dates, times and
a booking frame (``dates``, ``frame``).
"""
