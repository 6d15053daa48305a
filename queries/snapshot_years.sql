-- snapshot_years: the first and last year with any value in this snapshot.
-- Params: none. Grain: one row. Columns: first_year, last_year.
select min(year) as first_year, max(year) as last_year
from region_years
