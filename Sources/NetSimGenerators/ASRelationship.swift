/// The business relationship a cable of an AS graph stands for (Gao-Rexford): a provider sells
/// transit to its customer, or two peers exchange their own and their customers' routes free.
public enum ASRelationship: Sendable, Equatable {
    /// The link's `a` end is the provider of its `b` end.
    case providerToCustomer
    /// The two ends are peers.
    case peerToPeer
}
