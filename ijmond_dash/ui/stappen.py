"""Moving on without the sidebar: a sessie (?sessie=naam&stap=n), Vorige/Volgende, the
keys of a presentation clicker, and the presenter's note (never on the projector)."""

from __future__ import annotations






