-- ledger_regions: the regions the problem ledger and the field inspections name, with their parent and level (values
-- a question about them may be given, beside the regions with figures); from the derived extents.
-- Columns: region_code, parent_code, level.
select distinct region_code, parent_code, level from (
    select region_code, parent_code, level from ledger_extent
    union all
    select region_code, parent_code, level from inspection_extent
)
order by level, parent_code, region_code
