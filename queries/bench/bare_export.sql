-- bare_export: the benchmark's reference for a one-indicator export: bare DuckDB reading the raw Parquet
-- in a process of its own, writing CSV (chuangcheng/bench.py, cli_side). Not a question of the app.
-- Params: $p (the observations.parquet path). Columns: region_code, year, indicator, value, qualifier,
-- status, source.
copy (
    select region_code, year, indicator, value, qualifier, status, source
    from read_parquet($p)
    where indicator = 'gdp'
    order by region_code, year
) to '/dev/stdout' (header, delimiter ',')
