-- region_years: how many values each region has in each year, by status: a small table the choices of
-- every page read (which regions, levels and years the snapshot has) instead of scanning every value.
-- Columns: region_code, parent_code, level, year, status, figures.
create table region_years as
select region_code, parent_code, level, year, status, count(*) as figures
from indicator_values
group by region_code, parent_code, level, year, status
order by parent_code, level, year, region_code, status
