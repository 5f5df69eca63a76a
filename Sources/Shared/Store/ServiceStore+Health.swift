import Foundation

/// What an operator's status board shows of the store: its size on disk and its last checkpoint.
extension ServiceStore {
    /// The database's size on disk in bytes: the main file plus its write-ahead log (two `stat`
    /// calls, cheap enough for every heartbeat). A file that cannot be read counts as 0.
    public var databaseBytes: Int64 {
        [db.path, db.path + "-wal"].reduce(0) { total, file in
            var info = stat()
            return total + (stat(file, &info) == 0 ? Int64(info.st_size) : 0)
        }
    }

    /// When a write-ahead log checkpoint last succeeded, on the background thread or on this
    /// connection; nil until one has.
    public var lastCheckpoint: Date? {
        switch (checkpointer?.lastSuccess, checkpointedAt) {
        case let (background?, own?): max(background, own)
        case let (background, own): background ?? own
        }
    }
}
