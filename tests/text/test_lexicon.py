"""Every spelling of co-production is found with exact offsets; distractors never match."""

import pytest

from pipelines.text.normalize import normalize_for_matching

SPELLINGS = [
    ("co-production", "co-production"),
    ("coproduction", "co-production"),
    ("co\u2010production", "co-production"),
    ("co\u2011production", "co-production"),
    ("co\u2013production", "co-production"),
    ("co- production", "co-production"),
    ("co production", "co-production"),
    ("Co-Productions", "co-production"),
    ("co-produce", "co-produce"),
    ("co-produces", "co-produce"),
    ("co\u2010produced", "co-produce"),
    ("coproducing", "co-produce"),
    ("coproduce", "co-produce"),
    ("co-producer", "co-producer"),
    ("co-producers", "co-producer"),
    ("co-productive", "co-productive"),
    ("co-productionist", "co-productionist"),
    ("co-pro", "co-production"),
    # the codebook's economics and life-science "co-products"
    ("co-product", "co-product"),
    ("co-products", "co-product"),
    ("coproducts", "co-product"),
    # a hyphen lost in a page's encoding or typed as a quote
    ("Co?production", "co-production"),
    ("co\ufffdproduced", "co-produce"),
    ("co\u2019produce", "co-produce"),
    # a line-break hyphen inside the word, as text taken from PDFs keeps it
    ("co-produc-tion", "co-production"),
    ("co-pro-\nduced", "co-produce"),
    ("co-produ- cing", "co-produce"),
    ("copro\u00adduction", "co-production"),
]
DISTRACTORS = ["co-optation", "co-morbidity", "comorbidity", "co-operation", "cooperation", "by-product",
               "co-programme", "co-productivity", "CO product", "coprophagy", "production", "produce",
               "what is co? production", "co-produc-tivity"]


@pytest.mark.parametrize("surface,lemma", SPELLINGS)
def test_every_spelling_matches_with_offsets(lexicon, surface, lemma):
    text = f"In this study, {surface} was discussed."
    found = lexicon.find_target(text)
    assert len(found) == 1
    m = found[0]
    assert text[m.start : m.end] == surface == m.surface
    assert m.lemma == lemma


@pytest.mark.parametrize("word", DISTRACTORS)
def test_distractors_never_match(lexicon, word):
    assert lexicon.find_target(f"The {word} was reported as {word}.") == []


def test_normalisation_preserves_length():
    text = "co\u2010production \u201cquoted\u201d\u00a0x"
    assert len(normalize_for_matching(text)) == len(text)


def test_related_concepts_are_indexed(lexicon):
    text = "Co-design and co-creation differ from involvement, participation, engagement and peer-support workers."
    concepts = {m.concept for m in lexicon.find(text)}
    assert concepts == {"co-design", "co-creation", "involvement", "participation", "engagement", "peer support"}


def test_resolve_accepts_any_spelling(lexicon):
    assert lexicon.resolve("coproduction") == "co-production"
    with pytest.raises(KeyError):
        lexicon.resolve("tokenism")


@pytest.mark.parametrize("text", [
    "click here for link to PDF Coproductive%20Learning%20for%20Better%20Health.pdf",
    "see https://example.org/co-production/guide",
    "download coproduction.pdf now",
    "read more at /blog/co-production",
    "example.org/co-production",
])
def test_urls_and_file_names_are_not_mentions(lexicon, text):
    assert lexicon.find_target(text) == []


def test_sentence_final_and_slashed_mentions_still_match(lexicon):
    assert len(lexicon.find_target("We value co-production. Co-production/co-design work.")) == 2
    text = "Our co-design/co-production group meets monthly."
    (m,) = lexicon.find_target(text)
    assert text[m.start : m.end] == "co-production"


def test_a_term_glued_to_a_scraped_heading_word_is_a_mention(lexicon):
    text = "AbstractCo-production is a collaborative way of working. Methodscoproduction was not glued."
    (m,) = lexicon.find_target(text)
    assert text[m.start : m.end] == "Co-production"
