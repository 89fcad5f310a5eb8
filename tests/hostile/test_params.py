"""Hostile params: a misspelled section, out-of-range numbers and a non-mapping file are errors that name the
key, printed by `colens` as one line, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from pipelines.cli import one_line, user_error
from pipelines.config import SECTIONS, Config, ConfigError, Section, section_model
from pipelines.paths import ROOT


def _params(tmp_path: Path, change) -> Path:
    raw = yaml.safe_load((ROOT / "params.yaml").read_text(encoding="utf-8"))
    change(raw)
    path = tmp_path / "params.yaml"
    path.write_text(yaml.safe_dump(raw), encoding="utf-8")
    return path


def test_every_section_in_params_yaml_is_known_and_typed():
    raw = yaml.safe_load((ROOT / "params.yaml").read_text(encoding="utf-8"))
    assert set(raw) <= set(Config.model_fields) | set(SECTIONS)
    for name in SECTIONS:
        assert issubclass(section_model(name), Section), name


@pytest.mark.parametrize(("change", "words"), [
    (lambda r: r.update(elasticty={"n_boot": 100}), "unknown section(s) 'elasticty' (did you mean 'elasticity'?)"),
    (lambda r: r.update(seed=-1), "seed: Input should be greater than or equal to 0 (got -1)"),
    (lambda r: r["models"].update(batch_size=0), "models.batch_size: Input should be greater than or equal to 1"),
    (lambda r: r["ingest"].update(max_paragraph_chars=2_000_000), "ingest.max_paragraph_chars: Input should be"),
    (lambda r: r["ingest"].update(colour="red"), "ingest.colour: Extra inputs are not permitted"),
    (lambda r: r.update(ingest=["not", "a", "mapping"]), "section 'ingest' must be a mapping"),
    (lambda r: r["models"].update(task_encoder_backends={"level": "onnx"}), "models.task_encoder_backends.level"),
    (lambda r: r["models"].update(task_encoder_backends={"levels": "int4"}), "models.task_encoder_backends.levels"),
])
def test_bad_params_name_the_key(tmp_path, change, words):
    with pytest.raises(ConfigError) as err:
        Config.load(_params(tmp_path, change))
    assert words in str(err.value) and "\n" not in str(err.value)


def test_a_file_that_is_not_a_mapping_is_refused(tmp_path):
    path = tmp_path / "params.yaml"
    path.write_text("- just\n- a list\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="must be a mapping of sections"):
        Config.load(path)


def test_the_command_line_prints_one_line_not_a_traceback(tmp_path):
    params = _params(tmp_path, lambda r: r.update(elasticty={}))
    corpus = tmp_path / "c"
    corpus.mkdir()
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    done = subprocess.run([sys.executable, "-m", "pipelines", "ingest", "--corpus", str(corpus), "--params",
                           str(params)], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "elasticty" in lines[0] and "Traceback" not in done.stderr


def test_user_errors_are_recognised_and_printed_on_one_line():
    from pipelines.modeling import UntrustedModel

    assert user_error(ConfigError("x")) and user_error(UntrustedModel("m"))
    assert not user_error(RuntimeError("a bug keeps its traceback"))
    assert one_line(ConfigError("a\nb\n\nc")) == "a; b; c"
