import Foundation
import GridWire
import SQLite
import Testing

/// A clean stop closes each database: the write-ahead log is copied into the database file and the
/// `-wal` and `-shm` files are gone, as after any orderly close of SQLite's last connection.
@Suite(.serialized) struct CleanStopTests {
    @Test func sigtermClosesEveryDatabaseAndLeavesNoWriteAheadLog() throws {
        let cluster = try Cluster()
        try cluster.start()
        let grid = "JD-NX-A01-G01-M01"
        let (raised, accepted) = try cluster.gridctlJSON(WhistleAccepted.self, [
            "--as", "grid:\(grid)", "raise", "--matter", "muck-truck", "--description", "渣土车沿路撒漏",
            "--location", "沪宜公路 嘉前路口"])
        let whistle = try #require(accepted, "\(raised)").whistle
        // The timeline holds a dispatch once the whistle has passed through all three services.
        let everyServiceWrote = try eventually {
            let timeline = try cluster.gridctlJSON(Timeline.self, ["--as", "grid:\(grid)", "timeline", whistle]).1
            return timeline?.entries.contains { $0.type == "dispatched" } ?? false
        }
        #expect(everyServiceWrote)

        let data = cluster.directory.appendingPathComponent("data")
        func size(_ file: String) -> Int? {
            (try? FileManager.default.attributesOfItem(atPath: data.appendingPathComponent(file).path))?[.size] as? Int
        }
        let streams = [StreamName.whistle, .response, .evaluation].map(\.rawValue)
        for stream in streams {
            #expect((size("\(stream).sqlite-wal") ?? 0) > 0, "\(stream) writes through its log while running")
        }

        let statuses = cluster.stopAll()
        for service in Cluster.Service.allCases { #expect(statuses[service] == 0, "\(service) stops cleanly") }
        for stream in streams {
            #expect(size("\(stream).sqlite-wal") == nil, "\(stream)'s log was copied back and removed")
            #expect(size("\(stream).sqlite-shm") == nil, "\(stream)'s shared-memory index was removed")
        }
        // With no log left, what was committed is in the database file itself.
        let database = try Database(path: data.appendingPathComponent("whistle.sqlite").path, readOnly: true)
        #expect(try database.queryFirst("SELECT COUNT(*) FROM whistles WHERE id = ?", [whistle])?.int(0) == 1)
    }
}
