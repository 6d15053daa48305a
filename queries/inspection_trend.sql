-- inspection_trend: each region's field inspections period by period (a street's trend): standards checked and
-- passed, points scored of their maximum, 符合率 and 得分率 (totals over totals, as queries/inspection_rates.sql).
-- Params: $level, $parent ('' for every region of the level), $grain (week, month, quarter or year).
-- Grain: one row per region and period with an inspection, oldest first.
select
    region_code,
    period_of_day($grain, visited) as period,
    count(result) as checked,
    count(*) filter (where result = 'pass') as passed,
    100.0 * count(*) filter (where result = 'pass') / nullif(count(result), 0) as pass_rate,
    100.0 * sum(score) / nullif(sum(max_score) filter (where score is not null), 0) as score_rate
from inspection_results
where level = $level and ($parent = '' or parent_code = $parent)
group by region_code, period
order by region_code, period
