-- periods: the period value in SQL, as chuangcheng/model/periods.py defines it (tests/test_periods.py holds
-- them to the same answers). A period is its canonical text: 2025, 2025H1, 2025Q2, 2025-06, 2025-W23.
-- Defined on every connection, before any question; none reads a table. Each macro is written from the text
-- and the start date alone: macros inline their arguments, and ones built on each other grew past use.
create or replace macro period_grain(p) as
    case when length(p) = 4 then 'year' when p[5] = 'H' then 'half' when p[5] = 'Q' then 'quarter'
         when p[6] = 'W' then 'week' else 'month' end;
create or replace macro period_start(p) as
    case when length(p) = 4 then make_date(cast(p as integer), 1, 1)
         when p[5] = 'H' then make_date(cast(p[1:4] as integer), 6 * cast(p[6] as integer) - 5, 1)
         when p[5] = 'Q' then make_date(cast(p[1:4] as integer), 3 * cast(p[6] as integer) - 2, 1)
         -- ISO week 1 is the week holding 4 January
         when p[6] = 'W' then make_date(cast(p[1:4] as integer), 1, 4) - cast(isodow(make_date(cast(p[1:4] as integer), 1, 4)) as integer)
                              + 1 + 7 * (cast(p[7:] as integer) - 1)
         else make_date(cast(p[1:4] as integer), cast(p[6:] as integer), 1) end;
create or replace macro period_of_day(grain, d) as
    case grain when 'year' then strftime(d, '%Y') when 'half' then strftime(d, '%Y') || 'H' || (1 + (month(d) > 6)::integer)
               when 'quarter' then strftime(d, '%Y') || 'Q' || quarter(d) when 'month' then strftime(d, '%Y-%m')
               else isoyear(d) || '-W' || lpad(cast(weekofyear(d) as varchar), 2, '0') end;
-- the period before: the one holding the day before p starts
create or replace macro period_before(p) as period_of_day(period_grain(p), period_start(p) - 1);
create or replace macro period_end(p) as
    case when length(p) = 4 then make_date(cast(p as integer), 12, 31)
         when p[5] = 'H' then last_day(period_start(p) + interval 5 month)
         when p[5] = 'Q' then last_day(period_start(p) + interval 2 month)
         when p[6] = 'W' then period_start(p) + 6
         else last_day(period_start(p)) end;
-- the same period a year earlier (同比); null for a 53rd week the year before lacks
create or replace macro period_year_ago(p) as
    case when length(p) = 4 then cast(cast(p as integer) - 1 as varchar)
         when p[6] = 'W' and cast(p[7:] as integer) > weekofyear(make_date(cast(p[1:4] as integer) - 1, 12, 28)) then null
         else cast(cast(p[1:4] as integer) - 1 as varchar) || p[5:] end;
