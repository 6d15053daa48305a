"""views/releases.py: what changed between two releases, every cell decided in the view (#24)."""

from types import SimpleNamespace

import pandas as pd

from chuangcheng.views import releases


def test_changed_figures_read_with_names_months_words_and_the_indicators_decimals(shipped_catalog):
    rows = pd.DataFrame(
        {
            "region_code": ["990102", "990199"],
            "year": [2025, 2025],
            "period": [None, "2025-06"],
            "indicator": ["gdp", "air_good_days_ratio"],
            "change": ["changed", "added"],
            "before": [1234.56, None],
            "after": [1300.0, 87.0646067416],
        }
    )
    shown = releases.readable(rows, shipped_catalog, {"990102": "栖云区"}, "zh")
    gdp, air = (int(shipped_catalog.indicators.at[c, "decimals"]) for c in ("gdp", "air_good_days_ratio"))
    assert shown.to_dict("records") == [
        {
            "region": "栖云区",
            "year": "2025",
            "period": "",
            "indicator": shipped_catalog.indicators.at["gdp", "name_zh"],
            "change": "修改",
            "before": f"{1234.56:,.{gdp}f}",
            "after": f"{1300:,.{gdp}f}",
        },
        {
            "region": "990199",  # a region the names do not hold keeps its code
            "year": "2025",
            "period": "2025年6月",
            "indicator": shipped_catalog.indicators.at["air_good_days_ratio", "name_zh"],
            "change": "新增",
            "before": "",
            "after": f"{87.0646067416:.{air}f}",
        },
    ]
    assert releases.summary(rows) == {"added": "1", "removed": "0", "changed": "1"}


def test_a_release_is_compared_with_the_one_before_it_of_its_dataset_by_default():
    made = lambda id_, dataset, created: SimpleNamespace(id=id_, dataset=dataset, created=created)  # noqa: E731
    manifests = [made("b-v2", "b", "2026-03"), made("a-v2", "a", "2026-02"), made("a-v1", "a", "2026-01")]
    assert releases.earlier_version(manifests, "a-v2") == "a-v1"
    assert releases.earlier_version(manifests, "b-v2") == "b-v2"  # the first of its dataset: no other dataset's
