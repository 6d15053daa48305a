-- district_latest: each indicator's latest value for one district, the value the year before it,
-- and whether the latest meets its standard.
-- Params: $district. Grain: one row per indicator with any value.
-- Columns: indicator, year, value, qualifier, previous (value in year - 1), attainment, uncertain.
with ranked as (
    select
        v.indicator, v.year, v.value, v.qualifier,
        lag(v.value) over (partition by v.indicator order by v.year) as before,
        lag(v.year) over (partition by v.indicator order by v.year) as before_year,
        row_number() over (partition by v.indicator order by v.year desc) as newest
    from indicator_values v
    where v.region_code = $district
)
select
    r.indicator, r.year, r.value, r.qualifier,
    case when r.before_year = r.year - 1 then r.before end as previous,
    a.attainment, a.uncertain
from ranked r
left join attainment a on a.region_code = $district and a.year = r.year and a.indicator = r.indicator
where r.newest = 1
order by r.indicator
