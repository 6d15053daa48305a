-- period_values: figures finer than a year (half, quarter, month, week), one row per region, indicator and
-- period, with the period before (环比) and the same period a year earlier (同比), each by the period macros
-- (queries/macros/periods.sql): one meaning of "before" for every page, export and answer.
-- A change is null when that period has no value (the gap is named by before_period / year_ago_period), and the
-- change on the period before is null for a cumulative indicator (1-6月 less 1-5月 is no figure the catalog
-- vouches for); the year-ago change of a cumulative figure compares the same months (1-6月 with 1-6月).
-- The neighbours are looked up by key alone (region, indicator, period, value): at national scale (870,000 monthly
-- figures) joining whole rows twice passed the memory limit. derive.ORDER sorts the file.
-- Columns: region_code, parent_code, level, period, grain, period_start, period_end, year, indicator, cumulative,
-- value, qualifier, source, status, note, before_period, before_value, change, year_ago_period, year_ago_value,
-- year_change.
create table period_values as
with figures as (
    select region_code, indicator, period, value
    from observations
    where period is not null and period <> cast(year as varchar)
),
placed as (
    select
        o.region_code, coalesce(r.parent_code, '') as parent_code, r.level, o.period, period_grain(o.period) as grain,
        period_start(o.period) as period_start, period_end(o.period) as period_end, o.year, o.indicator,
        i.sub_year = 'cumulative' as cumulative, o.value, o.qualifier, o.source, o.status, o.note,
        period_before(o.period) as before_period, period_year_ago(o.period) as year_ago_period
    from observations o
    join indicators i on i.code = o.indicator
    left join regions r on r.code = o.region_code
    where o.period is not null and o.period <> cast(o.year as varchar)
)
select
    p.region_code, p.parent_code, p.level, p.period, p.grain, p.period_start, p.period_end, p.year, p.indicator,
    p.cumulative, p.value, p.qualifier, p.source, p.status, p.note,
    p.before_period, b.value as before_value,
    case when p.cumulative then null else p.value - b.value end as change,
    p.year_ago_period, y.value as year_ago_value, p.value - y.value as year_change
from placed p
left join figures b on b.region_code = p.region_code and b.indicator = p.indicator and b.period = p.before_period
left join figures y on y.region_code = p.region_code and y.indicator = p.indicator and y.period = p.year_ago_period
