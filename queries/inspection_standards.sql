-- inspection_standards: how each standard fared at each point type in a period (the failing standards' heat map, the
-- lost points by category): checked, passed, failed (不合格), severe (严重不合格), 符合率, and the points lost (the
-- maximum less the score, where the sheet scores).
-- Params: $level, $parent ('' for every region of the level), $start, $end (the period's first and last day).
-- Grain: one row per point type, standard and category checked in the period, the most failed first.
select
    point_type,
    standard,
    coalesce(category, '') as category,
    count(result) as checked,
    count(*) filter (where result = 'pass') as passed,
    count(*) filter (where result = 'fail') as failed,
    count(*) filter (where result = 'severe') as severe,
    100.0 * count(*) filter (where result = 'pass') / nullif(count(result), 0) as pass_rate,
    coalesce(sum(max_score - score), 0) as lost_points
from inspection_results
where level = $level and ($parent = '' or parent_code = $parent)
    and visited between cast($start as date) and cast($end as date)
group by point_type, standard, coalesce(category, '')
order by failed + severe desc, point_type, standard
