"""The slotfill web service and command line."""
