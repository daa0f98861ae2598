"""Shipped taxonomies (YAML data), installed as the package ``kwmatch.taxonomies``."""
