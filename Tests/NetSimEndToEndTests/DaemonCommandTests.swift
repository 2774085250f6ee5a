import Foundation
import NetSimCommands
import NetSimDaemonClient
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Real daemons started from the built binary, each test in its own NETSIM_HOME.
@Suite(.serialized) struct DaemonCommandTests {
    let triangle = NetsimBinary.example("ospf-triangle.yaml")

    @Test func startListStatusExecStop() throws {
        try DaemonSandbox.withSandbox { sandbox in
            let started = try sandbox.netsim("daemon", "start", "lab", triangle, "--speed", "10")
            #expect(started.status == 0, "\(started.stderr)")
            #expect(started.stdout.contains("Daemon 'lab' started (PID "))
            #expect(started.stdout.contains("converged at t=21058ms"))

            let paths = try sandbox.paths("lab")
            var info = stat()
            #expect(lstat(paths.socket.path, &info) == 0)
            #expect(info.st_mode & 0o777 == 0o600, "socket mode \(String(info.st_mode & 0o777, radix: 8))")
            #expect(PIDFileLock.isHeld(paths.pidFile))

            let list = try sandbox.netsim("daemon", "list")
            let rows = list.stdout.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true) }
            #expect(rows.first == ["NAME", "PID", "UPTIME", "TOPOLOGY"])
            let pid = try #require(PIDFileLock.readPID(paths.pidFile))
            #expect(rows.count == 2 && rows[1][0] == "lab" && rows[1][1] == "\(pid)" && rows[1].last.map(String.init) == triangle)

            let status = try sandbox.netsim("daemon", "status", "lab")
            #expect(status.status == 0)
            #expect(status.stdout.contains("Daemon: lab\nPID: \(pid)\nUptime: "))
            #expect(status.stdout.contains("Tick interval: 100ms\n"))
            #expect(status.stdout.contains("Topology: \(triangle)\n"))
            #expect(status.stdout.contains("Devices: r1 (router), r2 (router), r3 (router), h1 (host), h3 (host)\n"))

            let routes = try sandbox.netsim("exec", "lab", "r1", "show ip route")
            #expect(routes.status == 0)
            #expect(routes.stdout.contains("O    10.0.3.0/24 [110/11] via 10.0.13.3, eth1\n"))
            // Words instead of one quoted string, abbreviated, with the flag after them.
            let json = try sandbox.netsim("exec", "lab", "r1", "sh", "ip", "ro", "--json")
            #expect(json.status == 0)
            let table = try JSONDecoder().decode(JSONValue.self, from: Data(json.stdout.utf8))
            guard case .array(let entries) = table else {
                Issue.record("not an array: \(json.stdout)")
                return
            }
            let destinations = entries.compactMap { $0["destination"]?.stringValue }
            #expect(destinations.contains("10.0.23.0/24"))
            // A trailing --json inside the command string gives the same JSON.
            let inline = try sandbox.netsim("exec", "lab", "r1", "show ip route --json")
            #expect(inline.stdout == json.stdout)

            let bad = try sandbox.netsim("exec", "lab", "r1", "show bogus")
            #expect(bad.status == 1)
            #expect(bad.stderr.hasPrefix("% unknown word 'bogus'"))
            let noDevice = try sandbox.netsim("exec", "lab", "r9", "show ip route")
            #expect(noDevice.status == 1)
            #expect(noDevice.stderr.contains("no device 'r9' (devices: h1, h3, r1, r2, r3)"))
            let noDaemon = try sandbox.netsim("exec", "nothere", "r1", "show ip route")
            #expect(noDaemon.status == 1)
            #expect(noDaemon.stderr.contains("no daemon named 'nothere' is running"))

            let stopped = try sandbox.netsim("daemon", "stop", "lab")
            #expect(stopped.status == 0)
            #expect(stopped.stdout == "Daemon 'lab' stopped (PID \(pid)).\n")
            #expect(!FileManager.default.fileExists(atPath: paths.socket.path))
            #expect(!FileManager.default.fileExists(atPath: paths.pidFile.path))
            #expect(try sandbox.netsim("daemon", "list").stdout == "No daemons running.\n")
            // The log stays, one JSON object per line, ending with the stop.
            let log = try String(contentsOf: paths.log, encoding: .utf8).split(separator: "\n")
            let events = try log.map { try JSONDecoder().decode(DaemonEvent.self, from: Data($0.utf8)) }
            #expect(events.map(\.sequence) == Array(1...UInt64(events.count)))
            #expect(events.contains { $0.category == "ospf" && $0.message == "OSPF adjacency with 2.2.2.2 on eth0 Full" })
            #expect(events.contains { $0.category == "command" && $0.message == "command 'show ip route'" })
            #expect(events.last?.message == "daemon lab stopped")
        }
    }

    @Test func aKilledDaemonIsStaleAndCleanedByListClean() throws {
        try DaemonSandbox.withSandbox { sandbox in
            #expect(try sandbox.netsim("daemon", "start", "doomed", triangle).status == 0)
            let paths = try sandbox.paths("doomed")
            let pid = try #require(PIDFileLock.readPID(paths.pidFile))
            kill(pid, SIGKILL)
            #expect(sandbox.waitUntil { !PIDFileLock.isHeld(paths.pidFile) })

            let list = try sandbox.netsim("daemon", "list")
            #expect(list.stdout.contains("No daemons running.\nStale: 'doomed' (PID \(pid) is gone;"))
            let exec = try sandbox.netsim("exec", "doomed", "r1", "show ip route")
            #expect(exec.status == 1)
            #expect(exec.stderr.contains("daemon 'doomed' is not running (PID \(pid) is gone"))

            let clean = try sandbox.netsim("daemon", "list", "--clean")
            #expect(clean.stdout.contains("Removed stale daemon 'doomed' (PID \(pid) is gone)."))
            #expect(!FileManager.default.fileExists(atPath: paths.pidFile.path))
            #expect(!FileManager.default.fileExists(atPath: paths.socket.path))
            #expect(FileManager.default.fileExists(atPath: paths.log.path))
            #expect(try sandbox.netsim("daemon", "list").stdout == "No daemons running.\n")
            // The name is free again.
            #expect(try sandbox.netsim("daemon", "start", "doomed", triangle).status == 0)
            #expect(try sandbox.netsim("daemon", "stop", "doomed").status == 0)
        }
    }

    @Test func stopKillsADaemonThatDoesNotStopInTime() throws {
        try DaemonSandbox.withSandbox { sandbox in
            #expect(try sandbox.netsim("daemon", "start", "frozen", triangle).status == 0)
            let paths = try sandbox.paths("frozen")
            let pid = try #require(PIDFileLock.readPID(paths.pidFile))
            kill(pid, SIGSTOP)  // a stopped process cannot act on SIGTERM
            let stop = try sandbox.netsim("daemon", "stop", "frozen", "--timeout", "0.3")
            #expect(stop.status == 0)
            #expect(stop.stdout == "Daemon 'frozen' did not stop within 0.3s and was killed (PID \(pid)).\n")
            #expect(!PIDFileLock.isHeld(paths.pidFile))
            #expect(!FileManager.default.fileExists(atPath: paths.socket.path))
            #expect(sandbox.client.entries().isEmpty)
        }
    }

    @Test func aNameInUseIsRefused() throws {
        try DaemonSandbox.withSandbox { sandbox in
            #expect(try sandbox.netsim("daemon", "start", "one", triangle).status == 0)
            let pid = try #require(PIDFileLock.readPID(try sandbox.paths("one").pidFile))
            let second = try sandbox.netsim("daemon", "start", "one", NetsimBinary.example("static-triangle.yaml"))
            #expect(second.status == 1)
            #expect(second.stderr == "error: a daemon named 'one' is already running (PID \(pid)); stop it first or choose another name\n")
            // The first one is untouched and still answers on its socket.
            #expect(try sandbox.daemonClient("one").status().pid == pid)
            #expect(try sandbox.netsim("exec", "one", "r2", "show ip ospf neighbor").stdout.contains("Full"))
        }
    }

    @Test func aBadTopologyIsRefusedAndNothingStarts() throws {
        try DaemonSandbox.withSandbox { sandbox in
            let file = sandbox.home.appendingPathComponent("bad.yaml")
            try "devices:\n  - name: r1\n    type: rooter\n".write(to: file, atomically: true, encoding: .utf8)
            let result = try sandbox.netsim("daemon", "start", "bad", file.path)
            #expect(result.status == 2)
            #expect(result.stderr.contains("\(file.path):3:11: error:"), "\(result.stderr)")
            // Exactly what validate says.
            #expect(result.stderr == (try sandbox.netsim("validate", file.path)).stderr)
            #expect(!FileManager.default.fileExists(atPath: sandbox.home.appendingPathComponent("bad").path))
            #expect(sandbox.client.entries().isEmpty)
        }
    }

    @Test func thirtyTwoConcurrentExecClientsAllGetTheirOwnAnswer() throws {
        try DaemonSandbox.withSandbox { sandbox in
            #expect(try sandbox.netsim("daemon", "start", "busy", triangle, "--speed", "20").status == 0)
            let devices = ["r1", "r2", "r3"]
            var processes: [(device: String, process: Process, out: Pipe)] = []
            for index in 0..<32 {
                let device = devices[index % devices.count]
                let process = Process()
                process.executableURL = NetsimBinary.executable
                process.arguments = ["exec", "busy", device, "show ip route --json"]
                process.environment = ProcessInfo.processInfo.environment.merging(sandbox.environment) { _, new in new }
                let out = Pipe()
                process.standardOutput = out
                process.standardError = FileHandle.nullDevice
                try process.run()
                processes.append((device, process, out))
            }
            var answers: [String: Set<String>] = [:]
            for (device, process, out) in processes {
                let data = out.fileHandleForReading.readDataToEndOfFile()
                process.waitUntilExit()
                #expect(process.terminationStatus == 0)
                let routes = try JSONDecoder().decode(JSONValue.self, from: data)
                answers[device, default: []].insert(routes.compact)
                // Each device's own connected networks prove the answer is for the device asked.
                let connected: [String: String] = ["r1": "10.0.1.0/24", "r2": "10.0.12.0/24", "r3": "10.0.3.0/24"]
                #expect(routes.compact.contains("\"destination\":\"\(connected[device]!)\""))
            }
            // Nothing changes in a converged network: every client of a device saw the same table.
            #expect(answers.values.allSatisfy { $0.count == 1 })
            #expect(Set(answers.keys) == Set(devices))
            let log = try String(contentsOf: try sandbox.paths("busy").log, encoding: .utf8)
            #expect(log.components(separatedBy: "\"category\":\"command\"").count - 1 == 32)
        }
    }

    @Test func badRequestsGetJSONErrorsAndTheDaemonKeepsRunning() throws {
        try DaemonSandbox.withSandbox { sandbox in
            #expect(try sandbox.netsim("daemon", "start", "api", triangle).status == 0)
            let client = try sandbox.daemonClient("api")
            func errorOf(_ reply: DaemonClient.RawReply) throws -> String? {
                let value = try JSONDecoder().decode(JSONValue.self, from: Data(reply.body))
                return value["error"]?.stringValue
            }
            let malformed = try client.request(method: "POST", path: "/v1/commands", body: Array("{\"device\": ".utf8))
            #expect(malformed.status == 400)
            #expect(try errorOf(malformed) == "request body is not valid JSON")
            let wrongShape = try client.request(method: "POST", path: "/v1/commands", body: Array("[1, 2]".utf8))
            #expect(wrongShape.status == 400)
            let unknownDevice = try client.request(method: "POST", path: "/v1/commands",
                                                   body: Array(#"{"device":"zz","command":"show arp"}"#.utf8))
            #expect(unknownDevice.status == 404)
            #expect(try errorOf(unknownDevice) == "no device 'zz' (devices: h1, h3, r1, r2, r3)")
            let oversized = try client.request(method: "POST", path: "/v1/commands",
                                               body: Array(repeating: UInt8(ascii: "x"), count: 200_000))
            #expect(oversized.status == 413)
            #expect(try errorOf(oversized)?.hasPrefix("request body too large") == true)
            #expect(try client.request(method: "GET", path: "/v1/devices/zz", body: nil).status == 404)
            #expect(try client.request(method: "GET", path: "/v1/nowhere", body: nil).status == 404)
            let wrongMethod = try client.request(method: "DELETE", path: "/v1/devices/r1", body: nil)
            #expect(wrongMethod.status == 405)
            #expect(try errorOf(wrongMethod) == "DELETE is not allowed on /v1/devices/r1 (allowed: GET)")
            let blank = try client.request(method: "POST", path: "/v1/commands", body: Array(#"{"device":"r1","command":" "}"#.utf8))
            #expect(blank.status == 400)
            #expect(try client.request(method: "GET", path: "/v1/events?history=-1", body: nil).status == 400)
            do {
                _ = try client.device("nope")
                Issue.record("an unknown device was found")
            } catch {
                #expect((error as? DaemonClientError) == .api(status: 404, message: "no device 'nope' (devices: h1, h3, r1, r2, r3)"))
            }
            // Still serving, with correct answers.
            #expect(try client.status().name == "api")
            #expect(try client.devices().map(\.name) == ["r1", "r2", "r3", "h1", "h3"])
            let r1 = try client.device("r1")
            #expect(r1.interfaceNames == ["eth0", "eth1", "eth2"])
            #expect(r1.neighborAddresses.contains("10.0.12.2"))
            #expect(r1.interfacePeers == ["eth0": ["r2:eth0"], "eth1": ["r3:eth0"], "eth2": ["h1:eth0"]])
            let reply = try client.execute(device: "r1", command: "show ip ospf neighbor")
            #expect(reply.succeeded && reply.text.contains("2.2.2.2"))
            let document = try client.openAPIDocument()
            #expect(document["paths"]?["/v1/commands"]?["post"] != nil)
        }
    }

    @Test func theEventStreamDeliversWhatHappens() throws {
        try DaemonSandbox.withSandbox { sandbox in
            #expect(try sandbox.netsim("daemon", "start", "sse", triangle, "--speed", "10").status == 0)
            let client = try sandbox.daemonClient("sse")
            let subscription = try client.subscribe(history: 3)
            // A watchdog ends the stream if the expected events never come.
            let watchdog = DispatchWorkItem { subscription.cancel() }
            DispatchQueue.global().asyncAfter(deadline: .now() + 15, execute: watchdog)
            defer { watchdog.cancel() }
            let history = try (0..<3).compactMap { _ in try subscription.next() }
            #expect(history.count == 3)
            #expect(history.last?.message.hasPrefix("daemon sse ready on ") == true)

            #expect(try client.execute(device: "r1", command: "interface shutdown eth0").text == "Interface eth0 admin-down")
            var seen: [DaemonEvent] = []
            while let event = try subscription.next() {
                seen.append(event)
                if event.category == "command" { break }
            }
            #expect(seen.contains { $0.device == "r1" && $0.message == "interface eth0 admin-down" })
            #expect(seen.contains { $0.device == "r2" && $0.message == "OSPF neighbor 1.1.1.1 on eth0 down (interface down)" })
            #expect(seen.contains { $0.category == "route" && $0.device == "r1"
                && $0.message == "route 10.0.12.0/24 removed (was C directly connected eth0)" })
            #expect(seen.last?.details?["command"]?.stringValue == "interface shutdown eth0")
            #expect(zip(seen, seen.dropFirst()).allSatisfy { $0.sequence + 1 == $1.sequence })

            // Stopping the daemon ends the stream.
            #expect(try sandbox.netsim("daemon", "stop", "sse").status == 0)
            var rest: [DaemonEvent] = []
            while let event = try subscription.next() { rest.append(event) }
            #expect(rest.last?.message == "daemon sse stopping")
        }
    }

    @Test func theTCPListenerWantsTheBearerToken() throws {
        try DaemonSandbox.withSandbox { sandbox in
            let port = try freePort()
            let started = try sandbox.netsim("daemon", "start", "tcp", triangle, "--listen", "127.0.0.1:\(port)")
            #expect(started.status == 0, "\(started.stderr)")
            let tokenFile = try sandbox.paths("tcp").token
            var info = stat()
            #expect(stat(tokenFile.path, &info) == 0 && info.st_mode & 0o777 == 0o600)
            let token = try String(contentsOf: tokenFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(token.count == 64)

            let missing = try rawTCP(port: port, authorization: nil)
            #expect(missing.hasPrefix("HTTP/1.1 401"))
            #expect(missing.contains("missing bearer token"))
            #expect(missing.lowercased().contains("www-authenticate: bearer"))
            let wrong = try rawTCP(port: port, authorization: "Bearer " + String(repeating: "0", count: 64))
            #expect(wrong.hasPrefix("HTTP/1.1 401"))
            #expect(wrong.contains("wrong bearer token"))
            #expect(try rawTCP(port: port, authorization: "Basic abc").hasPrefix("HTTP/1.1 401"))

            let client = DaemonClient(endpoint: .tcp(host: "127.0.0.1", port: port, token: token))
            #expect(try client.status().listen == "127.0.0.1:\(port)")
            #expect(try client.execute(device: "h1", command: "show arp").succeeded)
            // The Unix socket needs no token.
            #expect(try sandbox.daemonClient("tcp").status().name == "tcp")
        }
    }

    /// The seed's CI example, unmodified, against the OSPF triangle.
    @Test func theCIExampleScriptPasses() throws {
        let jq = ["/usr/bin/jq", "/usr/local/bin/jq", "/bin/jq"].contains { FileManager.default.isExecutableFile(atPath: $0) }
        try #require(jq, "examples/ci-validate.sh needs jq (apt-get install jq; .ci/run installs it)")
        try DaemonSandbox.withSandbox { sandbox in
            let work = sandbox.home.appendingPathComponent("ci")
            try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: triangle, toPath: work.appendingPathComponent("topology.yaml").path)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/bash")
            process.arguments = [NetsimBinary.packageRoot.appendingPathComponent("examples/ci-validate.sh").path]
            process.currentDirectoryURL = work
            var environment = ProcessInfo.processInfo.environment.merging(sandbox.environment) { _, new in new }
            environment["PATH"] = NetsimBinary.executable.deletingLastPathComponent().path + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
            process.environment = environment
            let out = Pipe()
            process.standardOutput = out
            process.standardError = out
            try process.run()
            let output = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "\(output)")
            #expect(output.hasSuffix("All validations passed\n"), "\(output)")
            // The script stopped its daemon.
            #expect(sandbox.client.entries().isEmpty)
        }
    }

    /// The seed's failover walk-through: shut a link, watch the route move, restore it.
    @Test func failoverWalkThrough() throws {
        try DaemonSandbox.withSandbox { sandbox in
            #expect(try sandbox.netsim("daemon", "start", "failover-test", triangle, "--speed", "20").status == 0)
            func exec(_ device: String, _ command: String) throws -> String {
                let result = try sandbox.netsim("exec", "failover-test", device, command)
                #expect(result.status == 0, "\(command): \(result.stderr)")
                return result.stdout
            }
            func fullNeighbors() throws -> [String] {
                try exec("r1", "show ospf neighbors").split(separator: "\n").filter { $0.contains("Full") }
                    .map { String($0.split(separator: " ")[0]) }
            }
            #expect(try fullNeighbors() == ["2.2.2.2", "3.3.3.3"])
            #expect(try exec("r1", "interface shutdown eth0") == "Interface eth0 admin-down\n")
            let during = try exec("r1", "show ip route")
            #expect(during.contains("O    10.0.23.0/24 [110/20] via 10.0.13.3, eth1\n"))
            #expect(!during.contains("via 10.0.12.2"))
            #expect(try fullNeighbors() == ["3.3.3.3"])
            #expect(try exec("r1", "interface no shutdown eth0") == "Interface eth0 admin-up\n")
            // The adjacency comes back within a Hello interval or two of simulated time.
            #expect(try sandbox.waitUntil(seconds: 10) { try fullNeighbors() == ["2.2.2.2", "3.3.3.3"] })
            #expect(try sandbox.waitUntil(seconds: 10) {
                try exec("r1", "show ip route").contains("[110/20] via 10.0.12.2, eth0\n")
            })
        }
    }

    private func freePort() throws -> UInt16 {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) }
        }
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        return UInt16(bigEndian: address.sin_port)
    }

    /// A GET /v1/status over TCP with the given Authorization header; the whole response text.
    private func rawTCP(port: UInt16, authorization: String?) throws -> String {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = port.bigEndian
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        #expect(connected == 0)
        var request = "GET /v1/status HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
        if let authorization { request += "Authorization: \(authorization)\r\n" }
        request += "\r\n"
        _ = request.withCString { send(descriptor, $0, strlen($0), 0) }
        var response: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count <= 0 { break }
            response += buffer[..<count]
        }
        return String(decoding: response, as: UTF8.self)
    }
}
