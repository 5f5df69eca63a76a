extension KeyedDecodingContainer {
    /// Decodes a number, naming the field when it does not fit the type (1.5 for an integer,
    /// 1e999): the JSON decoder reports those with an error of its own and no path, which would
    /// otherwise read as malformed JSON.
    public func decodeNumber<T: Decodable & Numeric>(_ type: T.Type, forKey key: Key) throws -> T {
        do {
            return try decode(type, forKey: key)
        } catch let error as DecodingError {
            throw error
        } catch {
            // The decoder's own parse error (a number it cannot represent), thrown without a path.
            throw DecodingError.dataCorrupted(.init(codingPath: codingPath + [key],
                debugDescription: "\(key.stringValue) must be a number that fits \(T.self): \(error)"))
        }
    }

    /// ``decodeNumber(_:forKey:)`` for an optional field.
    public func decodeNumberIfPresent<T: Decodable & Numeric>(_ type: T.Type, forKey key: Key) throws -> T? {
        guard contains(key), try !decodeNil(forKey: key) else { return nil }
        return try decodeNumber(type, forKey: key)
    }
}
