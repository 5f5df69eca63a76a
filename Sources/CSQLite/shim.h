#include <sqlite3.h>

// SQLITE_TRANSIENT is a macro casting -1 to a function pointer, which Swift cannot import:
// this constant makes SQLite copy bound text and blobs before the call returns.
static inline sqlite3_destructor_type csqlite_transient(void) { return SQLITE_TRANSIENT; }

// SQLITE_STATIC (0) promises SQLite that bound bytes stay valid until they are rebound or
// cleared, so it does not copy them.
static inline sqlite3_destructor_type csqlite_static(void) { return SQLITE_STATIC; }
