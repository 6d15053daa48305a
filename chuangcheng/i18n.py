"""Every label and message in English and Chinese; t(key, lang, **values) fills one in."""

TEXT = {
    # frame and navigation
    "app_title": {"en": "Chuangcheng · civilized-city dashboard", "zh": "创城看板"},
    "language": {"en": "Language · 语言", "zh": "语言 · Language"},
    "snapshot": {"en": "Snapshot", "zh": "数据快照"},
    "snapshot_caption": {"en": "{title} · created {created}", "zh": "{title} · 生成于 {created}"},
    "page_overview": {"en": "Overview", "zh": "总览"},
    "page_district": {"en": "District", "zh": "区县详情"},
    "page_compare": {"en": "Compare", "zh": "区县对比"},
    "page_data": {"en": "Data", "zh": "数据下载"},
    "page_indicators": {"en": "Indicators", "zh": "指标说明"},
    "synthetic_notice": {
        "en": "Demo data: a fictional city, generated. No figure here describes a real place.",
        "zh": "演示数据：虚构城市，由程序生成，不代表任何真实地区。",
    },
    # shared choices
    "city": {"en": "City", "zh": "城市"},
    "year": {"en": "Year", "zh": "年份"},
    "district": {"en": "District", "zh": "区县"},
    "districts": {"en": "Districts", "zh": "区县"},
    "indicator": {"en": "Indicator", "zh": "指标"},
    "indicators": {"en": "Indicators", "zh": "指标"},
    "years": {"en": "Years", "zh": "年份范围"},
    "invalid_choice": {
        "en": "The link asks for {param} = {value}, which this snapshot does not have; showing {fallback} instead.",
        "zh": "链接中的 {param} = {value} 在当前数据快照中不存在，已改为显示 {fallback}。",
    },
    "no_data": {"en": "No data for this choice.", "zh": "所选范围内没有数据。"},
    "no_data_city_year": {"en": "No district of {city} has figures for {year}.", "zh": "{city}{year}年没有区县数据。"},
    "no_data_indicator": {
        "en": "No district of {city} has a value of “{indicator}” in {year}.",
        "zh": "{city}{year}年没有区县报送“{indicator}”。",
    },
    # overview
    "overview_title": {"en": "{city} in {year}", "zh": "{city} {year}年"},
    "headline": {"en": "Headline figures", "zh": "主要指标"},
    "headline_help_sum": {"en": "Sum of {n} districts; change on {previous}.", "zh": "{n}个区县合计；与{previous}年相比。"},
    "headline_help_mean": {"en": "Mean of {n} districts; change on {previous}.", "zh": "{n}个区县平均；与{previous}年相比。"},
    "ranking": {"en": "Districts ranked by score rate", "zh": "区县得分率排名"},
    "ranking_caption": {
        "en": "Score rate (得分率): 100 × the mean credit of scored indicators, averaged over aspects. Full credit 1, partial 0.5.",
        "zh": "得分率：各测评项目内有数据指标的平均得分×100，再对项目取平均。达标得1分，基本达标得0.5分。",
    },
    "score_rate": {"en": "Score rate", "zh": "得分率"},
    "rank": {"en": "Rank", "zh": "排名"},
    "rank_change": {"en": "Rank change", "zh": "名次变化"},
    "score_change": {"en": "Change", "zh": "变化"},
    "by_indicator": {"en": "All districts on one indicator", "zh": "单项指标区县比较"},
    "heatmap": {"en": "Attainment by district and indicator", "zh": "区县指标达标情况"},
    "heatmap_caption": {
        "en": "Green: meets the standard; amber: partly; red: below; blank: no value. Districts by rank. Hover for the value.",
        "zh": "绿色：达标；黄色：基本达标；红色：未达标；空白：无数据。区县按排名排列，悬停查看数值。",
    },
    "standard_full": {"en": "Standard", "zh": "达标线"},
    "standard_partial": {"en": "Partial credit", "zh": "基本达标线"},
    "city_mean": {"en": "City mean", "zh": "全市平均"},
    "attainment_full": {"en": "meets the standard", "zh": "达标"},
    "attainment_partial": {"en": "partly meets", "zh": "基本达标"},
    "attainment_low": {"en": "below the standard", "zh": "未达标"},
    "attainment_none": {"en": "not scored", "zh": "不计分"},
    "uncertain": {"en": "uncertain", "zh": "不确定"},
    "uncertain_caption": {
        "en": "A hollow dot: the survey rate's 95% interval straddles the standard, so whether it is met is uncertain.",
        "zh": "空心点：调查比率的95%置信区间跨越达标线，是否达标尚不确定。",
    },
    "interval": {"en": "95% interval {lower}–{upper}, n = {n}", "zh": "95%置信区间 {lower}–{upper}，样本 {n}"},
    "bound_above": {"en": "at least", "zh": "不低于"},
    "bound_below": {"en": "at most", "zh": "不高于"},
    # errors
    "error_generic": {"en": "Something went wrong: {detail}", "zh": "出现问题：{detail}"},
    "error_catalog": {"en": "The catalog has problems:\n{detail}", "zh": "指标目录有误：\n{detail}"},
    "error_snapshot_not_found": {"en": "Snapshot {snapshot} was not found.", "zh": "找不到数据快照 {snapshot}。"},
    "error_query": {"en": "The question “{query}” could not be answered.", "zh": "查询“{query}”未能完成。"},
}


def t(key: str, lang: str, **values) -> str:
    """The text for key in lang, with values filled in."""
    return TEXT[key][lang].format(**values)
