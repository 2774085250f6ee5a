import Foundation
import NetSimCommands
import NetSimDaemonClient
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `netsim capture start|stop|list` against real daemons started from the built binary.
@Suite(.serialized) struct DaemonCaptureTests {
    let triangle = NetsimBinary.example("ospf-triangle.yaml")

    /// Two captures at once while an interface goes down and a ping runs: the files hold what
    /// the network did, at simulated times, and the narrower capture is a part of the wider one.
    @Test func capturesWhileTheNetworkReacts() throws {
        try DaemonSandbox.withSandbox { sandbox in
            #expect(try sandbox.netsim("daemon", "start", "cap", triangle, "--speed", "50").status == 0)
            let allPath = sandbox.home.appendingPathComponent("all.pcapng").path
            let ospfPath = sandbox.home.appendingPathComponent("ospf.pcapng").path
            let all = try sandbox.netsim("capture", "start", "-o", allPath)
            #expect(all.status == 0, "\(all.stderr)")
            #expect(all.stdout == "Capture 1 started in daemon 'cap': 10 interfaces to \(allPath) (pcapng)\n")
            let ospf = try sandbox.netsim("capture", "start", "--name", "cap", "--output", ospfPath,
                                          "--pcap-filter", "device:r1,proto:ospf")
            #expect(ospf.stdout == "Capture 2 started in daemon 'cap': 3 interfaces to \(ospfPath) (pcapng)\n")
            let list = try sandbox.netsim("capture", "list").stdout.split(separator: "\n")
                .map { $0.split(separator: " ").map(String.init) }
            #expect(list.count == 3)
            #expect(list.first == ["ID", "SINCE", "FRAMES", "BYTES", "INTERFACES", "FORMAT", "FILE", "FILTER"])
            #expect(list.dropFirst().map { [$0[0], $0[4], $0[5], $0[6], $0[7]] }
                    == [["1", "10", "pcapng", allPath, "-"], ["2", "3", "pcapng", ospfPath, "device:r1,proto:ospf"]])

            #expect(try sandbox.netsim("exec", "cap", "r1", "interface shutdown eth0").stdout == "Interface eth0 admin-down\n")
            let ping = try sandbox.netsim("exec", "cap", "h1", "ping 10.0.3.10 -c 2")
            #expect(ping.status == 0 && ping.stdout.contains("2/2 packets received"), "\(ping.stdout)")
            // Hellos every 10 s of simulated time: 0.2 s of wall time at speed 50.
            let client = try sandbox.daemonClient("cap")
            #expect(try sandbox.waitUntil { try client.captures().last.map { $0.frames >= 12 } ?? false })

            let stopped = try sandbox.netsim("capture", "stop", "2")
            #expect(stopped.status == 0, "\(stopped.stderr)")
            #expect(try sandbox.netsim("capture", "stop").status == 0)  // the one left: capture 1
            #expect(try sandbox.netsim("capture", "list").stdout == "No captures running in daemon 'cap'.\n")
            let log = try String(contentsOf: try sandbox.paths("cap").log, encoding: .utf8).split(separator: "\n")
                .map { try JSONDecoder().decode(DaemonEvent.self, from: Data($0.utf8)) }
            let shutdown = try #require(log.first { $0.message == "command 'interface shutdown eth0'" })
            let shutdownTime = UInt64((shutdown.simulatedMilliseconds * 1e6).rounded())
            #expect(log.filter { $0.category == "capture" }.map { String($0.message.prefix(17)) }
                    == ["capture 1 started", "capture 2 started", "capture 2 stopped", "capture 1 stopped"])

            // What capture 2 wrote: r1's OSPF frames, named, commented, in time order.
            let ospfFile = try PcapNGFile(Array(try Data(contentsOf: URL(fileURLWithPath: ospfPath))))
            #expect(ospfFile.interfaces.map(\.name) == ["r1:eth0", "r1:eth1", "r1:eth2"])
            #expect(ospfFile.comment == "netsim daemon cap: ospf-triangle, seed 1, capture 2")
            let packets = ospfFile.packets
            #expect(packets.allSatisfy { Array($0.data[12..<14]) == [0x08, 0x00] && $0.data[23] == 89 })
            #expect(zip(packets, packets.dropFirst()).allSatisfy { $0.timestamp <= $1.timestamp })
            // Nothing on the shut interface after the shutdown; r1 floods its new router LSA
            // (an LS Update, OSPF type 4) on eth1 at that same moment.
            #expect(packets.filter { $0.interface == 0 }.allSatisfy { $0.timestamp <= shutdownTime })
            #expect(packets.contains { $0.interface == 1 && $0.flags == 2 && $0.data[35] == 4
                    && $0.timestamp + 1_000_000 > shutdownTime && $0.timestamp < shutdownTime + 1_000_000 })
            // The summary is what the file holds.
            let lines = stopped.stdout.split(separator: "\n").map(String.init)
            #expect(lines.first?.hasPrefix("Capture 2 (t=") == true)
            #expect(lines.first?.hasSuffix("captured \(packets.count) frames (\(packets.map(\.data.count).reduce(0, +)) bytes) "
                                           + "on 3 interfaces to \(ospfPath)") == true, "\(stopped.stdout)")
            #expect(lines.dropFirst().first?.split(separator: " ") == ["INTERFACE", "SENT", "RECEIVED", "BYTES"])
            for (index, name) in ["r1:eth0", "r1:eth1", "r1:eth2"].enumerated() {
                let mine = packets.filter { $0.interface == index }
                let row = [name, String(mine.filter { $0.flags == 2 }.count), String(mine.filter { $0.flags == 1 }.count),
                           String(mine.map(\.data.count).reduce(0, +))]
                #expect(lines.dropFirst(2 + index).first?.split(separator: " ").map(String.init) == row)
            }

            // Capture 1 ran before capture 2 started and after it stopped: it holds every frame
            // capture 2 holds, on the same interface, at the same time, with the same bytes.
            let allFile = try PcapNGFile(Array(try Data(contentsOf: URL(fileURLWithPath: allPath))))
            func key(_ packet: PcapNGFile.Packet, in file: PcapNGFile) -> String {
                "\(file.interfaces[packet.interface].name ?? "") \(packet.timestamp) \(packet.flags ?? 0) \(packet.data)"
            }
            let wider = Set(allFile.packets.map { key($0, in: allFile) })
            #expect(packets.allSatisfy { wider.contains(key($0, in: ospfFile)) })
            // The ping's two echo requests left h1 one simulated second apart.
            let h1 = try #require(allFile.interfaces.firstIndex { $0.name == "h1:eth0" })
            let echoes = allFile.packets.filter { $0.interface == h1 && $0.flags == 2 && $0.data[23] == 1 && $0.data[34] == 8 }
            #expect(echoes.count == 2)
            if echoes.count == 2 {
                #expect((990_000_000...1_010_000_000).contains(echoes[1].timestamp - echoes[0].timestamp))
            }
            for path in [allPath, ospfPath] { try TsharkCheck.expectClean(path) }
        }
    }

    /// A daemon that stops closes its captures: each file is complete and in place, its
    /// temporary file gone. Before that, the temporary file holds the capture so far.
    @Test func aDaemonThatStopsWritesItsCaptures() throws {
        try DaemonSandbox.withSandbox { sandbox in
            #expect(try sandbox.netsim("daemon", "start", "halt", triangle, "--speed", "50").status == 0)
            let files = sandbox.home.appendingPathComponent("files")
            try FileManager.default.createDirectory(at: files, withIntermediateDirectories: true)
            // Relative paths are the client's: this process runs in `files`.
            let one = try sandbox.netsim(arguments: ["capture", "start", "-o", "one.pcap", "--pcap-format", "pcap",
                                                     "--pcap-filter", "r1:eth1"], directory: files)
            #expect(one.stdout == "Capture 1 started in daemon 'halt': 1 interface to \(files.path)/one.pcap (pcap)\n",
                    "\(one.stderr)")
            #expect(try sandbox.netsim(arguments: ["capture", "start", "-o", "icmp.pcapng", "--pcap-filter", "proto:icmp"],
                                       directory: files).status == 0)
            let pid = try #require(PIDFileLock.readPID(try sandbox.paths("halt").pidFile))
            #expect(try FileManager.default.contentsOfDirectory(atPath: files.path).sorted()
                    == [".icmp.pcapng.tmp-\(pid)", ".one.pcap.tmp-\(pid)"])
            #expect(try sandbox.netsim("exec", "halt", "h1", "ping 10.0.3.10 -c 1").status == 0)
            // Flushed at the end of the daemon's pass: whole records a reader can use.
            let client = try sandbox.daemonClient("halt")
            let temporary = files.appendingPathComponent(".icmp.pcapng.tmp-\(pid)")
            var soFar = 0
            #expect(try sandbox.waitUntil {
                let frames = try client.captures().last?.frames ?? -1
                soFar = (try? PcapNGFile(Array(try Data(contentsOf: temporary))).packets.count) ?? -2
                return frames == soFar
            })
            #expect(soFar >= 4)  // an echo and its reply, each leaving and arriving

            #expect(try sandbox.netsim("daemon", "stop", "halt").status == 0)
            #expect(try FileManager.default.contentsOfDirectory(atPath: files.path).sorted() == ["icmp.pcapng", "one.pcap"])
            let icmp = try PcapNGFile(Array(try Data(contentsOf: files.appendingPathComponent("icmp.pcapng"))))
            #expect(icmp.packets.count == soFar)
            let pcap = try PcapFile(Array(try Data(contentsOf: files.appendingPathComponent("one.pcap"))))
            #expect(pcap.linkType == 1 && !pcap.records.isEmpty)
            #expect(zip(pcap.records, pcap.records.dropFirst()).allSatisfy { $0.timestamp <= $1.timestamp })
            let log = try String(contentsOf: try sandbox.paths("halt").log, encoding: .utf8)
            #expect(log.contains("capture 1 stopped (the daemon is stopping): captured \(pcap.records.count) frames "
                                 + "on 1 interface to \(files.path)/one.pcap"))
            try TsharkCheck.expectClean(files.appendingPathComponent("one.pcap").path)
        }
    }

    /// Bad options get the messages `netsim run --pcap` prints (exit status 2); unknown IDs,
    /// files in use and malformed requests get JSON errors; the daemon keeps running.
    @Test func refusedCapturesLeaveTheDaemonRunning() throws {
        try DaemonSandbox.withSandbox { sandbox in
            #expect(try sandbox.netsim("daemon", "start", "api", triangle).status == 0)
            let out = sandbox.home.appendingPathComponent("out.pcapng").path
            for options in [["--pcap-filter", "device:r9,r1:eth7,proto:bogus"], ["--pcap-filter", "device:r9,r1:eth7"],
                            ["--pcap-format", "pcap", "--pcap-filter", "link:r1:eth0"]] {
                let capture = try sandbox.netsim(arguments: ["capture", "start", "-o", out] + options)
                let run = try sandbox.netsim(arguments: ["run", triangle, "--pcap", out] + options)
                #expect(capture.status == 2 && run.status == 2)
                #expect(capture.stderr == run.stderr && capture.stderr.hasPrefix("error: --pcap-"), "\(capture.stderr)")
            }
            let unwritable = try sandbox.netsim("capture", "start", "-o", "/nonexistent-netsim/x.pcapng")
            #expect(unwritable.status == 2)
            #expect(unwritable.stderr == "error: --output: cannot write /nonexistent-netsim/x.pcapng: No such file or directory\n")
            let unknown = try sandbox.netsim("capture", "stop", "9")
            #expect(unknown.status == 1 && unknown.stderr == "error: no capture 9 (none is running) (HTTP 404)\n")
            #expect(try sandbox.netsim("capture", "stop").stderr == "error: no capture is running in daemon 'api'\n")
            #expect(try FileManager.default.contentsOfDirectory(atPath: sandbox.home.path) == ["api"])

            let client = try sandbox.daemonClient("api")
            func reply(_ method: String, _ path: String, _ body: String?) throws -> (Int, JSONValue) {
                let raw = try client.request(method: method, path: path, body: body.map { Array($0.utf8) })
                return (raw.status, try JSONDecoder().decode(JSONValue.self, from: Data(raw.body)))
            }
            let relative = try reply("POST", "/v1/captures", #"{"file": "out.pcapng"}"#)
            #expect(relative.0 == 400 && relative.1["field"] == .string("file"))
            let format = try reply("POST", "/v1/captures", #"{"file": "/tmp/x.erf", "format": "erf"}"#)
            #expect(format.0 == 400 && format.1["problems"] == .array([.string("unknown format 'erf' (formats: pcapng, pcap)")]))
            #expect(try reply("POST", "/v1/captures", #"{"file": "#).1["error"] == .string("request body is not valid JSON"))
            #expect(try reply("POST", "/v1/captures", #"{"path": "/tmp/x"}"#).0 == 400)
            do {
                _ = try client.startCapture(file: out, filter: "device:r9")
                Issue.record("an unknown device was accepted")
            } catch {
                #expect((error as? DaemonClientError) == .invalidCapture(field: "filter", problems: ["'device:r9': no device 'r9' (devices: r1, r2, r3, h1, h3)"]))
            }
            let started = try client.startCapture(file: out)
            #expect(started.id == 1 && started.state == "running" && started.interfaces.count == 10)
            let busy = try reply("POST", "/v1/captures", #"{"file": "\#(out)"}"#)
            #expect(busy.0 == 409 && busy.1["error"] == .string("\(out) is already being written by capture 1"))
            #expect(try reply("GET", "/v1/captures/abc", nil).1["error"] == .string("no capture abc (running: 1)"))
            #expect(try reply("GET", "/v1/captures/1", nil).1["file"] == .string(out))
            #expect(try reply("DELETE", "/v1/captures/1", nil).1["state"] == .string("written"))
            #expect(try reply("DELETE", "/v1/captures/1", nil).0 == 404)
            #expect(try reply("DELETE", "/v1/captures", nil) == (200, .array([])))

            // With two daemons running, the commands need --name.
            #expect(try sandbox.netsim("daemon", "start", "api2", triangle).status == 0)
            let ambiguous = try sandbox.netsim("capture", "list")
            #expect(ambiguous.status == 1 && ambiguous.stderr == "error: 2 daemons are running (api, api2); choose one with --name\n")
            #expect(try client.status().name == "api")
            #expect(try client.execute(device: "r1", command: "show ip ospf neighbor").text.contains("Full"))
        }
    }
}

/// Wireshark's judgement of a capture, when tshark is installed (Debian package `tshark`;
/// `.ci/run` installs it): no malformed frame, no expert warning or error (IPv4 and UDP checksums
/// checked), and every frame one of the protocol stacks the OSPF triangle sends.
enum TsharkCheck {
    static let executable = ["/usr/bin/tshark", "/usr/local/bin/tshark"].first { FileManager.default.isExecutableFile(atPath: $0) }
    static let triangleStacks: Set<String> = ["eth:ethertype:arp", "eth:ethertype:ip:icmp:data", "eth:ethertype:ip:ospf"]

    static func expectClean(_ path: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        guard executable != nil else { return }
        let flagged = try tshark(path, "-Y", "_ws.malformed || _ws.expert.severity >= 0x00600000", "-e", "frame.number")
        #expect(flagged.isEmpty, "tshark flags frames \(flagged) in \(path)", sourceLocation: sourceLocation)
        let stacks = Set(try tshark(path, "-e", "frame.protocols"))
        #expect(!stacks.isEmpty && stacks.isSubset(of: triangleStacks), "\(path): \(stacks.sorted())",
                sourceLocation: sourceLocation)
    }

    /// One line per frame with the given fields (`-T fields`).
    private static func tshark(_ path: String, _ arguments: String...) throws -> [String] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable ?? "tshark")
        process.arguments = ["-r", path, "-o", "ip.check_checksum:TRUE", "-o", "udp.check_checksum:TRUE", "-T", "fields"]
            + arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw MalformedCapture("tshark could not read \(path)") }
        return text.split(separator: "\n").map(String.init)
    }
}
