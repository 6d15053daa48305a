-- scope_headline: the headline figures (catalog flag `headline`) of a scope in a year and the year before.
-- The parent's own value when the snapshot has one; else the regions' sum where the catalog says the
-- indicator adds up (city_aggregate = 'sum'), their mean otherwise. The change compares like with like:
-- made from the regions with a value in both years (a region missing one year made a total jump by its
-- whole figure), or the parent's own values when it has them both years.
-- Params: $level, $parent ('' for every region of the level), $year, $headline (the catalog's headline codes:
-- a list bound here reads a few row groups, where joining the catalog's flag read them all).
-- Grain: one row per headline indicator.
-- Columns: indicator, value, previous, regions (reporting in $year), previous_regions, own (true when the
-- value is the parent's own figure, not one made from its regions), now_alike, before_alike (the two
-- figures the change is taken between), alike_regions (regions in both; null when own figures are used).
with member_values as (
    select v.indicator, v.region_code, v.year, v.value, i.city_aggregate
    from indicator_values v
    join indicators i on i.code = v.indicator
    where list_contains($headline, v.indicator) and v.level = $level and ($parent = '' or v.parent_code = $parent)
      and v.year in ($year, $year - 1)
),
both_years as (
    select indicator, region_code
    from member_values
    group by indicator, region_code
    having count(distinct year) = 2
),
made as (
    select
        m.indicator, m.year,
        case when any_value(m.city_aggregate) = 'sum' then sum(m.value) else avg(m.value) end as value,
        count(*) as regions,
        case when any_value(m.city_aggregate) = 'sum' then sum(m.value) filter (where b.region_code is not null)
             else avg(m.value) filter (where b.region_code is not null) end as alike,
        count(b.region_code) as alike_regions
    from member_values m
    left join both_years b using (indicator, region_code)
    group by m.indicator, m.year
),
own as (
    select indicator, year, value
    from indicator_values
    where $parent <> '' and list_contains($headline, indicator) and region_code = $parent and year in ($year, $year - 1)
),
figures as (
    select
        m.indicator, m.year, coalesce(o.value, m.value) as value, m.regions, o.value is not null as own, o.value as own_value,
        m.alike, m.alike_regions
    from made m
    left join own o using (indicator, year)
)
select
    i.code as indicator,
    this_year.value, last_year.value as previous,
    coalesce(this_year.regions, 0) as regions, coalesce(last_year.regions, 0) as previous_regions,
    coalesce(this_year.own, false) as own,
    case when this_year.own and last_year.own then this_year.own_value else this_year.alike end as now_alike,
    case when this_year.own and last_year.own then last_year.own_value else last_year.alike end as before_alike,
    case when this_year.own and last_year.own then null else this_year.alike_regions end as alike_regions
from indicators i
left join figures this_year on this_year.indicator = i.code and this_year.year = $year
left join figures last_year on last_year.indicator = i.code and last_year.year = $year - 1
where list_contains($headline, i.code)
