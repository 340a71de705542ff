"""The slotfill web service."""
