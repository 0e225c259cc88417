-- Row counts per workspace, kept by triggers in the same statement as the
-- write, so that a list's total (Sequence's totalResultSize) reads one row
-- instead of scanning the workspace's rows: D1 bills rows read, and a
-- COUNT(*) reads every index entry. Other tables join by adding two triggers.
CREATE TABLE row_counts (
  workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  table_name TEXT NOT NULL,
  row_count INTEGER NOT NULL CHECK (row_count >= 0),
  PRIMARY KEY (workspace_id, table_name)
) STRICT;

CREATE TRIGGER seat_metrics_counted_insert AFTER INSERT ON seat_metrics
BEGIN
  INSERT INTO row_counts (workspace_id, table_name, row_count) VALUES (NEW.workspace_id, 'seat_metrics', 1)
    ON CONFLICT (workspace_id, table_name) DO UPDATE SET row_count = row_count + 1;
END;

CREATE TRIGGER seat_metrics_counted_delete AFTER DELETE ON seat_metrics
BEGIN
  UPDATE row_counts SET row_count = row_count - 1 WHERE workspace_id = OLD.workspace_id AND table_name = 'seat_metrics';
END;

-- Counts for the rows that exist before this migration.
INSERT INTO row_counts (workspace_id, table_name, row_count)
  SELECT workspace_id, 'seat_metrics', count(*) FROM seat_metrics GROUP BY workspace_id;
