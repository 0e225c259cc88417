-- Seat assignments (Datadog): a user holds a seat of a product code, which is
-- a seat metric's seat_type. D1 holds the truth; the SeatAssignments Durable
-- Object of (workspace, product code) is the only writer through the API.

-- seats_held counts the metric's assignments; triggers below keep it exact,
-- also when a deleted user's seats go by cascade. It makes the cap check O(1).
ALTER TABLE seat_metrics ADD COLUMN seats_held INTEGER NOT NULL DEFAULT 0 CHECK (seats_held >= 0);
-- The optional cap (a Seatkeeper extension, `maxSeats`). The database refuses
-- any write that would leave more holders than the cap.
ALTER TABLE seat_metrics ADD COLUMN max_seats INTEGER CHECK (max_seats >= 0 AND seats_held <= max_seats);

-- No duplicate holder (primary key); the user must exist in the same
-- workspace and takes their seats along when deleted; the product code must
-- be a seat type of the workspace. That FK is NO ACTION (checked at statement
-- end), not RESTRICT, so a workspace's cascade can remove both sides at once,
-- while deleting a metric that still has holders fails.
CREATE TABLE seat_assignments (
  workspace_id TEXT NOT NULL,
  product_code TEXT NOT NULL,
  user_id TEXT NOT NULL,
  assigned_at TEXT NOT NULL,
  PRIMARY KEY (workspace_id, product_code, user_id),
  FOREIGN KEY (workspace_id, user_id) REFERENCES users (workspace_id, id) ON DELETE CASCADE,
  FOREIGN KEY (workspace_id, product_code) REFERENCES seat_metrics (workspace_id, seat_type)
) STRICT, WITHOUT ROWID;
-- A user's seats across product codes (and the cascade's lookup on user deletion).
CREATE INDEX seat_assignments_by_user ON seat_assignments (workspace_id, user_id);

CREATE TRIGGER seat_assignments_counted_on_insert AFTER INSERT ON seat_assignments
BEGIN
  UPDATE seat_metrics SET seats_held = seats_held + 1
   WHERE workspace_id = NEW.workspace_id AND seat_type = NEW.product_code;
END;

CREATE TRIGGER seat_assignments_counted_on_delete AFTER DELETE ON seat_assignments
BEGIN
  UPDATE seat_metrics SET seats_held = seats_held - 1
   WHERE workspace_id = OLD.workspace_id AND seat_type = OLD.product_code;
END;
