import Testing
import NetSimCommands
import NetSimEngine
import NetSimRouting

@Suite("Run report")
struct RunReportRendererTests {
    private let summary = ScenarioRunner.Summary(simulatedTime: .milliseconds(2006), convergedAt: .seconds(1), events: 42)

    @Test func textFormatPrintsAsItGoes() {
        var renderer = RunReportRenderer(format: .text)
        let entry = LogEntry(time: .milliseconds(20), category: .engine, device: nil, message: "Network converged")
        #expect(renderer.consume(.log(entry)) == "[t=20ms] Network converged")
        let device = LogEntry(time: .milliseconds(2500), category: .interface, device: "r1", message: "interface eth0 down")
        #expect(renderer.consume(.log(device)) == "[t=2500ms] r1: interface eth0 down")
    }

    /// 2006 ms simulated in 0.25 s: 8.024x, rounded to 8; 0.25 s printed with three decimals.
    @Test func textClosingLine() {
        let renderer = RunReportRenderer(format: .text)
        #expect(renderer.finish(topology: "t", seed: 1, summary: summary, wallSeconds: 0.25, failure: nil)
                == "\nSimulation complete: 2006ms simulated, 0.250s real time (8x speedup), 42 events")
        let failure = ScenarioRunner.Failure.didNotConverge(at: .seconds(2), lastChange: .zero, reason: "reached --until 2000ms")
        #expect(renderer.finish(topology: "t", seed: 1, summary: summary, wallSeconds: 0, failure: failure)
                == "\nError: network did not converge by t=2000ms (reached --until 2000ms; last state change at t=0ms)"
                + "\nSimulation stopped: 2006ms simulated, 0.000s real time (0x speedup), 42 events")
        #expect(renderer.finish(topology: "t", seed: 1, summary: summary, wallSeconds: 12.3456, failure: nil)
                == "\nSimulation complete: 2006ms simulated, 12.346s real time (0x speedup), 42 events")
    }

    @Test func jsonFormatPrintsOneDocumentAtTheEnd() throws {
        var renderer = RunReportRenderer(format: .json)
        let entry = LogEntry(time: .milliseconds(1000), category: .engine, device: nil, message: "Network converged")
        #expect(renderer.consume(.log(entry)) == nil)
        #expect(renderer.finish(topology: "tri", seed: 7, summary: summary, wallSeconds: 0.25, failure: nil) == """
            {
              "log": [
                {
                  "category": "engine",
                  "device": null,
                  "message": "Network converged",
                  "time_ms": 1000
                }
              ],
              "results": [],
              "seed": 7,
              "summary": {
                "converged_ms": 1000,
                "events": 42,
                "simulated_ms": 2006,
                "speedup": 8,
                "wall_seconds": 0.25
              },
              "topology": "tri"
            }
            """)
    }

    /// With --pcap, the text report ends with what was captured and the JSON summary holds it.
    @Test func captureSummary() {
        let capture = CaptureSummary(path: "out.pcapng", format: "pcapng", frames: 144, interfaces: 10)
        #expect(RunReportRenderer(format: .text).finish(topology: "t", seed: 1, summary: summary, wallSeconds: 0.25,
                                                        failure: nil, capture: capture)
                == "\nSimulation complete: 2006ms simulated, 0.250s real time (8x speedup), 42 events"
                + "\nCaptured 144 frames on 10 interfaces to out.pcapng")
        #expect(CaptureSummary(path: "h1.pcap", format: "pcap", frames: 1, interfaces: 1).text
                == "Captured 1 frame on 1 interface to h1.pcap")
        let json = RunReportRenderer(format: .json).finish(topology: "t", seed: 1, summary: summary, wallSeconds: 0.25,
                                                           failure: nil, capture: capture)
        #expect(json.contains("""
                "capture": {
                  "file": "out.pcapng",
                  "format": "pcapng",
                  "frames": 144,
                  "interfaces": 10
                },
            """))
    }

    @Test func commandResultsInBothFormats() throws {
        let sim = staticTriangle()
        var text = RunReportRenderer(format: .text)
        var json = RunReportRenderer(format: .json)
        var printed: [String] = []
        let outcome = ScenarioRunner(simulation: sim, script: [
            ScriptedCommand(at: .afterConvergence(.milliseconds(100)), device: "r2", command: "show ip route 10.0.3.0/24"),
        ]).run { event in
            if let line = text.consume(event) { printed.append(line) }
            #expect(json.consume(event) == nil)
        }
        let summary = try outcome.get()
        #expect(printed == [
            "[t=0ms] Network initialized: 5 devices, 5 links",
            "[t=1000ms] Network converged",
            "\n[t=1100ms] r2> show ip route 10.0.3.0/24\nRouting entry for 10.0.3.0/24\n"
                + "  Known via \"static\", distance 1, metric 0, best\n  * 10.0.23.3, via eth1",
        ])
        let document = json.finish(topology: "static-triangle", seed: 1, summary: summary, wallSeconds: 0, failure: nil)
        #expect(document.contains(#""command": "show ip route 10.0.3.0/24","#))
        #expect(document.contains(#""finished_ms": 1100,"#))
        #expect(document.contains(#""time_ms": 1100"#))
    }
}
