import GridDomain
import GridWire
import Testing

struct PolicyJSONTests {
    static func policy(_ matter: String, _ urgency: Urgency, storm: Bool = false) -> Policy {
        Policy(matter: matter, referenceVersion: 1, urgency: urgency, signFor: Limit(amount: 30, unit: .minutes),
               arrive: nil, dispose: Limit(amount: 1, unit: .workingDays), storm: storm)
    }

    @Test func eachPolicyReadsAsTheEncoderWritesItAndNoOtherPolicysText() throws {
        var cache = PolicyJSON()
        let policies = [Self.policy("muck-truck", .urgent), Self.policy("muck-truck", .normal),
                        Self.policy("flood", .urgent), Self.policy("flood", .urgent, storm: true)]
        for _ in 0..<2 {
            for policy in policies {
                #expect(try cache.text(policy) == JSONCoding.encodeString(policy))
            }
        }
        #expect(Set(try policies.map { try cache.text($0) }).count == policies.count)
    }
}
