-- inspection_results: every standard checked at a point on a visit (实地检查), with its region placed (parent, level).
-- Columns: region_code, parent_code, level, point, point_type, visited, standard, result (pass, fail, severe),
-- category (what the standard is about, where the sheet says), score, max_score (points of a maximum, where the sheet
-- deducts), team, status, longitude and latitude (where the sheet places its sites).
create table inspection_results as
select
    i.region_code, coalesce(r.parent_code, '') as parent_code, coalesce(r.level, '') as level, i.point, i.point_type,
    i.visited, i.standard, i.category, i.result, i.score, i.max_score, i.team, i.status, i.longitude, i.latitude
from inspections i
left join regions r on r.code = i.region_code
order by parent_code, level, region_code, visited, point
