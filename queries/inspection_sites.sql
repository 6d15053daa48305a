-- inspection_sites: each site of a scope inspected in a period, where the sheets place it (the map of sites): its
-- street, type and coordinates (its last visit's, should a sheet move it), standards checked and passed, 符合率 and
-- 得分率 (total over total, as queries/inspection_rates.sql).
-- Params: $level, $parent ('' for every region of the level), $start, $end (the period's first and last day).
-- Grain: one row per site with coordinates inspected in the period, the lowest 符合率 first.
select
    region_code,
    point,
    any_value(point_type) as point_type,
    arg_max({'lon': longitude, 'lat': latitude}, visited).lon as longitude,  -- both of one row
    arg_max({'lon': longitude, 'lat': latitude}, visited).lat as latitude,
    count(result) as checked,
    count(*) filter (where result = 'pass') as passed,
    100.0 * count(*) filter (where result = 'pass') / nullif(count(result), 0) as pass_rate,
    100.0 * sum(score) / nullif(sum(max_score) filter (where score is not null), 0) as score_rate
from inspection_results
where level = $level and ($parent = '' or parent_code = $parent)
    and visited between cast($start as date) and cast($end as date)
    and longitude is not null and latitude is not null
group by region_code, point
order by pass_rate, region_code, point
