extension Array {
    /// Reads from (or changes) one element where it lies, through the array's in-place accessor.
    ///
    /// `array[i].field` goes through the array's getter, which copies the whole element first
    /// when the field is more than plain data: for the protocol structs that hold lists and maps
    /// (an OSPF interface with its neighbors, a neighbor with its retransmission list) that copy
    /// retains every reference inside and releases it again, and on the hot paths of flooding
    /// those pairs cost more than the work. A borrowed element does not help either: the compiler
    /// copies it defensively, since the array could change under it. Inside exclusive (`inout`)
    /// access it cannot, so `array.inPlace(i) { $0.list[key] }` reads the field alone. The price
    /// is a mutating call: a shared array's storage is made unique first, as any write would.
    @inlinable @inline(__always)
    public mutating func inPlace<Result>(_ index: Int, _ access: (inout Element) throws -> Result) rethrows -> Result {
        try access(&self[index])
    }

    /// The first index whose element satisfies `predicate`, looking at each element where it lies
    /// (`firstIndex(where:)` hands the predicate a copy of every element it passes; see `inPlace`).
    @inlinable
    public mutating func firstIndexInPlace(where predicate: (inout Element) throws -> Bool) rethrows -> Int? {
        for index in indices where try predicate(&self[index]) { return index }
        return nil
    }
}
