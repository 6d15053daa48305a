-- survey_rates: each survey indicator's rate per region and year, computed from the microdata.
-- Rate = weighted share of positive answers among valid answers, in percent. Its 95% interval is the
-- Wilson interval on the Kish effective sample size n_eff = (sum w)^2 / sum w^2. n = valid answers.
-- Grain: region_code, year, indicator. Columns: value, lower, upper, n, n_eff, status.
-- A table, not a view: computed once when the snapshot is opened (in memory, never written to a file),
-- because nearly every question reads it and scanning all answers each time costs a second.
-- Weights are summed as DECIMAL: exact, so a rate is the same double whatever order parallel threads
-- add in (a float sum's last bit varies between runs, and exports must give the same bytes every time).
create table survey_rates as
with answers as (
    select s.region_code, s.year, s.question as indicator, s.weight::decimal(18, 9) as weight, sc.positive, s.status
    from survey s
    join indicators i on i.code = s.question
    join scales sc on sc.scale = i.scale and sc.answer = s.answer
    where sc.valid
),
totals as (
    select
        region_code, year, indicator,
        count(*) as n,
        sum(weight)::double as w,
        sum(weight * weight)::double as w2,
        coalesce(sum(weight) filter (where positive), 0)::double as w_positive,
        bool_and(status = 'synthetic') as synthetic
    from answers
    group by region_code, year, indicator
),
shares as (
    select *, w_positive / w as p, w * w / w2 as n_eff, 1.959963984540054 as z
    from totals
)
select
    region_code, year, indicator,
    100 * p as value,
    100 * (p + z * z / (2 * n_eff) - z * sqrt(p * (1 - p) / n_eff + z * z / (4 * n_eff * n_eff))) / (1 + z * z / n_eff) as lower,
    100 * (p + z * z / (2 * n_eff) + z * sqrt(p * (1 - p) / n_eff + z * z / (4 * n_eff * n_eff))) / (1 + z * z / n_eff) as upper,
    n, n_eff,
    case when synthetic then 'synthetic' else 'estimated' end as status
from shares
