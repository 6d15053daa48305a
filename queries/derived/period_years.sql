-- period_years: how many figures finer than a year each region has in each year, by status: region_years' twin,
-- so the choices of every page count a snapshot's monthly figures without scanning them (870,000 at national scale).
-- Columns: region_code, parent_code, level, year, status, figures.
create table period_years as
select region_code, parent_code, level, year, status, count(*) as figures
from period_values
group by region_code, parent_code, level, year, status
order by parent_code, level, year, region_code, status
