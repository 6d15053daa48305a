-- scope_headline: the headline figures (catalog flag `headline`) of a scope in a year and the year before.
-- The parent's own value when the snapshot has one; else the regions' sum where the catalog says the
-- indicator adds up (city_aggregate = 'sum'), their mean otherwise.
-- Params: $level, $parent ('' for every region of the level), $year, $headline (the catalog's headline codes:
-- a list bound here reads a few row groups, where joining the catalog's flag read them all).
-- Grain: one row per headline indicator.
-- Columns: indicator, value, previous, regions (reporting in $year), previous_regions, own (true when the
-- value is the parent's own figure, not one made from its regions).
with member_values as (
    select v.indicator, v.year, v.value, i.city_aggregate
    from indicator_values v
    join indicators i on i.code = v.indicator
    where list_contains($headline, v.indicator) and v.level = $level and ($parent = '' or v.parent_code = $parent)
      and v.year in ($year, $year - 1)
),
made as (
    select
        indicator, year,
        case when any_value(city_aggregate) = 'sum' then sum(value) else avg(value) end as value,
        count(*) as regions
    from member_values
    group by indicator, year
),
own as (
    select indicator, year, value
    from indicator_values
    where $parent <> '' and list_contains($headline, indicator) and region_code = $parent and year in ($year, $year - 1)
),
figures as (
    select
        m.indicator, m.year, coalesce(o.value, m.value) as value, m.regions, o.value is not null as own
    from made m
    left join own o using (indicator, year)
)
select
    i.code as indicator,
    this_year.value, last_year.value as previous,
    coalesce(this_year.regions, 0) as regions, coalesce(last_year.regions, 0) as previous_regions,
    coalesce(this_year.own, false) as own
from indicators i
left join figures this_year on this_year.indicator = i.code and this_year.year = $year
left join figures last_year on last_year.indicator = i.code and last_year.year = $year - 1
where list_contains($headline, i.code)
