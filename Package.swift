// swift-tools-version:6.0
import PackageDescription

// Imports point down this list only (see ARCHITECTURE.md):
// Wire ← Routing ← OSPF, ISIS, BGP ← Engine ← Topology / Commands / Capture ← Generators ← Bench
//   ← DaemonClient ← Daemon ← netsim executable;
// Terminal (no netsim imports) ← Interactive (with Commands and DaemonClient) ← netsim executable.
let package = Package(
    name: "netsim",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "netsim", targets: ["netsim"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        // The daemon's HTTP server (ADR 0010).
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        .target(name: "NetSimWire"),
        .target(name: "NetSimRouting", dependencies: ["NetSimWire"]),
        .target(name: "NetSimOSPF", dependencies: ["NetSimWire", "NetSimRouting"]),
        .target(name: "NetSimISIS", dependencies: ["NetSimWire", "NetSimRouting"]),
        .target(name: "NetSimBGP", dependencies: ["NetSimWire", "NetSimRouting"]),
        .target(name: "NetSimEngine", dependencies: [
            "NetSimWire", "NetSimRouting", "NetSimOSPF", "NetSimISIS", "NetSimBGP",
        ]),
        .target(name: "NetSimTopology", dependencies: [
            "NetSimWire", "NetSimRouting", "NetSimOSPF", "NetSimISIS", "NetSimBGP", "NetSimEngine",
            .product(name: "Yams", package: "Yams"),
        ]),
        .target(name: "NetSimCommands", dependencies: [
            "NetSimWire", "NetSimRouting", "NetSimOSPF", "NetSimISIS", "NetSimBGP", "NetSimEngine",
        ]),
        .target(name: "NetSimCapture", dependencies: ["NetSimWire", "NetSimRouting", "NetSimEngine"]),
        .target(name: "NetSimGenerators", dependencies: [
            "NetSimWire", "NetSimOSPF", "NetSimISIS", "NetSimEngine", "NetSimTopology", "NetSimCommands",
        ]),
        .target(name: "NetSimBench", dependencies: [
            "NetSimWire", "NetSimRouting", "NetSimOSPF", "NetSimISIS", "NetSimBGP", "NetSimEngine", "NetSimTopology",
            "NetSimCommands", "NetSimGenerators",
        ]),
        // Talks to a running daemon: no server code, no simulation (used by exec, attach, the TUI).
        .target(name: "NetSimDaemonClient", dependencies: ["NetSimRouting", "NetSimCommands"]),
        .target(name: "NetSimDaemon", dependencies: [
            "NetSimWire", "NetSimRouting", "NetSimEngine", "NetSimTopology", "NetSimCommands", "NetSimCapture",
            "NetSimDaemonClient",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        .target(name: "NetSimTerminal"),
        .target(name: "NetSimInteractive", dependencies: [
            "NetSimTerminal", "NetSimCommands", "NetSimEngine", "NetSimRouting", "NetSimDaemonClient",
        ]),
        .executableTarget(name: "netsim", dependencies: [
            "NetSimWire", "NetSimEngine", "NetSimTopology", "NetSimCommands", "NetSimCapture", "NetSimGenerators",
            "NetSimBench", "NetSimDaemonClient", "NetSimDaemon", "NetSimTerminal", "NetSimInteractive",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .testTarget(name: "NetSimWireTests", dependencies: ["NetSimWire"]),
        .testTarget(name: "NetSimRoutingTests", dependencies: ["NetSimRouting"]),
        .testTarget(name: "NetSimOSPFTests", dependencies: ["NetSimOSPF"]),
        .testTarget(name: "NetSimISISTests", dependencies: ["NetSimISIS", "NetSimRouting"]),
        .testTarget(name: "NetSimBGPTests", dependencies: ["NetSimBGP", "NetSimRouting"]),
        .testTarget(name: "NetSimEngineTests", dependencies: ["NetSimEngine", "NetSimOSPF"]),
        .testTarget(name: "NetSimTopologyTests", dependencies: ["NetSimTopology"]),
        .testTarget(name: "NetSimCaptureTests", dependencies: ["NetSimCapture", "NetSimTopology"]),
        .testTarget(name: "NetSimGeneratorsTests", dependencies: ["NetSimGenerators", "NetSimTopology"]),
        .testTarget(name: "NetSimBenchTests", dependencies: ["NetSimBench", "NetSimGenerators", "NetSimTopology"]),
        .testTarget(name: "NetSimTerminalTests", dependencies: ["NetSimTerminal", "NetSimEngine"]),
        // Test support: a pseudo-terminal that runs netsim, and a reader of what it drew.
        .target(name: "NetSimTestTerminal", path: "Tests/NetSimTestTerminal"),
        .testTarget(name: "NetSimInteractiveTests", dependencies: [
            "NetSimInteractive", "NetSimTerminal", "NetSimCommands", "NetSimTopology", "NetSimEngine", "NetSimRouting",
            "NetSimDaemonClient", "NetSimTestTerminal",
        ]),
        .testTarget(name: "NetSimCommandsTests", dependencies: ["NetSimCommands", "NetSimTopology", "NetSimOSPF"]),
        // Runs the built `netsim` binary; Golden/ holds expected outputs read at test time.
        .testTarget(name: "NetSimDaemonTests", dependencies: [
            "NetSimDaemon", "NetSimDaemonClient", "NetSimCommands", "NetSimTopology", "NetSimEngine", "NetSimRouting",
            "NetSimCapture", "NetSimWire",
        ]),
        .testTarget(name: "NetSimEndToEndTests", dependencies: [
            "NetSimTopology", "NetSimCapture", "NetSimDaemonClient", "NetSimTestTerminal",
        ],
                    exclude: ["Golden"]),
    ],
    swiftLanguageModes: [.v6]
)
