import NetSimEngine
import NetSimRouting

/// A 64-bit FNV-1a digest of what a converged run ended with — the event count, the simulated
/// time, and every device's selected routes (prefix, source, distance, metric, next hops) in
/// device and prefix order — built from plain field values so that it is the same in every
/// process. Runs of one scenario with different thread counts must give the same digest
/// (ADR 0024).
public enum StateDigest {
    public static func of(_ simulation: Simulation) -> UInt64 {
        var digest = Digest()
        digest.add(simulation.eventsProcessed)
        digest.add(UInt64(bitPattern: simulation.now.nanoseconds))
        for device in simulation.devices {
            digest.add(UInt64(device.id))
            for route in device.rib.fib.routes {
                digest.add(UInt64(route.prefix.network.value) << 8 | UInt64(route.prefix.length))
                for byte in route.source.code.utf8 { digest.add(UInt64(byte)) }
                digest.add(UInt64(route.distance) << 32 | UInt64(route.metric))
                for hop in route.nextHops {
                    digest.add(UInt64(hop.address?.value ?? 0) << 32 | UInt64(UInt32(truncatingIfNeeded: hop.interface)))
                }
            }
        }
        return digest.value
    }

    private struct Digest {
        private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

        mutating func add(_ word: UInt64) {
            var word = word
            for _ in 0..<8 {
                value = (value ^ (word & 0xFF)) &* 0x0000_0100_0000_01B3
                word >>= 8
            }
        }
    }
}
