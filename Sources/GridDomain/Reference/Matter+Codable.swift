extension Matter: Codable {
    private enum CodingKeys: String, CodingKey {
        case id, name, scenario, lead, co, defaultUrgency, storm, urgencies
    }

    private struct UrgencyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// Missing `co` reads as none and missing `storm` as false; an urgency key that is not
    /// urgent, normal or complex is `DecodingError.dataCorrupted` at that key.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        name = try container.decode(String.self, forKey: .name)
        scenario = try container.decodeIfPresent(String.self, forKey: .scenario)
        lead = try container.decode(String.self, forKey: .lead)
        co = try container.decodeIfPresent([String].self, forKey: .co) ?? []
        defaultUrgency = try container.decode(Urgency.self, forKey: .defaultUrgency)
        storm = try container.decodeIfPresent(Bool.self, forKey: .storm) ?? false
        let byName = try container.nestedContainer(keyedBy: UrgencyKey.self, forKey: .urgencies)
        var urgencies: [Urgency: StepLimits] = [:]
        for key in byName.allKeys {
            guard let urgency = Urgency(rawValue: key.stringValue) else {
                throw DecodingError.dataCorruptedError(
                    forKey: key, in: byName,
                    debugDescription: "unknown urgency \"\(key.stringValue)\": the keys are urgent, normal and complex")
            }
            urgencies[urgency] = try byName.decode(StepLimits.self, forKey: key)
        }
        self.urgencies = urgencies
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(name, forKey: .name)
        try container.encodeIfPresent(scenario, forKey: .scenario)
        try container.encode(lead, forKey: .lead)
        try container.encode(co, forKey: .co)
        try container.encode(defaultUrgency, forKey: .defaultUrgency)
        try container.encode(storm, forKey: .storm)
        var byName = container.nestedContainer(keyedBy: UrgencyKey.self, forKey: .urgencies)
        for urgency in allowedUrgencies {
            try byName.encode(urgencies[urgency], forKey: UrgencyKey(stringValue: urgency.rawValue))
        }
    }
}
