import Foundation

/// The two rules every free-text field of a request follows (a description, a summary, a note, a
/// reason), so that each field checks them the same way.
extension String {
    /// Whether the text says something: it holds more than white space.
    public var isSaid: Bool { unicodeScalars.contains { !$0.properties.isWhitespace } }

    /// Whether the text has at most `limit` user-perceived characters (a Chinese character counts
    /// one); its UTF-8 length settles most cases without counting grapheme clusters.
    public func fits(_ limit: Int) -> Bool { utf8.count <= limit || count <= limit }

    /// Whether the text holds a control character other than a line break or a tab (an escape
    /// sequence that would reach someone's terminal, say).
    public var hasControlCharacters: Bool {
        unicodeScalars.contains { $0.properties.generalCategory == .control && !["\n", "\r", "\t"].contains($0) }
    }

    /// The text trimmed, or `invalid_value` at `pointer` when it is blank or longer than `limit`
    /// characters; `rule` says what the field is for ("say why").
    public func said(at pointer: String, upTo limit: Int, _ rule: String) throws(ProtocolError) -> String {
        guard isSaid, fits(limit) else { throw .invalid(pointer, "\(rule), in 1 to \(limit) characters") }
        return trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
