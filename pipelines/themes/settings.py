"""The typed `themes:` section of params.yaml: the coding frame (themes with a description and seed terms) and
how passages are scored against it. The default frame holds the themes of the seed documents (GUIDE.md):
seed 000's four themes, seed 001's decision-making roles and seed 003's organisational narrative."""

from __future__ import annotations

from pydantic import Field, field_validator, model_validator

from pipelines.config import Section

NAME_PATTERN = r"^[a-z][a-z0-9_]{0,39}$"  # a theme name is a code in QDA software and a column value


class ThemeSpec(Section):
    """One theme of the frame: a short name (the code), a description in one or two sentences, seed terms."""

    name: str = Field(pattern=NAME_PATTERN)
    description: str = Field(min_length=20, max_length=600)
    seed_terms: list[str] = Field(min_length=1, max_length=60)
    source: str = Field("", max_length=200)  # where the theme comes from (a seed document, a paper)
    threshold: float | None = Field(None, ge=0.0, le=1.0)  # this theme's own threshold (else `themes.threshold`)

    @field_validator("seed_terms")
    @classmethod
    def _terms(cls, terms: list[str]) -> list[str]:
        cleaned = [" ".join(t.split()) for t in terms]
        if any(not t or len(t) > 60 for t in cleaned):
            raise ValueError("every seed term must hold 1 to 60 characters")
        if len({t.lower() for t in cleaned}) != len(cleaned):
            raise ValueError("seed terms repeat")
        return cleaned


def _theme(name: str, description: str, terms: str, source: str, threshold: float) -> ThemeSpec:
    return ThemeSpec(name=name, description=description, seed_terms=[t.strip() for t in terms.split(";")],
                     source=source, threshold=threshold)


#: The default frame (descriptions written for colens from the seed documents; see README "Literature themes").
DEFAULT_THEMES: list[ThemeSpec] = [
    _theme("definitions",
           "What co-production is or means: a definition, its principles, how it differs from consultation or "
           "involvement, or the complaint that the term is vague, contested or hard to pin down.",
           "definition; define; meaning; concept; the term; principle; understanding; contested; vague; "
           "lack of clarity; refer to; what co-production is", "seed 000 (Recovery College clinicians)", 0.47),
    _theme("power_dynamics",
           "Power between people who use services and professionals or institutions: imbalances and hierarchies, "
           "sharing or relocating power and control, whose expertise counts, empowerment.",
           "power; power imbalance; share power; control; hierarchy; equal; equality; expertise; expert; "
           "empower; authority; status; top-down", "seed 000 (Recovery College clinicians)", 0.33),
    _theme("negotiating_roles",
           "The roles people take in co-production and how they are worked out: professional and peer identities, "
           "role boundaries and personal disclosure, moving from expert to partner, reciprocal relationships.",
           "role; role negotiation; professional identity; peer trainer; peer worker; boundary; disclosure; "
           "reciprocity; mutuality; relationship; identity; colleague", "seed 000 (Recovery College clinicians)",
           0.51),
    _theme("influence_on_practice",
           "What co-production changes in practice: how professionals work, speak and see their own expertise "
           "after co-producing, and the changes to services, teaching or care it brings about.",
           "change practice; clinical practice; alter; transform; impact; difference; mindset; perspective; "
           "learning; way of working; improve service; benefit; language", "seed 000 (Recovery College clinicians)", 0.58),
    _theme("decision_making",
           "Who makes decisions and how decision-making is distributed: shared or joint decisions, who sets the "
           "agenda, leads, steers or governs the work, and whether people have a real say.",
           "decision; decision-making; decide; shared decision; have a say; agenda; lead; steer; governance; "
           "choice; influence", "seed 001 (knowledge in a research team)", 0.33),
    _theme("organisational_narrative",
           "The stories organisations tell about themselves and their culture, and co-production as window "
           "dressing: tokenism, tick-box or superficial involvement, rhetoric that outruns practice.",
           "window dressing; tokenism; tokenistic; tick box; organisational culture; narrative; story; rhetoric; "
           "buzzword; superficial; genuine; myth; culture", "seed 003 (theatre-based dialogue)", 0.4),
]


class ThemesParams(Section):
    """The coding frame and the scoring of stage `themes` (the sentence encoder is `models.sentence_transformer`)."""

    themes: list[ThemeSpec] = Field(default_factory=lambda: list(DEFAULT_THEMES), min_length=1, max_length=40)
    threshold: float = Field(0.36, ge=0.0, le=1.0)  # assigned = score >= threshold (unless the theme has its own)
    term_weight: float = Field(0.2, ge=0.0, le=1.0)  # score = (1 - w) * similarity + w * seed-term share
    term_saturation: int = Field(2, ge=1, le=20)  # distinct seed terms for a full term share
    max_evidence_sentences: int = Field(2, ge=1, le=10)  # top sentences kept as evidence per passage and theme
    batch_size: int = Field(256, ge=1, le=100_000)  # passages scored per batch

    @model_validator(mode="after")
    def _unique(self) -> "ThemesParams":
        names = [t.name for t in self.themes]
        if len(set(names)) != len(names):
            raise ValueError(f"theme names repeat: {', '.join(sorted({n for n in names if names.count(n) > 1}))}")
        return self

    def threshold_of(self, theme: ThemeSpec) -> float:
        return self.threshold if theme.threshold is None else theme.threshold
