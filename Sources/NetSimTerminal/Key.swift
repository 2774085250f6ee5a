/// One key press as a terminal delivers it, decoded from bytes by `KeyDecoder`.
public enum Key: Sendable, Equatable {
    /// A printable character (any Unicode scalar at or above space, except DEL).
    case character(Character)
    case enter
    case tab
    case backspace
    case delete
    case left
    case right
    case up
    case down
    case home
    case end
    case pageUp
    case pageDown
    /// Ctrl-Right, Alt-f: one word forward.
    case wordRight
    /// Ctrl-Left, Alt-b: one word back.
    case wordLeft
    /// Escape pressed on its own.
    case escape
    /// A control key other than those above, by its letter: Ctrl-A is `.control("a")`.
    case control(Character)
    /// A complete escape sequence netsim does not use (F-keys, mouse reports); ignored.
    case unknown([UInt8])
}
