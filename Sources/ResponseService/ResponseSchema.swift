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
    ]
}
