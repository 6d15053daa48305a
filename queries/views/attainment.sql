-- attainment: each scored indicator of each district and year against its standard (对照标准，查找差距).
-- min/max/zero use the catalog's thresholds; city_average compares with the mean of the city's districts
-- that year: above it by more than 1% of it is full, within +-1% partial. Credit 1 / 0.5 / 0.
-- uncertain: a survey interval straddles the full threshold, or a bound (>=, <=) cannot settle the status.
-- Columns: region_code, city, year, indicator, aspect, value, lower, upper, n, qualifier, standard,
-- full_at, partial_at, attainment (full|partial|low), credit, gap (to full, in the unit), uncertain, and
-- verdict: the attainment, or 'uncertain' where the data cannot settle it (credit follows the point value).
-- A table computed once at open (every page reads it; a view recomputed its windows per question).
create table attainment as
with scored as (
    select
        v.*, i.aspect, i.standard, i.full, i.partial, r.parent_code as city,
        avg(v.value) over (partition by r.parent_code, v.year, v.indicator) as city_mean
    from indicator_values v
    join indicators i on i.code = v.indicator
    join regions r on r.code = v.region_code
    where i.standard <> 'none' and r.level = 'district'
),
thresholds as (
    select
        *,
        case when standard = 'city_average' then city_mean + 0.01 * abs(city_mean) else "full" end as full_at,
        case when standard = 'city_average' then city_mean - 0.01 * abs(city_mean) else partial end as partial_at
    from scored
),
judged as (
    select
        *,
        case
            when standard = 'min' and value >= full_at then 'full'
            when standard = 'min' and value >= partial_at then 'partial'
            when standard = 'max' and value <= full_at then 'full'
            when standard = 'max' and value <= partial_at then 'partial'
            when standard = 'zero' and value = 0 then 'full'
            when standard = 'city_average' and value > full_at then 'full'
            when standard = 'city_average' and value >= partial_at then 'partial'
            else 'low'
        end as attainment
    from thresholds
),
flagged as (
    select
        region_code, city, year, indicator, aspect, value, lower, upper, n, qualifier, source, status,
        standard, full_at, partial_at, city_mean, attainment,
        case attainment when 'full' then 1.0 when 'partial' then 0.5 else 0.0 end as credit,
        case
            when attainment = 'full' then 0.0
            when standard in ('max', 'zero') then value - full_at
            else full_at - value
        end as gap,
        case
            when lower is not null and standard in ('min', 'city_average') then lower < full_at and full_at <= upper
            when lower is not null then lower <= full_at and full_at < upper
            when qualifier = '>=' then (standard in ('min', 'city_average') and attainment <> 'full')
                                     or (standard in ('max', 'zero') and attainment <> 'low')
            when qualifier = '<=' then (standard in ('max', 'zero') and attainment <> 'full')
                                     or (standard in ('min', 'city_average') and attainment <> 'low')
            else false
        end as uncertain
    from judged
)
select *, case when uncertain then 'uncertain' else attainment end as verdict
from flagged
order by region_code, year, indicator
