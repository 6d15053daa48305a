-- attainment: each scored indicator of each region and year against its standard (对照标准，查找差距).
-- Peers are the regions of the same level under the same parent (parent '' when it has none).
-- min/max/zero use the catalog's thresholds; city_average compares with the mean of the peers that year
-- (above it by more than 1% of it: full; within +-1%: partial), and needs at least
-- scoring_settings.min_peers peers with a value, else it is not scored (verdict 'too_few_peers', no credit).
-- Credit 1 / 0.5 / 0. uncertain: a survey interval straddles the full threshold, or a bound (>=, <=)
-- cannot settle the status; the verdict then says on which side the value lies (uncertain_met:
-- the point value meets the standard; uncertain_below: it does not), and credit follows the point value.
-- Columns: region_code, parent_code, level, year, indicator, aspect, value, lower, upper, n, qualifier,
-- source, status, standard, full_at, partial_at, peer_mean, peers, attainment (full|partial|low|null),
-- credit, gap (to full, in the unit), uncertain, verdict.
create table attainment as
with scored as (
    select
        v.*, i.aspect, i.standard, i.full, i.partial,
        avg(v.value) over peers as peer_mean,
        count(*) over peers as peers
    from indicator_values v
    join indicators i on i.code = v.indicator
    where i.standard <> 'none' and v.level is not null
    window peers as (partition by v.parent_code, v.level, v.year, v.indicator)
),
thresholds as (
    select
        *,
        standard = 'city_average' and peers < (select min_peers from scoring_settings) as too_few_peers,
        case when standard = 'city_average' then peer_mean + 0.01 * abs(peer_mean) else "full" end as full_at,
        case when standard = 'city_average' then peer_mean - 0.01 * abs(peer_mean) else partial end as partial_at
    from scored
),
judged as (
    select
        *,
        case
            when too_few_peers then null
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
        region_code, parent_code, level, year, indicator, aspect, value, lower, upper, n, qualifier, source, status,
        standard,
        case when too_few_peers then null else full_at end as full_at,
        case when too_few_peers then null else partial_at end as partial_at,
        peer_mean, peers, attainment,
        case attainment when 'full' then 1.0 when 'partial' then 0.5 when 'low' then 0.0 end as credit,
        case
            when attainment is null then null
            when attainment = 'full' then 0.0
            when standard in ('max', 'zero') then value - full_at
            else full_at - value
        end as gap,
        case
            when attainment is null then false
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
select
    *,
    case
        when attainment is null then 'too_few_peers'
        when uncertain and attainment = 'full' then 'uncertain_met'
        when uncertain then 'uncertain_below'
        else attainment
    end as verdict
from flagged
order by region_code, year, indicator
