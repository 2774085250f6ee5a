import Testing
import NetSimCommands
import NetSimEngine
import NetSimRouting
import NetSimWire

@Suite("Command fuzzing")
struct CommandFuzzTests {
    /// Words the generator draws from: every keyword of the grammar and some of its prefixes,
    /// addresses and prefixes (valid, invalid, ours, absent), interface names, options with good
    /// and bad values, and garbage.
    private struct Generator {
        var random: SeededRandom
        let keywords: [String]

        init(seed: UInt64) {
            random = SeededRandom(seed: seed)
            var words = Set<String>()
            for command in CommandGrammar.console.commands { words.formUnion(command.keywords) }
            words.formUnion(CommandGrammar.console.synonyms.keys)
            keywords = words.sorted()
        }

        mutating func pick<T>(_ items: [T]) -> T { items[Int(random.next() % UInt64(items.count))] }
        mutating func chance(_ percent: UInt64) -> Bool { random.next() % 100 < percent }

        mutating func address() -> String {
            if chance(75) {
                return pick(["10.0.1.10", "10.0.1.1", "10.0.3.10", "10.0.3.99", "10.0.12.2", "10.0.13.3", "10.0.23.3",
                             "10.0.0.2", "10.0.0.9", "192.168.1.1", "255.255.255.255", "10.0.1.255", "0.0.0.0",
                             "224.0.0.5", "127.0.0.1"])
            }
            let octets = (0..<4).map { _ in String(random.next() % (chance(90) ? 256 : 400)) }
            return octets.joined(separator: ".")
        }

        mutating func prefix() -> String {
            if chance(50) {
                return pick(["0.0.0.0/0", "10.0.3.0/24", "10.0.23.0/24", "10.9.0.0/16", "10.0.1.0/24", "10.0.3.5/24",
                             "1.2.3.4/33", "10.0.0.0/8"])
            }
            return address() + "/" + String(random.next() % 40)
        }

        mutating func garbage() -> String {
            let alphabet: [String] = "abcxyz019./-:_!?é→\"\\".map { String($0) } + ["\u{1}", "ab", "--", "-"]
            let length = 1 + Int(random.next() % 8)
            return (0..<length).map { _ in pick(alphabet) }.joined()
        }

        mutating func word() -> String {
            switch random.next() % 12 {
            case 0, 1, 2, 3:
                let keyword = pick(keywords)
                // A prefix of a keyword half the time, sometimes in capitals.
                let cut = chance(50) ? keyword : String(keyword.prefix(1 + Int(random.next() % UInt64(keyword.count))))
                return chance(10) ? cut.uppercased() : cut
            case 4: return address()
            case 5: return prefix()
            case 6: return pick(["eth0", "eth1", "eth2", "eth9", "p1", "p2", "E"])
            case 7: return pick(["-c", "-s", "-m", "-x", "--json", "-"])
            case 8: return pick(["0", "1", "2", "3", "-1", "255", "256", "10001", "65001", "x", "200"])
            case 9: return "--json"
            default: return garbage()
            }
        }

        /// Most lines start like a real command (pings and traceroutes most often) so that the
        /// parser gets deep, not only to its first error, and commands run in simulated time.
        mutating func line() -> String {
            var words: [String] = []
            if chance(70) {
                words = pick([["ping"], ["ping"], ["ping"], ["traceroute"], ["traceroute"], ["show", "ip", "route"], ["show", "interfaces"], ["show", "arp"],
                              ["show", "mac", "address-table"], ["route", "add"], ["route", "delete"],
                              ["interface", "shutdown"], ["interface", "no", "shutdown"], ["help"]])
                switch words.first {
                case "ping", "traceroute": words.append(address())
                case "route": words.append(prefix())
                case "interface": words.append(pick(["eth0", "eth1", "eth2", "eth5"]))
                default: break
                }
                if words.first == "ping" && chance(60) { words += ["-c", pick(["1", "2", "0", "x", "3"])] }
                if words.first == "traceroute" && chance(60) { words += ["-m", pick(["1", "3", "8", "0", "256"])] }
                if words.first == "route" && chance(70) { words += ["via", address()] }
            }
            if words.isEmpty || chance(30) {
                for _ in 0..<Int(random.next() % 4) { words.append(word()) }
            }
            if words.isEmpty && chance(80) { words.append(word()) }
            let separator = chance(90) ? " " : pick(["  ", "\t", " \t "])
            return words.joined(separator: separator)
        }
    }

    /// The static triangle plus a switch with two hosts, so that every command meets a router,
    /// a host and a switch.
    private func network() -> Simulation {
        let sim = staticTriangle()
        let s1 = sim.addDevice(name: "s1", kind: .switch, interfaces: [port("p1"), port("p2")])
        let hA = sim.addDevice(name: "hA", kind: .host, interfaces: [port("eth0", "10.0.0.1/24")])
        let hB = sim.addDevice(name: "hB", kind: .host, interfaces: [port("eth0", "10.0.0.2/24")])
        sim.addLink([(s1, 0), (hA, 0)])
        sim.addLink([(s1, 1), (hB, 0)])
        return converged(sim)
    }

    /// 2,000 random lines on random devices: the processor never traps, every command either
    /// finishes at once or finishes within a bounded run (the longest the generator can ask for
    /// is a traceroute of 255 hops x 3 probes x 3 s = 2,295 s, or a ping of 255 probes 1 s apart),
    /// and every result renders: as JSON when --json was on the line, as the text otherwise.
    @Test func randomCommandsNeverCrashAndAlwaysFinish() throws {
        var sim = network()
        var generator = Generator(seed: 2024)
        // Every device, an unknown name, and the triangle's hosts and r1 more often.
        let devices = sim.devices.map(\.name) + ["nosuch", "h1", "h1", "h3", "r1"]
        let processor = CommandProcessor()
        var finishedAtOnce = 0, ranInTime = 0, succeeded = 0, probesSucceeded = 0
        for index in 0..<2_000 {
            // A fresh network every 100 lines, so that random shutdowns and routes do not leave
            // the rest of the run with nothing reachable.
            if index > 0 && index % 100 == 0 { sim = network() }
            let line = generator.line()
            let device = generator.pick(devices)
            let result: CommandResult
            switch processor.start(line, device: device, in: sim) {
            case .finished(let immediate):
                finishedAtOnce += 1
                result = immediate
                if !immediate.succeeded {
                    #expect(immediate.text.hasPrefix("% "), "\(device)> \(line)")
                }
            case .running(let pending):
                ranInTime += 1
                let outcome = sim.run(until: sim.now + .seconds(2400), maxEvents: 2_000_000) { pending.isFinished(in: sim) }
                #expect(outcome == .stopped, "\(device)> \(line) did not finish")
                guard pending.isFinished(in: sim) else { continue }
                result = pending.result(in: sim)
                if result.succeeded { probesSucceeded += 1 }
            }
            if result.succeeded { succeeded += 1 }
            // Lines with tabs are left out of this check: see
            // CommandProcessorTests.jsonErrorsForTabSeparatedLines (known issue).
            if !line.contains("\t") {
                if line.split(separator: " ").contains("--json") {
                    #expect(result.output.first == "{" || result.output.first == "[", "\(device)> \(line): \(result.output)")
                } else {
                    #expect(result.output == result.text, "\(device)> \(line)")
                }
            }
            #expect(!result.output.isEmpty)
        }
        // The generator reaches every kind of outcome.
        // Seed 2024 gives 1769 immediate results (435 successful) and 231 probes (54 successful).
        #expect(finishedAtOnce > 100 && ranInTime > 100 && probesSucceeded > 30 && succeeded > 100)
    }
}
