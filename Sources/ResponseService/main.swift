import Foundation
import GridRuntime

// ResponseService: owns the departments' side (签收, 反馈, clocks); publishes the `response` stream
// on each department's own topic.
let host = ServiceHost(name: "ResponseService", stream: .response, migrations: ResponseSchema.migrations)
let desk: ResponseDesk
do {
    desk = try ResponseDesk(host: host)
} catch {
    host.logger.error("cannot start", ["error": error])
    exit(70)
}
exit(withExtendedLifetime(desk) { host.run() })
