/// EvaluationService's own tables.
///
/// `whistles.awaiting` lists the departments whose report-back (反馈) opens the evaluation in the
/// current round: the lead in the first, the departments sent back for rework in later ones.
/// `whistles.reported_back_at` is when the current round was reported back, which opened its
/// evaluation window (评价期限); `whistles.closed_as` how the loop closed (`evaluated`, or
/// `not_evaluated` — 逾期未评价 — when the window passed unused). `department_tasks` says which
/// departments have tasks and whether each has reported in the current round; what the assessment
/// counts is in the `indicator_*` tables (docs/assessment.md).
///
/// Anonymity (docs/anonymity.md): `evaluated` records only *that* a whistle was evaluated in a
/// round. What was said waits in `ballots`, one per department judged, sealed to the ballot key
/// and padded to one length, under a random key in a table without row ids, beside its release
/// group (the departments judged); a group is released in batches of at least K evaluations into
/// `released` (counters per department and month) and `comments` (意见箱), and deleted. `ballot_key` records the public key the pending ballots are sealed to.
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
        // The evaluation window. Whistles closed before it existed were all evaluated. A whistle
        // already awaiting evaluation gets its report-back time from the timeline (the last report
        // of a department awaited this round) and its window armed from it, windowDays × 86,400 s
        // later by the stored reference data, as EvaluationRules.windowEnd counts.
        ("evaluation-3", """
        ALTER TABLE whistles ADD COLUMN reported_back_at TEXT;
        ALTER TABLE whistles ADD COLUMN closed_as TEXT;
        ALTER TABLE department_tasks ADD COLUMN not_evaluated INTEGER NOT NULL DEFAULT 0;
        UPDATE whistles SET closed_as = 'evaluated' WHERE phase = 'closed';
        UPDATE whistles SET reported_back_at = (
            SELECT MAX(t.time) FROM timeline t
            WHERE t.whistle = whistles.id AND t.type = 'reported'
              AND t.department IN (SELECT value FROM json_each(whistles.awaiting)))
        WHERE phase = 'reported';
        INSERT INTO due_work(kind, subject, at)
            SELECT 'evaluation_window', w.id,
                   CAST(strftime('%s', substr(w.reported_back_at, 1, 19)) AS INTEGER) * 1000
                       + CAST(substr(w.reported_back_at, 21, 3) AS INTEGER) + r.days * 86400000
            FROM whistles w,
                 (SELECT json_extract(json, '$.evaluation.windowDays') AS days FROM reference
                  ORDER BY version DESC LIMIT 1) r
            WHERE w.phase = 'reported' AND w.reported_back_at IS NOT NULL AND r.days IS NOT NULL;
        """),
        // 三级网格响应 — the coordinators each whistle has had since it first climbed, who may read
        // its timeline (the first coordinator of a whistle that never climbed is derived).
        ("evaluation-4", """
        CREATE TABLE coordinators(whistle TEXT NOT NULL, principal TEXT NOT NULL, PRIMARY KEY(whistle, principal))
            WITHOUT ROWID;
        """),
        // 一键响应, part 2: per task, the returns asked for (退单), whether one was upheld (the
        // task left the response and disposal figures) and how many were refused, and whether an
        // extension was approved (延期). A voided whistle (作废) is known by its `closed_as`: the
        // void may be applied before the response stream has dispatched its tasks here.
        ("evaluation-5", """
        ALTER TABLE department_tasks ADD COLUMN returns INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE department_tasks ADD COLUMN returned INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE department_tasks ADD COLUMN returns_refused INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE department_tasks ADD COLUMN extended INTEGER NOT NULL DEFAULT 0;
        """),
        // 匿名评价 under attack: opinions become sealed ballots released in batches. What the
        // opinion tables held moves into the released counters of its month only where a
        // (department, month) had at least K opinions, as the assessment showed it; the rest, and
        // every comment (no query ever showed one, and the tables do not say which department led),
        // are dropped with the tables, secure_delete on, so their pages are zeroed.
        ("evaluation-6", """
        PRAGMA secure_delete = ON;
        CREATE TABLE ballots(id TEXT PRIMARY KEY, release_group TEXT NOT NULL, sealed BLOB NOT NULL) WITHOUT ROWID;
        CREATE INDEX ballots_group ON ballots(release_group);
        CREATE TABLE ballot_key(public_key BLOB NOT NULL);
        CREATE TABLE released(
            department TEXT NOT NULL, period TEXT NOT NULL,
            satisfied INTEGER NOT NULL DEFAULT 0, basically_satisfied INTEGER NOT NULL DEFAULT 0,
            dissatisfied INTEGER NOT NULL DEFAULT 0,
            timeliness_n INTEGER NOT NULL DEFAULT 0, timeliness_sum INTEGER NOT NULL DEFAULT 0,
            quality_n INTEGER NOT NULL DEFAULT 0, quality_sum INTEGER NOT NULL DEFAULT 0,
            attitude_n INTEGER NOT NULL DEFAULT 0, attitude_sum INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY(department, period)) WITHOUT ROWID;
        CREATE TABLE comments(
            id TEXT PRIMARY KEY, department TEXT NOT NULL, period TEXT NOT NULL, text TEXT NOT NULL,
            reply TEXT, replied_at TEXT) WITHOUT ROWID;
        CREATE INDEX comments_department ON comments(department, period);
        INSERT INTO released(department, period, satisfied, basically_satisfied, dissatisfied)
            SELECT d.department, o.period, SUM(o.satisfaction = 'satisfied'),
                   SUM(o.satisfaction = 'basically_satisfied'), SUM(o.satisfaction = 'dissatisfied')
            FROM opinions o JOIN opinion_departments d ON d.opinion = o.id GROUP BY d.department, o.period
            HAVING COUNT(*) >= COALESCE((SELECT json_extract(json, '$.evaluation.disclosureMinimum') FROM reference
                                         ORDER BY version DESC LIMIT 1), 5);
        DROP TABLE opinion_departments;
        DROP TABLE opinions;
        """),
        // 考核 — the assessment counted by when things fell due (docs/assessment.md): each whistle's
        // facts, what they contribute (the ledger), and the counters summed from it per day (counts)
        // and per month (time samples); and the micro-grids' colours (三色管理). Whistles applied
        // before this migration have no facts: the figures count from the upgrade on, and a new
        // EvaluationService replaying the streams from the start counts them all.
        ("evaluation-7", """
        CREATE TABLE indicator_facts(
            whistle TEXT PRIMARY KEY, grid TEXT NOT NULL, raised_at INTEGER NOT NULL, open INTEGER NOT NULL,
            facts TEXT NOT NULL) WITHOUT ROWID;
        CREATE INDEX indicator_facts_grid ON indicator_facts(grid, raised_at);
        CREATE INDEX indicator_facts_open ON indicator_facts(grid) WHERE open = 1;
        CREATE TABLE indicator_ledger(
            whistle TEXT NOT NULL, subject TEXT NOT NULL, metric TEXT NOT NULL, at INTEGER NOT NULL,
            value INTEGER NOT NULL, day TEXT NOT NULL, n INTEGER NOT NULL,
            PRIMARY KEY(whistle, subject, metric, at, value)) WITHOUT ROWID;
        CREATE INDEX indicator_ledger_at ON indicator_ledger(at);
        CREATE TABLE indicator_counts(
            day TEXT NOT NULL, subject TEXT NOT NULL, metric TEXT NOT NULL, n INTEGER NOT NULL,
            PRIMARY KEY(day, subject, metric)) WITHOUT ROWID;
        CREATE TABLE indicator_times(
            month TEXT NOT NULL, subject TEXT NOT NULL, metric TEXT NOT NULL, minutes INTEGER NOT NULL,
            n INTEGER NOT NULL, PRIMARY KEY(month, subject, metric, minutes)) WITHOUT ROWID;
        CREATE TABLE colours(grid TEXT PRIMARY KEY, town TEXT NOT NULL, state TEXT NOT NULL) WITHOUT ROWID;
        """),
        // The counts the assessment read before evaluation-7 (per task in the month of dispatch,
        // and the verdicts per month), now counted from the indicator facts: nothing reads or
        // writes them any more.
        ("evaluation-8", """
        ALTER TABLE department_tasks DROP COLUMN period;
        ALTER TABLE department_tasks DROP COLUMN signed;
        ALTER TABLE department_tasks DROP COLUMN signed_on_time;
        ALTER TABLE department_tasks DROP COLUMN reported_on_time;
        ALTER TABLE department_tasks DROP COLUMN reworked;
        ALTER TABLE department_tasks DROP COLUMN closed;
        ALTER TABLE department_tasks DROP COLUMN not_evaluated;
        ALTER TABLE department_tasks DROP COLUMN returns;
        ALTER TABLE department_tasks DROP COLUMN returned;
        ALTER TABLE department_tasks DROP COLUMN returns_refused;
        ALTER TABLE department_tasks DROP COLUMN extended;
        DROP TABLE verdicts;
        """),
        // The ledger read by instant (today's counts, the time samples of a range of days) from
        // its index alone: the index holds the key, and now `n`, so no row is looked up.
        ("evaluation-9", """
        DROP INDEX indicator_ledger_at;
        CREATE INDEX indicator_ledger_at ON indicator_ledger(at, n);
        """),
        // The ledger of every contribution of every whistle, replaced by what it was read for:
        // deadlines counted per minute (what is due by now today) and time samples per day (a
        // range of days).
        // A whistle's change now moves the counters by the difference of its facts before and
        // after, computed in memory. Both are filled from the ledger, so no rebuild is needed.
        // The facts (a few hundred bytes a whistle, rewritten at each change) move to a rowid
        // table, where a large row costs less to replace than in a WITHOUT ROWID b-tree.
        ("evaluation-10", """
        CREATE TABLE indicator_moments(
            day TEXT NOT NULL, minute INTEGER NOT NULL, subject TEXT NOT NULL, metric TEXT NOT NULL, n INTEGER NOT NULL,
            PRIMARY KEY(day, minute, subject, metric)) WITHOUT ROWID;
        CREATE TABLE indicator_day_times(
            day TEXT NOT NULL, subject TEXT NOT NULL, metric TEXT NOT NULL, minutes INTEGER NOT NULL, n INTEGER NOT NULL,
            PRIMARY KEY(day, subject, metric, minutes)) WITHOUT ROWID;
        INSERT INTO indicator_moments(day, minute, subject, metric, n)
            SELECT day, (at + 59999) / 60000, subject, metric, SUM(n) FROM indicator_ledger
            WHERE metric IN ('signDue', 'signedOnTime', 'disposalDue', 'disposedOnTime', 'extensionDue', 'extended',
                             'closingDue', 'closed', 'closedOnTime', 'closedNotEvaluated', 'reworked', 'decisionDue',
                             'decidedOnTime')
            GROUP BY 1, 2, 3, 4;
        INSERT INTO indicator_day_times(day, subject, metric, minutes, n)
            SELECT day, subject, metric, value, SUM(n) FROM indicator_ledger
            WHERE metric IN ('signMinutes', 'closeMinutes') GROUP BY 1, 2, 3, 4;
        DROP TABLE indicator_ledger;
        CREATE TABLE indicator_facts_rows(
            whistle TEXT PRIMARY KEY, grid TEXT NOT NULL, raised_at INTEGER NOT NULL, open INTEGER NOT NULL,
            facts TEXT NOT NULL);
        INSERT INTO indicator_facts_rows SELECT whistle, grid, raised_at, open, facts FROM indicator_facts;
        DROP TABLE indicator_facts;
        ALTER TABLE indicator_facts_rows RENAME TO indicator_facts;
        CREATE INDEX indicator_facts_grid ON indicator_facts(grid, raised_at);
        CREATE INDEX indicator_facts_open ON indicator_facts(grid) WHERE open = 1;
        """),
        // Open whistles are found in the order they were raised, not per grid: a batch of whistles
        // raised in many grids wrote a page of the index per grid, and now writes at its end.
        ("evaluation-11", """
        DROP INDEX indicator_facts_open;
        CREATE INDEX indicator_facts_open ON indicator_facts(raised_at) WHERE open = 1;
        """),
        // Who raised each whistle, so that an integrator may read the timeline of the whistles it
        // raised; unknown (NULL) for those applied before.
        ("evaluation-12", "ALTER TABLE whistles ADD COLUMN raised_by TEXT"),
        // The colour review finds the whistles it counts by when they were raised, as it finds the
        // open ones: a new whistle writes at the end of the index instead of a page per grid.
        ("evaluation-13", """
        DROP INDEX indicator_facts_grid;
        CREATE INDEX indicator_facts_raised ON indicator_facts(raised_at);
        """),
    ]
}
