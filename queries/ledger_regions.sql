-- ledger_regions: the regions the problem ledger names, with their parent and level (values a question about the
-- ledger may be given, beside the regions with figures).
-- Columns: region_code, parent_code, level.
select distinct region_code, parent_code, level from problem_events order by level, parent_code, region_code
