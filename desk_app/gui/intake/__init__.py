"""The intake wizard: taking a citizen's dossier at the counter (tiếp nhận hồ sơ)."""

from .draft import IntakeDraft, build_dossier, build_receipt
from .wizard import IntakeWizard

__all__ = ["IntakeDraft", "IntakeWizard", "build_dossier", "build_receipt"]
