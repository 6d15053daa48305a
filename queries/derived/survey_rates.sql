-- survey_rates: each survey indicator's rate per region and year, computed from the microdata.
-- Rate = weighted share of positive answers among valid answers, in percent. Its 95% interval is the
-- Wilson interval on the Kish effective sample size n_eff = (sum w)^2 / sum w^2. n = valid answers.
-- Grain: region_code, year, indicator. Columns: value, lower, upper, n, n_eff, status.
-- Computed once, when the snapshot is published, and written beside it (see chuangcheng/store/derive.py):
-- nearly every question reads it, and scanning all answers each time costs a second.
-- Weights are summed as DECIMAL: exact, so a rate is the same double whatever order parallel threads
-- add in (a float sum's last bit varies between runs, and exports must give the same bytes every time).
-- Answers are tallied per answer code first, then the few tallies meet the catalog's scales: joining
-- millions of answers to the catalog before aggregating took ten times as long.
create table survey_rates as
with tallies as (
    select
        region_code, year, question as indicator, answer,
        count(*) as n,
        sum(weight::decimal(18, 9)) as w,
        sum(weight::decimal(18, 9) * weight::decimal(18, 9)) as w2,
        bool_and(status = 'synthetic') as synthetic
    from survey
    group by region_code, year, question, answer
),
totals as (
    select
        t.region_code, t.year, t.indicator,
        sum(t.n) as n,
        sum(t.w)::double as w,
        sum(t.w2)::double as w2,
        coalesce(sum(t.w) filter (where sc.positive), 0)::double as w_positive,
        bool_and(t.synthetic) as synthetic
    from tallies t
    join indicators i on i.code = t.indicator
    join scales sc on sc.scale = i.scale and sc.answer = t.answer
    where sc.valid
    group by t.region_code, t.year, t.indicator
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
