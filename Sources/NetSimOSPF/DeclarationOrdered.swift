/// State enums whose cases are listed from the earliest state to the latest, so that "at least
/// 2-Way" reads `state >= .twoWay`: their order is the order of declaration.
public protocol DeclarationOrdered: CaseIterable, Comparable where AllCases == [Self] {}

extension DeclarationOrdered {
    public static func < (lhs: Self, rhs: Self) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
