-- scope_headline: the headline figures (catalog flag `headline`) of a scope in a year and the year before.
-- The parent's own value when the snapshot has one; else made from its regions as the catalog's city_aggregate
-- says: their sum ('sum'), their mean ('mean'), or their mean weighted by the region's `weight` figure of the
-- same year, divided by its `weight_per` figure when set ('weighted': growth by GDP; a per-person figure by
-- people = GDP ÷ GDP per person, which makes GDP per person total GDP ÷ total people). A weighted figure is made
-- from the regions that have a weight, and is their plain mean when none has. The change compares like with like:
-- made from the regions with a value in both years (a region missing one year made a total jump by its
-- whole figure), or the parent's own values when it has them both years.
-- Params: $level, $parent ('' for every region of the level), $year, $headline (the catalog's headline codes),
-- $inputs (those and their weights: a list bound here reads a few row groups, where joining the catalog's flag
-- read them all).
-- Grain: one row per headline indicator.
-- Columns: indicator, value, previous, regions (reporting in $year), previous_regions, weighted (regions whose
-- value was weighted in $year; null unless weighted), own (true when the value is the parent's own figure, not
-- one made from its regions), now_alike, before_alike (the two figures the change is taken between),
-- alike_regions (regions in both; null when own figures are used).
with scope_values as (
    select v.indicator, v.region_code, v.year, v.value
    from indicator_values v
    where list_contains($inputs, v.indicator) and v.level = $level and ($parent = '' or v.parent_code = $parent)
      and v.year in ($year, $year - 1)
),
member_values as (
    select
        v.indicator, v.region_code, v.year, v.value, i.city_aggregate,
        case when i.city_aggregate = 'weighted' and w.value > 0 and (i.weight_per = '' or per.value > 0)
             then w.value / coalesce(per.value, 1) end as weight
    from scope_values v
    join indicators i on i.code = v.indicator
    left join scope_values w on w.indicator = i.weight and w.region_code = v.region_code and w.year = v.year
    left join scope_values per on per.indicator = i.weight_per and per.region_code = v.region_code and per.year = v.year
    where list_contains($headline, v.indicator)
),
-- Alike: a region with a value in both years; for a weighted figure, with its weight in both years too, where
-- any region has (else the change is a plain mean's both years): made the same way both years, or no change.
both_years as (
    select indicator, region_code, count(weight) = 2 as weighed
    from member_values
    group by indicator, region_code
    having count(distinct year) = 2
),
basis as (
    select indicator, bool_or(weighed) as by_weight from both_years group by indicator
),
alike as (
    select b.indicator, b.region_code, s.by_weight
    from both_years b
    join basis s using (indicator)
    where b.weighed or not s.by_weight
),
made as (
    select
        m.indicator, m.year,
        case any_value(m.city_aggregate)
            when 'sum' then sum(m.value)
            when 'weighted' then coalesce(sum(m.value * m.weight) / sum(m.weight), avg(m.value))
            else avg(m.value) end as value,
        count(*) as regions,
        case when any_value(m.city_aggregate) = 'weighted' then count(m.weight) end as weighted,
        case
            when any_value(m.city_aggregate) = 'sum' then sum(m.value) filter (where b.region_code is not null)
            when bool_or(b.by_weight) then sum(m.value * m.weight) filter (where b.region_code is not null)
                                          / sum(m.weight) filter (where b.region_code is not null)
            else avg(m.value) filter (where b.region_code is not null) end as alike,
        count(b.region_code) as alike_regions
    from member_values m
    left join alike b using (indicator, region_code)
    group by m.indicator, m.year
),
own as (
    select indicator, year, value
    from indicator_values
    where $parent <> '' and list_contains($headline, indicator) and region_code = $parent and year in ($year, $year - 1)
),
figures as (
    select
        m.indicator, m.year, coalesce(o.value, m.value) as value, m.regions, m.weighted, o.value is not null as own, o.value as own_value,
        m.alike, m.alike_regions
    from made m
    left join own o using (indicator, year)
)
select
    i.code as indicator,
    this_year.value, last_year.value as previous,
    coalesce(this_year.regions, 0) as regions, coalesce(last_year.regions, 0) as previous_regions,
    case when not coalesce(this_year.own, false) then this_year.weighted end as weighted,
    coalesce(this_year.own, false) as own,
    case when this_year.own and last_year.own then this_year.own_value else this_year.alike end as now_alike,
    case when this_year.own and last_year.own then last_year.own_value else last_year.alike end as before_alike,
    case when this_year.own and last_year.own then null else this_year.alike_regions end as alike_regions
from indicators i
left join figures this_year on this_year.indicator = i.code and this_year.year = $year
left join figures last_year on last_year.indicator = i.code and last_year.year = $year - 1
where list_contains($headline, i.code)
