import Foundation
import GridConfig
import GridSockets
import GridWire
import ZeroMQ

/// A cluster whose configuration lists keys, so that every endpoint speaks CURVE: a key pair for
/// each service (in its data folder, where the service reads it) and for each principal named,
/// all made by `gridctl keys new`.
struct KeyedCluster {
    let cluster: Cluster
    /// The key file of each principal named, for gridctl's `GRIDPLUS_KEY_FILE`.
    let keyFiles: [String: String]
    /// A key no list names.
    let strangerKeyFile: String
    /// What runs gridctl, when not gridctl itself (`ip netns exec <host>`: NetworkHosts).
    var clientLauncher: [String] = []

    /// `matters` says, for each listed entry, which matters it names (nil: none); `adjust` changes
    /// the rest of the configuration (the endpoints, say) before it is written.
    init(principals: [String], testClock: String? = nil, matters: (KeyList.Entry) -> [String]? = { _ in nil },
         adjust: (inout DeploymentConfig) throws -> Void = { _ in }) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gridplus-keys-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        func newKey(_ name: String) throws -> (file: String, publicKey: String) {
            let file = folder.appendingPathComponent("\(name).key").path
            let made = try CommandResult.run("gridctl", ["keys", "new", "--out", file])
            guard made.status == 0 else { throw HarnessError(made.description) }
            return (file, made.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        var admitted: [KeyList.Entry] = []
        var serviceKeys: [StreamName: String] = [:]
        for stream in StreamName.allCases {
            let key = try newKey("service-\(stream.rawValue)")
            serviceKeys[stream] = key.file
            admitted.append(KeyList.Entry(principal: Principal(.service, stream.rawValue), key: key.publicKey))
        }
        var keyFiles: [String: String] = [:]
        for name in principals {
            let key = try newKey(name.replacingOccurrences(of: ":", with: "-"))
            keyFiles[name] = key.file
            var entry = KeyList.Entry(principal: Principal(parsing: name)!, key: key.publicKey)
            entry.matters = matters(entry)
            admitted.append(entry)
        }
        let stranger = try newKey("stranger").file
        cluster = try Cluster(testClock: testClock) { config in
            config.keys = KeyList(admitted: admitted)
            try adjust(&config)
        }
        // The keys move into the cluster's folder, which the cluster removes.
        let data = cluster.directory.appendingPathComponent("data")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        for (stream, file) in serviceKeys {
            try FileManager.default.moveItem(atPath: file, toPath: data.appendingPathComponent("\(stream.rawValue)-transport.key").path)
        }
        let keys = cluster.directory.appendingPathComponent("keys")
        try FileManager.default.moveItem(at: folder, to: keys)
        func moved(_ file: String) -> String { keys.appendingPathComponent(URL(fileURLWithPath: file).lastPathComponent).path }
        self.keyFiles = keyFiles.mapValues(moved)
        strangerKeyFile = moved(stranger)
    }

    /// What a test-side socket needs to reach `stream`'s service as `principal`.
    func curve(_ principal: String, to stream: StreamName) throws -> (serverKey: String, keys: CurveKeyPair) {
        (cluster.config.keys!.key(of: stream)!, try CurveKeyFile.read(keyFiles[principal]!))
    }

    /// Starts the services without development principals.
    func start(_ services: [Cluster.Service] = Cluster.Service.allCases) throws {
        try cluster.start(services, extra: ["--no-dev"])
    }

    /// gridctl with the key file of `principal` (or any file given).
    func gridctl(_ arguments: [String], keyFile: String) throws -> CommandResult {
        let (program, line) = Cluster.launch(Cluster.binDirectory.appendingPathComponent("gridctl").path,
                                             ["--config", cluster.configPath, "--timeout", "10"] + arguments, with: clientLauncher)
        return try CommandResult.run(executable: program, line, environment: ["GRIDPLUS_KEY_FILE": keyFile])
    }

    func gridctl(_ arguments: [String], as principal: String) throws -> CommandResult {
        try gridctl(arguments, keyFile: keyFiles[principal]!)
    }
}
