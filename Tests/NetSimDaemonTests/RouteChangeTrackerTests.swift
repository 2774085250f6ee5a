import NetSimEngine
import Testing
@testable import NetSimDaemon

@Suite struct RouteChangeTrackerTests {
    @Test func reportsNothingWithoutChanges() throws {
        let simulation = try convergedExample("ospf-triangle.yaml")
        var tracker = RouteChangeTracker()
        tracker.snapshot(simulation)
        tracker.mark("r1", in: simulation)
        tracker.mark("r2", in: simulation)
        #expect(tracker.flush(simulation).isEmpty)
    }

    @Test func shutdownRemovesTheConnectedRouteAndNarrowsTheECMPRoute() throws {
        let simulation = try convergedExample("ospf-triangle.yaml")
        var tracker = RouteChangeTracker()
        tracker.snapshot(simulation)
        let r1 = try #require(simulation.device(named: "r1"))
        simulation.setAdminState(device: r1.id, interface: 0, up: false)
        tracker.mark("r1", in: simulation)
        let changes = tracker.flush(simulation)
        #expect(changes.map(\.message) == [
            "route 10.0.12.0/24 removed (was C directly connected eth0)",
            "route 10.0.23.0/24 changed: O [110/20] via 10.0.13.3 eth1 (was O [110/20] via 10.0.12.2 eth0, via 10.0.13.3 eth1)",
        ])
        #expect(changes[0].details["change"]?.stringValue == "removed")
        #expect(changes[1].details["route"]?.stringValue == "O [110/20] via 10.0.13.3 eth1")
        // Unmarked devices are not looked at, and a second flush has nothing new.
        #expect(tracker.flush(simulation).isEmpty)
    }

    @Test func unmarkedDevicesAreReportedOnceMarked() throws {
        let simulation = try convergedExample("ospf-triangle.yaml")
        var tracker = RouteChangeTracker()
        tracker.snapshot(simulation)
        let r1 = try #require(simulation.device(named: "r1"))
        simulation.setAdminState(device: r1.id, interface: 0, up: false)
        #expect(tracker.flush(simulation).isEmpty)
        tracker.mark("r2", in: simulation)
        let changes = tracker.flush(simulation)
        #expect(changes.allSatisfy { $0.device == "r2" })
        #expect(changes.contains { $0.message == "route 10.0.12.0/24 removed (was C directly connected eth0)" })
    }
}
