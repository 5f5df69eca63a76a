/// SQLite's result codes as numbers: the extended codes are macros that Swift does not import.
extension SQLiteError {
    // Primary result codes, compared with `primaryCode`.
    /// `SQLITE_ERROR`: a generic error, such as a syntax error or a missing table.
    public static let generic: Int32 = 1
    /// `SQLITE_INTERNAL`
    public static let internalError: Int32 = 2
    /// `SQLITE_PERM`
    public static let permission: Int32 = 3
    /// `SQLITE_ABORT`
    public static let abort: Int32 = 4
    /// `SQLITE_BUSY`: another connection holds a conflicting lock.
    public static let busy: Int32 = 5
    /// `SQLITE_LOCKED`
    public static let locked: Int32 = 6
    /// `SQLITE_NOMEM`
    public static let noMemory: Int32 = 7
    /// `SQLITE_READONLY`
    public static let readOnly: Int32 = 8
    /// `SQLITE_INTERRUPT`
    public static let interrupt: Int32 = 9
    /// `SQLITE_IOERR`
    public static let ioError: Int32 = 10
    /// `SQLITE_CORRUPT`
    public static let corrupt: Int32 = 11
    /// `SQLITE_NOTFOUND`
    public static let notFound: Int32 = 12
    /// `SQLITE_FULL`
    public static let full: Int32 = 13
    /// `SQLITE_CANTOPEN`
    public static let cantOpen: Int32 = 14
    /// `SQLITE_PROTOCOL`
    public static let `protocol`: Int32 = 15
    /// `SQLITE_SCHEMA`
    public static let schema: Int32 = 17
    /// `SQLITE_TOOBIG`
    public static let tooBig: Int32 = 18
    /// `SQLITE_CONSTRAINT`
    public static let constraint: Int32 = 19
    /// `SQLITE_MISMATCH`
    public static let mismatch: Int32 = 20
    /// `SQLITE_MISUSE`: the API was used wrongly; also thrown here for a closed connection or a script given arguments.
    public static let misuse: Int32 = 21
    /// `SQLITE_NOLFS`
    public static let noLargeFileSupport: Int32 = 22
    /// `SQLITE_AUTH`
    public static let authorization: Int32 = 23
    /// `SQLITE_RANGE`: a parameter index out of range; also thrown here for a wrong number of arguments.
    public static let range: Int32 = 25
    /// `SQLITE_NOTADB`: the file is not an SQLite database.
    public static let notADatabase: Int32 = 26

    // Extended result codes (primary code | n << 8), compared with `code`.
    /// `SQLITE_BUSY_RECOVERY`
    public static let busyRecovery: Int32 = 261
    /// `SQLITE_BUSY_SNAPSHOT`
    public static let busySnapshot: Int32 = 517
    /// `SQLITE_BUSY_TIMEOUT`
    public static let busyTimeout: Int32 = 773
    /// `SQLITE_LOCKED_SHAREDCACHE`
    public static let lockedSharedCache: Int32 = 262
    /// `SQLITE_READONLY_RECOVERY`
    public static let readOnlyRecovery: Int32 = 264
    /// `SQLITE_READONLY_CANTLOCK`
    public static let readOnlyCantLock: Int32 = 520
    /// `SQLITE_READONLY_ROLLBACK`
    public static let readOnlyRollback: Int32 = 776
    /// `SQLITE_READONLY_DBMOVED`
    public static let readOnlyDatabaseMoved: Int32 = 1032
    /// `SQLITE_READONLY_CANTINIT`
    public static let readOnlyCantInit: Int32 = 1288
    /// `SQLITE_READONLY_DIRECTORY`
    public static let readOnlyDirectory: Int32 = 1544
    /// `SQLITE_CANTOPEN_ISDIR`
    public static let cantOpenIsDirectory: Int32 = 526
    /// `SQLITE_CANTOPEN_FULLPATH`
    public static let cantOpenFullPath: Int32 = 782
    /// `SQLITE_CORRUPT_INDEX`
    public static let corruptIndex: Int32 = 779
    /// `SQLITE_ABORT_ROLLBACK`
    public static let abortRollback: Int32 = 516
    /// `SQLITE_CONSTRAINT_CHECK`
    public static let constraintCheck: Int32 = 275
    /// `SQLITE_CONSTRAINT_FOREIGNKEY`
    public static let constraintForeignKey: Int32 = 787
    /// `SQLITE_CONSTRAINT_NOTNULL`
    public static let constraintNotNull: Int32 = 1299
    /// `SQLITE_CONSTRAINT_PRIMARYKEY`
    public static let constraintPrimaryKey: Int32 = 1555
    /// `SQLITE_CONSTRAINT_TRIGGER`
    public static let constraintTrigger: Int32 = 1811
    /// `SQLITE_CONSTRAINT_UNIQUE`
    public static let constraintUnique: Int32 = 2067
    /// `SQLITE_CONSTRAINT_ROWID`
    public static let constraintRowID: Int32 = 2579
    /// `SQLITE_CONSTRAINT_DATATYPE`
    public static let constraintDataType: Int32 = 3091
}
