-- snapshot_years: the first and last year with any value in this snapshot: a year's figure or one finer than a
-- year (the data page's years filter spans a snapshot of monthly figures alone too).
-- Params: none. Grain: one row. Columns: first_year, last_year.
select min(year) as first_year, max(year) as last_year
from (select year from region_years union all select year from period_years)
