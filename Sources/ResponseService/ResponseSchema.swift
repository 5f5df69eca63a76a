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
        // 一键响应: the arrival step (报到), progress notes, lights and reminders (the thresholds each
        // clock has passed), anti-stall, weather alerts, and the three-level response: one row per
        // whistle with its level and coordinators, the coordinators each whistle has had (for
        // their inbox), and the alerts in force as the whistle stream declared them. A task or
        // whistle stored before this has no arrival clock and no level.
        ("response-3", """
        ALTER TABLE tasks ADD COLUMN arrive_due TEXT;
        ALTER TABLE tasks ADD COLUMN dispose_start TEXT;
        ALTER TABLE tasks ADD COLUMN arrived_at TEXT;
        ALTER TABLE tasks ADD COLUMN progress TEXT;
        ALTER TABLE tasks ADD COLUMN progress_at TEXT;
        ALTER TABLE tasks ADD COLUMN active_at TEXT;
        ALTER TABLE tasks ADD COLUMN stall_reminded INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE tasks ADD COLUMN marks TEXT NOT NULL DEFAULT '';
        ALTER TABLE tasks ADD COLUMN halved TEXT NOT NULL DEFAULT '';
        ALTER TABLE tasks ADD COLUMN light INTEGER NOT NULL DEFAULT 0;
        CREATE TABLE coordination(
            whistle TEXT PRIMARY KEY, grid TEXT NOT NULL, town TEXT NOT NULL, matter TEXT NOT NULL,
            storm INTEGER NOT NULL, level INTEGER NOT NULL, coordinator TEXT NOT NULL, coordinators TEXT NOT NULL,
            state TEXT NOT NULL, level_since TEXT NOT NULL, level_due TEXT NOT NULL, lapsed INTEGER NOT NULL,
            halved INTEGER NOT NULL, response TEXT NOT NULL) WITHOUT ROWID;
        CREATE INDEX coordination_storm ON coordination(town) WHERE storm = 1 AND state = 'open';
        CREATE TABLE coordinated(principal TEXT NOT NULL, whistle TEXT NOT NULL, PRIMARY KEY(principal, whistle))
            WITHOUT ROWID;
        CREATE TABLE alerts(alert TEXT PRIMARY KEY, town TEXT) WITHOUT ROWID;
        UPDATE tasks SET light = 2 WHERE overdue != '' AND state IN ('dispatched', 'signed');
        """),
        // 一键响应, part 2: a parked (挂账) task or whistle keeps when it stopped, and the requests
        // awaiting the town centre's decision (退单, 延期, 挂账) wait in their own table, one per
        // task and kind, with their town for the centre's inbox.
        ("response-4", """
        ALTER TABLE tasks ADD COLUMN parked_at TEXT;
        ALTER TABLE coordination ADD COLUMN parked_at TEXT;
        CREATE TABLE requests(
            whistle TEXT NOT NULL, department TEXT NOT NULL, kind TEXT NOT NULL, role TEXT NOT NULL,
            town TEXT NOT NULL, reason TEXT NOT NULL, asked_at TEXT NOT NULL, until TEXT, resume_at TEXT,
            decide_by TEXT, referred INTEGER NOT NULL DEFAULT 0, PRIMARY KEY(whistle, department, kind)) WITHOUT ROWID;
        CREATE INDEX requests_town ON requests(town, referred);
        """),
    ]
}
