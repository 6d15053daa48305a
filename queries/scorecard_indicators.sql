-- scorecard_indicators: the bulletin at indicator level: every scored indicator of every district in a
-- year against its standard (for city_average, full and partial are the thresholds the city mean set).
-- Params: $year. Grain: one row per district and scored indicator with a value; districts in rank order.
-- Columns: region_code, city, year, indicator, value, standard, full_at, partial_at, verdict, credit, gap.
select
    a.region_code, a.city, a.year, a.indicator, a.value, a.standard, a.full_at, a.partial_at,
    a.verdict, a.credit, a.gap
from attainment a
join overall_scores o on o.region_code = a.region_code and o.year = a.year
where a.year = $year
order by a.city, o.rank, a.region_code, a.aspect, a.indicator
