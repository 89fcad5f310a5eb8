"""Who publishes a passage (pipelines.narratives.publisher) and the stance map that reads it
(`narratives.stance_calibration_with_publisher`): read from addresses and source names, known kinds only, and the
map deciding only where the publisher is known."""

from __future__ import annotations

import numpy as np
import pytest

from pipelines.narratives.calibration import StanceCalibration, StanceContext, stance_inputs
from pipelines.narratives.publisher import PUBLISHER_KINDS, Publisher, host_of, publisher_kind, publisher_of
from pipelines.narratives.scan import model_stance
from pipelines.narratives.settings import STANCES, NarrativesParams


@pytest.mark.parametrize("value, kind", [
    ("https://www.exampleshire.nhs.uk/news/patient-stories/", "public_body"),
    ("http://www.northfield.gov.uk/adult-social-care", "public_body"),
    ("https://www.healthwatchnorthfield.co.uk/report", "public_body"),
    ("www.riverside-council.org.uk/housing", "public_body"),  # a council before the .org.uk rule
    ("https://www.mindfulcarers.org.uk/our-stories/", "organisation"),
    ("https://survivorsvoice.org/about", "organisation"),
    ("https://northfieldmum.blogspot.com/2019/05/post.html", "personal"),
    ("https://www.mumsnet.com/talk/thread", "personal"),
    ("https://www.bbc.co.uk/news/health-123", "news"),
    ("https://www.eveningecho.ie/local/article", "news"),
    ("https://www.example.com/some/page", "unknown"),
    ("NHS England", "public_body"),
    ("Northfield City Council", "public_body"),
    ("BBC News", "news"),
    ("Recovery in the Bin, internet publication", "unknown"),
    ("Journal of Psychiatric and Mental Health Nursing 25(5-6)", "unknown"),
    ("Oxford University Press", "unknown"),  # a publisher of journals, not a university's own page
    ("University of Northfield, School of Health", "public_body"),
])
def test_publisher_kind_of_addresses_and_source_names(value, kind):
    assert publisher_kind(value) == kind


def test_host_of_reads_addresses_only():
    assert host_of("https://www2.example.nhs.uk:8443/a?b=1") == "example.nhs.uk"
    assert host_of("example.org.uk/path") == "example.org.uk"
    assert host_of("NHS England") is None and host_of("not an address.org") is None


def test_publisher_of_reads_an_explicit_kind_then_addresses_then_source_names():
    assert publisher_of({"publisher": "News", "url": "https://www.example.nhs.uk/"}) == Publisher("news", "publisher field")
    # a publisher value that is not a kind is passed over, not guessed from
    assert publisher_of({"publisher": "a charity", "url": "https://www.example.nhs.uk/x"}).kind == "public_body"
    got = publisher_of({"url": "https://www.example.com/x", "source_url": "https://blog.example.org/y",
                        "source": "BBC News"})
    assert got == Publisher("organisation", "source_url: https://blog.example.org/y")  # first field a rule tells
    assert publisher_of({"source": "unknown"}) == Publisher() and publisher_of({}).evidence() is None
    assert publisher_of({"url": "https://www.bbc.co.uk/news"}).evidence() == {
        "kind": "news", "read_from": "url: https://www.bbc.co.uk/news"}


def test_stance_inputs_read_the_publisher_of_the_evidence():
    context = StanceContext.from_evidence({"publisher": {"kind": "personal", "read_from": "url: x"}})
    x = stance_inputs({"co-opted": 0.2, "transformative": 0.3, "neutral": 0.5}, STANCES, context)
    assert [x[f"publisher.{k}"] for k in PUBLISHER_KINDS] == [0.0, 0.0, 0.0, 1.0]
    unknown = stance_inputs({"neutral": 1.0}, STANCES, StanceContext.from_evidence({"publisher": None}))
    assert all(unknown[f"publisher.{k}"] == 0.0 for k in PUBLISHER_KINDS)


#: A map of the stance model alone, and one that reads the publisher: a public body's page pulls towards co-opted.
PLAIN = StanceCalibration(labels=STANCES, coef=np.eye(3).tolist(), intercept=[0.0, 0.0, 0.0])
WITH_PUBLISHER = StanceCalibration(
    labels=STANCES, features=[*(f"model.{s}" for s in STANCES), "publisher.public_body"],
    coef=[[1.0, 0.0, 0.0, 3.0], [0.0, 1.0, 0.0, 0.0], [0.0, 0.0, 1.0, 0.0]], intercept=[0.0, 0.0, 0.0])
SCORES = {"co-opted": 0.2, "transformative": 0.2, "neutral": 0.6}


def test_the_map_with_the_publisher_decides_only_where_the_publisher_is_known():
    params = NarrativesParams(stance_calibration=PLAIN, stance_calibration_with_publisher=WITH_PUBLISHER,
                              stance_second_opinion_weight=0.0)
    assert params.stance_map("unknown") is PLAIN and params.stance_map("news") is WITH_PUBLISHER
    assert model_stance(SCORES, params, StanceContext(publisher="unknown"))[0] == "neutral"
    assert model_stance(SCORES, params, StanceContext(publisher="news"))[0] == "neutral"
    stance, calibrated = model_stance(SCORES, params, StanceContext(publisher="public_body"))
    assert stance == "co-opted" and calibrated == WITH_PUBLISHER.apply(SCORES, StanceContext(publisher="public_body"))
    alone = NarrativesParams(stance_calibration=PLAIN, stance_second_opinion_weight=0.0)
    assert model_stance(SCORES, alone, StanceContext(publisher="public_body"))[0] == "neutral"


def test_the_map_with_the_publisher_is_validated_and_may_ask_for_the_second_opinion():
    with pytest.raises(ValueError, match="unknown or repeated features"):
        StanceCalibration(labels=STANCES, features=["model.co-opted", "publisher.charity"], coef=[[0, 0]] * 3,
                          intercept=[0, 0, 0])
    with pytest.raises(ValueError, match="stance_calibration_with_publisher: labels must be"):
        NarrativesParams(stance_calibration_with_publisher=StanceCalibration(
            labels=["a", "b", "c"], features=["publisher.news"], coef=[[0.0]] * 3, intercept=[0, 0, 0]))
    reads_second = StanceCalibration(labels=STANCES, features=["second.neutral", "publisher.news"],
                                     coef=[[0.0, 0.0]] * 3, intercept=[0.0, 0.0, 0.0])
    params = NarrativesParams(stance_calibration=PLAIN, stance_calibration_with_publisher=reads_second,
                              stance_second_opinion_weight=0.0)
    assert params.stance_second_opinion_used
