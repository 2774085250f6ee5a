/// State enums whose cases are listed from the earliest state to the latest, so that "at least
/// 2-Way" reads `state >= .twoWay`: their order is the order of declaration.
public protocol DeclarationOrdered: CaseIterable, Comparable where AllCases == [Self] {}

extension DeclarationOrdered {
    /// The case's position in declaration order. A payload-free enum is stored as its one-byte
    /// case number, which Swift assigns in declaration order; the flooding path compares states
    /// for every neighbor of every LSA, so this reads that byte instead of searching `allCases`
    /// (a test checks that both agree for every conforming enum).
    @inline(__always)
    var declarationIndex: UInt8 {
        withUnsafeBytes(of: self) { $0[0] }
    }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        lhs.declarationIndex < rhs.declarationIndex
    }
}
