-- ledger_regions: the regions the problem ledger and the field inspections name, with their parent and level (values
-- a question about them may be given, beside the regions with figures).
-- Columns: region_code, parent_code, level.
select distinct region_code, parent_code, level from (
    select region_code, parent_code, level from problem_events
    union all
    select region_code, parent_code, level from inspection_results
)
order by level, parent_code, region_code
