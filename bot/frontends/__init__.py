"""Thin adapters between people and the engine: console and batch (Telegram comes later)."""
