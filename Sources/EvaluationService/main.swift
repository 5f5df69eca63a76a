import Foundation
import GridRuntime

// EvaluationService: owns evaluation (一键评价), closure, indicators and the whole timeline;
// publishes the `evaluation` stream.
let host = ServiceHost(name: "EvaluationService", stream: .evaluation, migrations: EvaluationSchema.migrations)
let desk: EvaluationDesk
do {
    desk = try EvaluationDesk(host: host)
} catch let problem as BallotKeyProblem {
    host.logger.error("cannot start", ["error": problem])
    exit(78)
} catch {
    host.logger.error("cannot start", ["error": error])
    exit(70)
}
exit(withExtendedLifetime(desk) { host.run() })
