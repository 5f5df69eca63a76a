/// A member name as a JSON Pointer token (RFC 6901): "~" becomes "~0" and "/" becomes "~1".
public func jsonPointerEscaped(_ token: String) -> String {
    var escaped = ""
    for character in token {
        switch character {
        case "~": escaped += "~0"
        case "/": escaped += "~1"
        default: escaped.append(character)
        }
    }
    return escaped
}
