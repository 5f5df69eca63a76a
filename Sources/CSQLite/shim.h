#include <sqlite3.h>

// SQLITE_TRANSIENT is a macro casting -1 to a function pointer, which Swift cannot import:
// this constant makes SQLite copy bound text and blobs before the call returns.
static inline sqlite3_destructor_type csqlite_transient(void) { return SQLITE_TRANSIENT; }

// SQLITE_STATIC (0) promises SQLite that bound bytes stay valid until they are rebound or
// cleared, so it does not copy them.
static inline sqlite3_destructor_type csqlite_static(void) { return SQLITE_STATIC; }

// A WAL hook that stores the number of frames in the write-ahead log after each commit into
// the int `counter` points to (Swift cannot pass a closure as a C callback with state).
static inline int csqlite_store_wal_frames(void *counter, sqlite3 *db, const char *name, int frames) {
    (void)db;
    (void)name;
    *(int *)counter = frames;
    return SQLITE_OK;
}
static inline void csqlite_count_wal_frames(sqlite3 *db, int *counter) {
    sqlite3_wal_hook(db, csqlite_store_wal_frames, counter);
}

// sqlite3_config is variadic, which Swift cannot call. Memory statistics take a global mutex
// around every allocation; nothing here reads them.
static inline int csqlite_disable_memory_statistics(void) {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}
