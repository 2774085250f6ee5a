@testable import NetSimOSPF
import Testing

/// The state order is read from the case's stored number: it must be the order of `allCases`.
@Suite("Declaration order of state enums")
struct DeclarationOrderedTests {
    private func checkOrder<State: DeclarationOrdered>(_: State.Type) {
        let cases = State.allCases
        #expect(MemoryLayout<State>.size == 1)
        for (position, state) in cases.enumerated() {
            #expect(Int(state.declarationIndex) == position)
            for (otherPosition, other) in cases.enumerated() {
                #expect((state < other) == (position < otherPosition))
            }
        }
    }

    @Test func neighborStatesCompareInDeclarationOrder() {
        checkOrder(OSPFNeighbor.State.self)
        #expect(OSPFNeighbor.State.exchange >= .exchangeStart && OSPFNeighbor.State.full > .loading)
    }

    @Test func interfaceStatesCompareInDeclarationOrder() {
        checkOrder(OSPFInterface.State.self)
    }
}
