// swift-tools-version:6.0
import PackageDescription

// Imports point down this list only (see ARCHITECTURE.md):
// Wire ← Routing ← OSPF, ISIS ← Engine ← Topology / Commands / Capture ← Generators ← Bench ← netsim executable.
let package = Package(
    name: "netsim",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "netsim", targets: ["netsim"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        .target(name: "NetSimWire"),
        .target(name: "NetSimRouting", dependencies: ["NetSimWire"]),
        .target(name: "NetSimOSPF", dependencies: ["NetSimWire", "NetSimRouting"]),
        .target(name: "NetSimISIS", dependencies: ["NetSimWire", "NetSimRouting"]),
        .target(name: "NetSimEngine", dependencies: ["NetSimWire", "NetSimRouting", "NetSimOSPF", "NetSimISIS"]),
        .target(name: "NetSimTopology", dependencies: [
            "NetSimWire", "NetSimRouting", "NetSimOSPF", "NetSimISIS", "NetSimEngine",
            .product(name: "Yams", package: "Yams"),
        ]),
        .target(name: "NetSimCommands", dependencies: [
            "NetSimWire", "NetSimRouting", "NetSimOSPF", "NetSimISIS", "NetSimEngine",
        ]),
        .target(name: "NetSimCapture", dependencies: ["NetSimWire", "NetSimRouting", "NetSimEngine"]),
        .target(name: "NetSimGenerators", dependencies: [
            "NetSimWire", "NetSimOSPF", "NetSimISIS", "NetSimEngine", "NetSimTopology", "NetSimCommands",
        ]),
        .target(name: "NetSimBench", dependencies: [
            "NetSimWire", "NetSimRouting", "NetSimOSPF", "NetSimISIS", "NetSimEngine", "NetSimTopology",
            "NetSimCommands", "NetSimGenerators",
        ]),
        .executableTarget(name: "netsim", dependencies: [
            "NetSimWire", "NetSimEngine", "NetSimTopology", "NetSimCommands", "NetSimCapture", "NetSimGenerators",
            "NetSimBench",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .testTarget(name: "NetSimWireTests", dependencies: ["NetSimWire"]),
        .testTarget(name: "NetSimRoutingTests", dependencies: ["NetSimRouting"]),
        .testTarget(name: "NetSimOSPFTests", dependencies: ["NetSimOSPF"]),
        .testTarget(name: "NetSimISISTests", dependencies: ["NetSimISIS", "NetSimRouting"]),
        .testTarget(name: "NetSimEngineTests", dependencies: ["NetSimEngine", "NetSimOSPF"]),
        .testTarget(name: "NetSimTopologyTests", dependencies: ["NetSimTopology"]),
        .testTarget(name: "NetSimCaptureTests", dependencies: ["NetSimCapture", "NetSimTopology"]),
        .testTarget(name: "NetSimGeneratorsTests", dependencies: ["NetSimGenerators", "NetSimTopology"]),
        .testTarget(name: "NetSimBenchTests", dependencies: ["NetSimBench", "NetSimGenerators", "NetSimTopology"]),
        .testTarget(name: "NetSimCommandsTests", dependencies: ["NetSimCommands", "NetSimTopology", "NetSimOSPF"]),
        // Runs the built `netsim` binary; Golden/ holds expected outputs read at test time.
        .testTarget(name: "NetSimEndToEndTests", dependencies: ["NetSimTopology", "NetSimCapture"], exclude: ["Golden"]),
    ],
    swiftLanguageModes: [.v6]
)
