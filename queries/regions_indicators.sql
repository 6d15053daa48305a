-- regions_indicators: the indicators some of the given regions have values of, how many of them have any, and
-- how many values there are in all (what a comparison of them can show).
-- Params: $regions (list of codes). Grain: one row per indicator with a value.
-- Columns: indicator, regions, figures.
select indicator, count(distinct region_code) as regions, count(*) as figures
from indicator_values
where list_contains($regions, region_code)
group by indicator
order by indicator
