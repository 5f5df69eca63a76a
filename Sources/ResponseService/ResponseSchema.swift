/// ResponseService's own tables: one row per (whistle, department) task.
enum ResponseSchema {
    static let migrations: [(String, String)] = [
        ("response-1", """
        CREATE TABLE tasks(
            whistle TEXT NOT NULL, department TEXT NOT NULL, role TEXT NOT NULL, grid TEXT NOT NULL,
            town TEXT NOT NULL, matter TEXT NOT NULL, urgency TEXT NOT NULL, state TEXT NOT NULL,
            round INTEGER NOT NULL, policy TEXT NOT NULL, dispatched_at TEXT NOT NULL,
            sign_due TEXT NOT NULL, dispose_due TEXT NOT NULL, signed_at TEXT, reported_at TEXT,
            PRIMARY KEY(whistle, department));
        CREATE INDEX tasks_department ON tasks(department, state);
        """),
        // 超时: the clocks each task has had declared overdue ("signFor,dispose"; '' for none), and
        // the clock check of each task stored before there were any, armed as the task rules arm
        // it — a millisecond past the earliest deadline whose step is still undone — so that an
        // upgraded database watches every open task (those already past due fire at the first start).
        ("response-2", """
        ALTER TABLE tasks ADD COLUMN overdue TEXT NOT NULL DEFAULT '';
        INSERT OR IGNORE INTO due_work(kind, subject, at)
            SELECT 'task_clock', whistle || '/' || department, 1 + MIN(
                CASE state WHEN 'dispatched' THEN
                    CAST(strftime('%s', sign_due) AS INTEGER) * 1000 + CAST(substr(sign_due, 21, 3) AS INTEGER)
                ELSE
                    CAST(strftime('%s', dispose_due) AS INTEGER) * 1000 + CAST(substr(dispose_due, 21, 3) AS INTEGER)
                END,
                CAST(strftime('%s', dispose_due) AS INTEGER) * 1000 + CAST(substr(dispose_due, 21, 3) AS INTEGER))
            FROM tasks WHERE state IN ('dispatched', 'signed');
        """),
    ]
}
