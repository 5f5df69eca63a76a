import Foundation
import GridDomain

/// Reads one object of a parsed message member by member, for the messages every whistle passes
/// through (``JSONReadable``). It takes only the plain form the services write: each member read
/// once, of the expected kind and readable as it stands. Anything else — a member missing or of
/// another kind, a bad string, a duplicate or unknown member — makes the reading fail (nil), and the
/// `Codable` decoder reads the message instead and judges it, so every refusal stays its own.
public struct JSONReader {
    let document: WireJSONDocument
    let object: Int
    /// The member key node where the next lookup starts: members read in the order written cost
    /// one comparison each.
    private var cursor: Int
    private var found = 0

    init?(document: WireJSONDocument, object: Int) {
        let node = document.nodes[object]
        guard node.kind == .object, !node.flags.contains(.irregularKeys) else { return nil }
        self.document = document
        self.object = object
        cursor = object + 1
    }

    /// Whether every member was read, once: a duplicate or unknown member is left to the decoder.
    var isComplete: Bool { found == document.nodes[object].length }

    /// The value node of member `name`, or nil if it is absent.
    private mutating func member(_ name: StaticString) -> Int? {
        let end = document.nodes[object].end
        let name = UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount)
        let base = document.bytes.baseAddress!
        var key = cursor
        for _ in 0..<document.nodes[object].length {
            if key >= end { key = object + 1 }
            let node = document.nodes[key]
            let next = document.nodes[key + 1].end
            if node.length == name.count, node.flags.contains(.plain),
               memcmp(base + node.offset, name.baseAddress!, name.count) == 0 {
                cursor = next
                found += 1
                return key + 1
            }
            key = next
        }
        return nil
    }

    private mutating func node(_ name: StaticString, _ kind: WireJSONNode.Kind) -> WireJSONNode? {
        guard let index = member(name), document.nodes[index].kind == kind else { return nil }
        return document.nodes[index]
    }

    public mutating func string(_ name: StaticString) -> String? {
        node(name, .string).flatMap { try? document.string($0) }
    }

    /// An optional member: `.some(nil)` when it is absent, nil when it cannot be read.
    public mutating func optionalString(_ name: StaticString) -> String?? {
        guard let index = member(name) else { return .some(nil) }
        let node = document.nodes[index]
        guard node.kind == .string, let text = try? document.string(node) else { return nil }
        return .some(text)
    }

    public mutating func integer(_ name: StaticString) -> Int64? {
        node(name, .number).flatMap { try? document.integer($0, as: Int64.self) }
    }

    public mutating func bool(_ name: StaticString) -> Bool? {
        guard let index = member(name) else { return nil }
        switch document.nodes[index].kind {
        case .true: return true
        case .false: return false
        default: return nil
        }
    }

    public mutating func strings(_ name: StaticString) -> [String]? {
        guard let index = member(name) else { return nil }
        return strings(at: index)
    }

    /// An optional array of strings: `.some(nil)` when it is absent, nil when it cannot be read.
    public mutating func optionalStrings(_ name: StaticString) -> [String]?? {
        guard let index = member(name) else { return .some(nil) }
        return strings(at: index).map { .some($0) }
    }

    /// An array of numbers, read as `Double`.
    public mutating func numbers(_ name: StaticString) -> [Double]? {
        guard let index = member(name) else { return nil }
        let array = document.nodes[index]
        guard array.kind == .array else { return nil }
        var values: [Double] = []
        var element = index + 1
        while element < array.end {
            let node = document.nodes[element]
            guard node.kind == .number, let value = try? document.floatingPoint(node, as: Double.self) else { return nil }
            values.append(value)
            element = node.end
        }
        return values
    }

    private func strings(at index: Int) -> [String]? {
        let array = document.nodes[index]
        guard array.kind == .array else { return nil }
        var values: [String] = []
        values.reserveCapacity(array.length)
        var element = index + 1
        while element < array.end {
            let node = document.nodes[element]
            guard node.kind == .string, let text = try? document.string(node) else { return nil }
            values.append(text)
            element = node.end
        }
        return values
    }

    /// A nested message, read whole (every member) or not at all.
    public mutating func value<T: JSONReadable>(_ name: StaticString, _ type: T.Type) -> T? {
        guard let index = member(name), var reader = JSONReader(document: document, object: index),
              let value = T(reading: &reader), reader.isComplete else { return nil }
        return value
    }

    /// The node of member `name` without reading it (a payload read later by its type).
    mutating func skip(_ name: StaticString) -> Int? {
        member(name)
    }
}

/// A message that reads itself from its plain form (``JSONReader``), a fast path beside its
/// `Codable` form, which stays the judge: reading answers nil for anything the decoder should see.
public protocol JSONReadable: Decodable {
    init?(reading reader: inout JSONReader)
}
