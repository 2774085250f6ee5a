import NetSimEngine

/// Which events an attached console shows, and how: a line in brackets printed above the
/// prompt, such as "[OSPF adjacency r1<->r2 torn down]". Shown are the attached device's OSPF
/// and IS-IS adjacency changes, BGP sessions established or lost, interface state changes, and
/// network-wide convergence; routine
/// events (LSA flooding, SPF runs, commands) stay in the log.
public enum ConsoleNotice {
    /// The notice for an event, or nil when the console does not show it. `peerName` names the
    /// device on the far side of one of this device's interfaces (nil when it is not one
    /// device), so an adjacency can be named by devices rather than router IDs.
    public static func notice(for event: LogEntry, device: String,
                              peerName: (_ interface: String) -> String?) -> String? {
        if event.device == nil, event.category == .engine,
           event.message.hasPrefix("Network converged") || event.message.hasPrefix("Network reconverged") {
            return "[\(event.message)]"
        }
        guard event.device == device else { return nil }
        let words = event.message.split(separator: " ").map(String.init)
        switch event.category {
        case .ospf:
            // "OSPF adjacency with 2.2.2.2 on eth0 Full" / "... down (Full -> Init)"
            // "OSPF neighbor 2.2.2.2 on eth0 down (interface down)"
            let adjacency = words.count >= 7 && words[1] == "adjacency" && words[2] == "with" && words[4] == "on"
            let neighbor = words.count >= 6 && words[1] == "neighbor" && words[3] == "on"
            guard words.first == "OSPF", adjacency || neighbor else { return nil }
            let (routerID, interface, state) = adjacency ? (words[3], words[5], words[6]) : (words[2], words[4], words[5])
            let pair = "\(device)<->\(peerName(interface) ?? routerID)"
            switch state {
            case "Full" where adjacency: return "[OSPF adjacency \(pair) established]"
            case "down": return "[OSPF adjacency \(pair) torn down]"
            default: return nil
            }
        case .isis:
            // "IS-IS L2 adjacency with r2 on eth0 Up" / "IS-IS L1L2 adjacency with r3 on eth1 Down (hold time)"
            guard words.count >= 8, words[0] == "IS-IS", words[2] == "adjacency", words[3] == "with",
                  words[5] == "on" else { return nil }
            let pair = "\(device)<->\(peerName(words[6]) ?? words[4])"
            switch words[7] {
            case "Up": return "[IS-IS \(words[1]) adjacency \(pair) established]"
            case "Down": return "[IS-IS \(words[1]) adjacency \(pair) torn down]"
            default: return nil
            }
        case .bgp:
            // "BGP: neighbor 10.0.12.1 Established (AS 65001, hold 180s)"
            // "BGP: neighbor 10.0.12.1 connection #4 closed in Established: hold timer expired"
            guard words.count >= 4, words[0] == "BGP:", words[1] == "neighbor" else { return nil }
            if words[3] == "Established", words.count >= 6 {
                return "[BGP session with \(words[2]) \(words[4].dropFirst()) \(words[5].dropLast()) established]"
            }
            if words.count >= 8, words[3] == "connection", words[5] == "closed", words[7] == "Established:" {
                return "[BGP session with \(words[2]) down: \(words.dropFirst(8).joined(separator: " "))]"
            }
            return nil
        case .interface:
            // "interface eth0 up" / "interface eth0 down" (operational state; admin changes
            // are the answer to a command and show there)
            guard words.count == 3, words[0] == "interface", words[2] == "up" || words[2] == "down" else { return nil }
            return "[interface \(words[1]) \(words[2])]"
        case .engine, .route, .command:
            return nil
        }
    }
}
