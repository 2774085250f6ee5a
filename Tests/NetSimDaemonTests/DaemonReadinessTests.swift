import Testing
@testable import NetSimDaemon

@Suite struct DaemonReadinessTests {
    @Test func readyLineRoundTrips() {
        let ready = DaemonReadiness.ready(pid: 42, convergedMilliseconds: 21058, devices: 5, socket: "/tmp/x/daemon.sock",
                                          listen: "127.0.0.1:7070")
        #expect(DaemonReadiness.parse("noise\n" + ready.line + "\n") == ready)
    }

    @Test func errorLineRoundTripsWithNewlines() {
        let failed = DaemonReadiness.failed("network did not converge\nby t=5s")
        #expect(DaemonReadiness.parse(failed.line) == failed)
    }

    @Test func nothingRecognisableIsNil() {
        #expect(DaemonReadiness.parse("") == nil)
        #expect(DaemonReadiness.parse("ready {not json") == nil)
    }
}
