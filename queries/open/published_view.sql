-- published_view: a derived table of a published snapshot as a view over its file (store/db.py fills in the table's
-- name and the file's path, quotes doubled). The views of a snapshot are made in one script: one at a time through
-- the relational API they took twice as long (55 ms of a 120 ms open).
create view {table} as select * from read_parquet('{path}')
