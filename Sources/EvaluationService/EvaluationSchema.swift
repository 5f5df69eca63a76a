/// EvaluationService's own tables.
///
/// `whistles.awaiting` lists the departments whose report-back (反馈) opens the evaluation in the
/// current round: the lead in the first, the departments sent back for rework in later ones.
///
/// Anonymity: `evaluated` records only *that* a whistle was evaluated in a round; what was said
/// lives in `opinions`, which holds no whistle id, no principal and no time finer than the month,
/// under a random key in a table without rowid, so not even insertion order links it back.
enum EvaluationSchema {
    static let migrations: [(String, String)] = [
        ("evaluation-1", """
        CREATE TABLE whistles(
            id TEXT PRIMARY KEY, grid TEXT NOT NULL, town TEXT NOT NULL, matter TEXT NOT NULL,
            urgency TEXT NOT NULL, lead TEXT NOT NULL DEFAULT '', co TEXT NOT NULL DEFAULT '[]',
            phase TEXT NOT NULL, round INTEGER NOT NULL, raised_at TEXT NOT NULL,
            awaiting TEXT NOT NULL DEFAULT '[]');
        CREATE TABLE timeline(
            whistle TEXT NOT NULL, stream TEXT NOT NULL, seq INTEGER NOT NULL, time TEXT NOT NULL,
            type TEXT NOT NULL, department TEXT, text TEXT NOT NULL, PRIMARY KEY(stream, seq));
        CREATE INDEX timeline_whistle ON timeline(whistle);
        CREATE TABLE department_tasks(
            whistle TEXT NOT NULL, department TEXT NOT NULL, role TEXT NOT NULL, period TEXT NOT NULL,
            signed INTEGER NOT NULL DEFAULT 0, signed_on_time INTEGER NOT NULL DEFAULT 0,
            reported INTEGER NOT NULL DEFAULT 0, reported_on_time INTEGER NOT NULL DEFAULT 0,
            reworked INTEGER NOT NULL DEFAULT 0, closed INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY(whistle, department));
        CREATE TABLE evaluated(whistle TEXT NOT NULL, round INTEGER NOT NULL, PRIMARY KEY(whistle, round));
        CREATE TABLE verdicts(
            whistle TEXT NOT NULL, round INTEGER NOT NULL, department TEXT NOT NULL, period TEXT NOT NULL,
            solved INTEGER NOT NULL, PRIMARY KEY(whistle, round, department));
        CREATE TABLE opinions(
            id TEXT PRIMARY KEY, period TEXT NOT NULL, town TEXT NOT NULL, matter TEXT NOT NULL,
            satisfaction TEXT NOT NULL, comment TEXT) WITHOUT ROWID;
        CREATE TABLE opinion_departments(
            opinion TEXT NOT NULL, department TEXT NOT NULL, PRIMARY KEY(opinion, department)) WITHOUT ROWID;
        """),
        // The timeline keyed by whistle first: one index both keeps an event from being recorded
        // twice and finds a whistle's entries, where there were two. Row ids, the order entries
        // were recorded in, are kept.
        ("evaluation-2", """
        CREATE TABLE timeline_by_whistle(
            whistle TEXT NOT NULL, stream TEXT NOT NULL, seq INTEGER NOT NULL, time TEXT NOT NULL,
            type TEXT NOT NULL, department TEXT, text TEXT NOT NULL, PRIMARY KEY(whistle, stream, seq));
        INSERT INTO timeline_by_whistle(rowid, whistle, stream, seq, time, type, department, text)
            SELECT rowid, whistle, stream, seq, time, type, department, text FROM timeline;
        DROP TABLE timeline;
        ALTER TABLE timeline_by_whistle RENAME TO timeline;
        """),
    ]
}
