"""kwmatch: how well a resume covers a role, offline.

The public API::

    from kwmatch import score_file, score_text, load_taxonomy
    report = score_file("resume.pdf")
    report.overall, report.coverage("senior"), report.to_json()
"""

from __future__ import annotations

from kwmatch._version import __version__
from kwmatch.api import Scorer, score_file, score_text
from kwmatch.batch import score_many
from kwmatch.errors import InputError, KwmatchError, TaxonomyError, UsageError
from kwmatch.report import Report
from kwmatch.taxonomy import Taxonomy, load_taxonomy

__all__ = [
    "InputError",
    "KwmatchError",
    "Report",
    "Scorer",
    "Taxonomy",
    "TaxonomyError",
    "UsageError",
    "__version__",
    "load_taxonomy",
    "score_file",
    "score_many",
    "score_text",
]
