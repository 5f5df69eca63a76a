import Foundation
import GridRuntime
import ZeroMQ

// WhistleService: owns whistles and the reference data; publishes the `whistle` stream.
let host = ServiceHost(name: "WhistleService", stream: .whistle, migrations: WhistleSchema.migrations)
let desk: WhistleDesk
do {
    desk = try WhistleDesk(host: host)
} catch let error as ZMQError {
    host.logger.error("cannot open the intake endpoint", ["error": error])
    exit(69)
} catch {
    host.logger.error("cannot start", ["error": error])
    exit(70)
}
exit(withExtendedLifetime(desk) { host.run() })
