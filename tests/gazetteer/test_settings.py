import pytest

from gazetteer.errors import InvalidInput
from gazetteer.settings import SOUTH_CAUCASUS, Region, load_settings, parse_region


def test_the_default_region_is_the_south_caucasus(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GAZETTEER_REGION", raising=False)
    region = load_settings().region
    assert region == SOUTH_CAUCASUS
    for lon, lat in ((49.89, 40.38), (44.51, 40.18), (44.83, 41.69)):  # Baku, Yerevan, Tbilisi
        assert region is not None and region.clamp(lon, lat) == (lon, lat)


def test_a_deployment_sets_or_turns_off_its_region(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GAZETTEER_REGION", "-10, 35, 30, 60")
    assert load_settings().region == Region(-10, 35, 30, 60)
    monkeypatch.setenv("GAZETTEER_REGION", "none")
    assert load_settings().region is None
    assert parse_region("") is None


@pytest.mark.parametrize("bad", ["europe", "1,2,3", "10,0,5,1", "0,10,1,5", "0,0,200,1", "nan,0,1,1"])
def test_a_malformed_region_is_invalid_input(bad: str) -> None:
    with pytest.raises(InvalidInput):
        parse_region(bad)
