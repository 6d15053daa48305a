-- indicator_values: the values as a peer scheme sees them: every value of the regions the scheme compares, with the scheme's
-- peer key as parent_code and its level (peer_keys: region_code, parent_code, level, made from the catalog's
-- peer groups or the snapshot's levels). Run with the scheme's schema in use; the snapshot's own table is main's.
create view indicator_values as
select v.* exclude (parent_code, level), k.parent_code, k.level
from main.indicator_values v
join peer_keys k using (region_code)
