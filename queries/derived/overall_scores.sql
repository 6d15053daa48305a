-- overall_scores: each region's overall score rate per year (the mean of its aspect score rates that have
-- any value), its coverage (scored indicators with a value / scored indicators in the catalog, in percent)
-- and its rank among its peers that year (1 = best), only for regions whose coverage reaches
-- scoring_settings.min_coverage: the others are shown but not ranked (rank null, ranked false).
-- Columns: region_code, parent_code, level, year, score_rate, aspects, scored, coverage, ranked, rank, peers
-- (ranked regions among the peers that year).
create table overall_scores as
with scores as (
    select
        a.region_code, a.parent_code, a.level, a.year,
        avg(a.score_rate) as score_rate,
        count(*) as aspects,
        sum(a.scored) as scored
    from aspect_scores a
    group by a.region_code, a.parent_code, a.level, a.year
),
covered as (
    select
        *,
        100.0 * scored / (select count(*) from indicators where standard <> 'none') as coverage
    from scores
),
flagged as (
    select *, coverage >= (select min_coverage from scoring_settings) as ranked
    from covered
)
select
    region_code, parent_code, level, year, score_rate, aspects, scored, coverage, ranked,
    case when ranked then rank() over (partition by parent_code, level, year, ranked order by score_rate desc, coverage desc) end as rank,
    count(*) filter (where ranked) over (partition by parent_code, level, year) as peers
from flagged
order by parent_code, level, year, rank, region_code
