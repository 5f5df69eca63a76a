/// WhistleService's own tables (the common ones come with ServiceStore).
enum WhistleSchema {
    static let migrations: [(String, String)] = [
        ("whistle-1", """
        CREATE TABLE whistles(
            id TEXT PRIMARY KEY, number INTEGER NOT NULL UNIQUE, grid TEXT NOT NULL, town TEXT NOT NULL,
            matter TEXT NOT NULL, urgency TEXT NOT NULL, state TEXT NOT NULL, raised_at TEXT NOT NULL,
            lead TEXT NOT NULL, co TEXT NOT NULL, policy TEXT NOT NULL);
        CREATE INDEX whistles_grid ON whistles(grid);
        """),
        // No query reads whistles by grid: the index cost an insert and a page per grid each commit.
        ("whistle-2", "DROP INDEX whistles_grid"),
        // How a closed whistle closed (`evaluated`, or `not_evaluated` once the evaluation window
        // passed); every whistle closed before the window existed was evaluated.
        ("whistle-3", """
        ALTER TABLE whistles ADD COLUMN outcome TEXT;
        UPDATE whistles SET outcome = 'evaluated' WHERE state = 'closed';
        """),
        // 防汛防台 — weather alerts: `town` NULL for the whole district; `lifted_by` and `lifted_at`
        // NULL while the alert is in force. Few rows, read whole at start: no index beyond the key.
        ("whistle-4", """
        CREATE TABLE alerts(
            id TEXT PRIMARY KEY, number INTEGER NOT NULL UNIQUE, town TEXT, reason TEXT NOT NULL,
            declared_by TEXT NOT NULL, declared_at TEXT NOT NULL, lifted_by TEXT, lifted_at TEXT);
        """),
        // 作废 — when and by whom the town centre voided a whistle; it stays open until the
        // evaluation stream says how it ended (voided, or evaluated if that came first).
        ("whistle-5", """
        ALTER TABLE whistles ADD COLUMN voided_at TEXT;
        ALTER TABLE whistles ADD COLUMN voided_by TEXT;
        """),
        // Who may read a whistle under keys: who raised it (NULL for those raised before), and the
        // coordinators its climbs named, from the response stream's `escalated` events.
        ("whistle-6", """
        ALTER TABLE whistles ADD COLUMN raised_by TEXT;
        CREATE TABLE coordinators(whistle TEXT NOT NULL, principal TEXT NOT NULL, PRIMARY KEY(whistle, principal)) WITHOUT ROWID;
        """),
    ]
}
