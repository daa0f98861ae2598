"""The version of kwmatch, in a module of its own so that any module can read it without
importing the package's public API (and its imports)."""

__version__ = "0.1.0"
