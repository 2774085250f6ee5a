/// The OpenAPI 3.1 description of the daemon's API, served at `GET /openapi.json`. Written by
/// hand and kept beside the routes: a test checks that every route `DaemonAPI` registers is here
/// and that the document is valid JSON.
enum DaemonOpenAPI {
    static let document = #"""
{
  "openapi": "3.1.0",
  "info": {
    "title": "netsim daemon API",
    "version": "1.0.0",
    "description": "A running netsim simulation. Served over the daemon's Unix socket (~/.netsim/NAME/daemon.sock, mode 0600) and, when started with --listen, over TCP with a bearer token. Every error is JSON: {\"error\": message, \"status\": code}. A method a path does not serve gets 405 with an Allow header."
  },
  "servers": [{"url": "http://localhost"}],
  "components": {
    "securitySchemes": {
      "bearer": {"type": "http", "scheme": "bearer", "description": "Only on the TCP listener: the token in ~/.netsim/NAME/token."}
    },
    "schemas": {
      "Error": {
        "type": "object",
        "required": ["error", "status"],
        "properties": {"error": {"type": "string"}, "status": {"type": "integer"}}
      },
      "Status": {
        "type": "object",
        "required": ["name", "pid", "topology", "topology_path", "started_at", "uptime_s", "tick_ms", "speed", "sim_ms", "events", "devices"],
        "properties": {
          "name": {"type": "string"},
          "pid": {"type": "integer"},
          "topology": {"type": "string", "description": "The topology path as given to daemon start."},
          "topology_path": {"type": "string"},
          "started_at": {"type": "number", "description": "Seconds since 1970."},
          "uptime_s": {"type": "integer"},
          "tick_ms": {"type": "number"},
          "speed": {"type": "number", "description": "Simulated seconds per wall-clock second."},
          "listen": {"type": ["string", "null"]},
          "sim_ms": {"type": "number", "description": "The simulated clock now."},
          "converged_ms": {"type": ["number", "null"]},
          "events": {"type": "integer"},
          "devices": {"type": "array", "items": {"$ref": "#/components/schemas/DeviceKind"}}
        }
      },
      "DeviceKind": {
        "type": "object",
        "required": ["name", "kind"],
        "properties": {"name": {"type": "string"}, "kind": {"type": "string", "enum": ["router", "host", "switch"]}}
      },
      "DeviceSummary": {
        "type": "object",
        "required": ["name", "kind", "interfaces"],
        "properties": {
          "name": {"type": "string"},
          "kind": {"type": "string", "enum": ["router", "host", "switch"]},
          "interfaces": {"type": "array", "items": {"type": "string"}}
        }
      },
      "DeviceDetail": {
        "type": "object",
        "required": ["name", "kind", "interfaces", "ospf_neighbors", "arp"],
        "description": "interfaces, ospf_neighbors and arp are the console's --json output of show interfaces, show ip ospf neighbor and show arp (docs/console.md); null where the device has no such table.",
        "properties": {
          "name": {"type": "string"},
          "kind": {"type": "string"},
          "router_id": {"type": ["string", "null"]},
          "interfaces": {"type": "array", "items": {"type": "object"}},
          "ospf_neighbors": {"type": ["array", "null"], "items": {"type": "object"}},
          "arp": {"type": ["array", "null"], "items": {"type": "object"}}
        }
      },
      "CommandRequest": {
        "type": "object",
        "required": ["device", "command"],
        "properties": {
          "device": {"type": "string"},
          "command": {"type": "string", "minLength": 1, "maxLength": 1000, "pattern": "\\S", "description": "Any console command (docs/console.md); abbreviations and a trailing --json work as in the console."}
        }
      },
      "CommandReply": {
        "type": "object",
        "required": ["device", "command", "succeeded", "text", "json", "wants_json", "output", "started_ms", "finished_ms"],
        "properties": {
          "device": {"type": "string"},
          "command": {"type": "string"},
          "succeeded": {"type": "boolean", "description": "False when the console rejected the command; text then starts with '% ' and json is {\"error\": ...}."},
          "text": {"type": "string"},
          "json": {"description": "The same result as JSON (the shape of the command's --json output)."},
          "wants_json": {"type": "boolean", "description": "The command line itself ended in --json."},
          "output": {"type": "string", "description": "What the console prints: json rendered compactly when wants_json, text otherwise."},
          "started_ms": {"type": "number"},
          "finished_ms": {"type": "number", "description": "Later than started_ms for probes (ping, traceroute), which run in simulated time."}
        }
      },
      "CaptureRequest": {
        "type": "object",
        "required": ["file"],
        "properties": {
          "file": {"type": "string", "pattern": "^/", "description": "Where the daemon writes the capture: an absolute path (the daemon does not know the client's working directory). The file appears, complete, when the capture stops."},
          "format": {"type": ["string", "null"], "enum": ["pcapng", "pcap", null], "default": "pcapng", "description": "pcap holds exactly one interface."},
          "filter": {"type": ["string", "null"], "description": "--pcap-filter terms (docs/capture.md): device:NAME, DEVICE:IFACE, link:DEVICE:IFACE, proto:NAME; comma-separated. Null or absent: every cabled interface, every frame."}
        }
      },
      "Capture": {
        "type": "object",
        "required": ["id", "state", "file", "format", "filter", "started_ms", "stopped_ms", "frames", "bytes", "interfaces", "error"],
        "properties": {
          "id": {"type": "integer", "minimum": 1},
          "state": {"type": "string", "enum": ["running", "written", "failed"], "description": "written: stopped and the file is in place; failed: stopped, a write failed and no file was written (error says why)."},
          "file": {"type": "string"},
          "format": {"type": "string", "enum": ["pcapng", "pcap"]},
          "filter": {"type": ["string", "null"]},
          "started_ms": {"type": "number", "description": "Simulated time the capture started."},
          "stopped_ms": {"type": ["number", "null"]},
          "frames": {"type": "integer", "description": "Frames captured so far (each interface that saw a frame counts it)."},
          "bytes": {"type": "integer", "description": "The bytes of those frames, without the file's own framing."},
          "interfaces": {"type": "array", "description": "Every captured interface in the file's order.", "items": {
            "type": "object",
            "required": ["name", "sent", "received", "bytes"],
            "properties": {"name": {"type": "string"}, "sent": {"type": "integer"}, "received": {"type": "integer"}, "bytes": {"type": "integer"}}
          }},
          "error": {"type": ["string", "null"]}
        }
      },
      "CaptureError": {
        "type": "object",
        "required": ["error", "status", "field", "problems"],
        "description": "A capture the daemon would not start: the request member at fault and every problem with it, in the words netsim run --pcap uses.",
        "properties": {
          "error": {"type": "string"},
          "status": {"type": "integer"},
          "field": {"type": "string", "enum": ["file", "format", "filter"]},
          "problems": {"type": "array", "items": {"type": "string"}}
        }
      },
      "Event": {
        "type": "object",
        "required": ["seq", "time", "sim_ms", "category", "device", "message"],
        "properties": {
          "seq": {"type": "integer"},
          "time": {"type": "string", "format": "date-time"},
          "sim_ms": {"type": "number"},
          "category": {"type": "string", "enum": ["engine", "interface", "route", "ospf", "isis", "command", "capture", "daemon"]},
          "device": {"type": ["string", "null"]},
          "message": {"type": "string"},
          "details": {"type": "object", "description": "route: change, prefix, route, previous. command: command, succeeded, started_ms."}
        }
      }
    },
    "responses": {
      "Error": {"description": "An error", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
    }
  },
  "paths": {
    "/openapi.json": {
      "get": {
        "summary": "This document",
        "operationId": "openAPIDocument",
        "responses": {"200": {"description": "The OpenAPI document", "content": {"application/json": {}}}}
      }
    },
    "/v1/status": {
      "get": {
        "summary": "The daemon, its clock and its devices",
        "operationId": "status",
        "responses": {
          "200": {"description": "Status", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Status"}}}},
          "401": {"$ref": "#/components/responses/Error"}
        }
      }
    },
    "/v1/devices": {
      "get": {
        "summary": "Every device with its kind and interface names",
        "operationId": "devices",
        "responses": {
          "200": {"description": "Devices", "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/DeviceSummary"}}}}},
          "401": {"$ref": "#/components/responses/Error"}
        }
      }
    },
    "/v1/devices/{device}": {
      "get": {
        "summary": "One device: interfaces, OSPF neighbors, ARP entries",
        "operationId": "device",
        "parameters": [{"name": "device", "in": "path", "required": true, "schema": {"type": "string"}}],
        "responses": {
          "200": {"description": "The device", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/DeviceDetail"}}}},
          "401": {"$ref": "#/components/responses/Error"},
          "404": {"$ref": "#/components/responses/Error"}
        }
      }
    },
    "/v1/topology": {
      "get": {
        "summary": "Devices, interfaces (with state) and links (with counters) as the daemon runs them",
        "operationId": "topology",
        "responses": {
          "200": {"description": "The topology", "content": {"application/json": {"schema": {"type": "object"}}}},
          "401": {"$ref": "#/components/responses/Error"}
        }
      }
    },
    "/v1/commands": {
      "post": {
        "summary": "Run a console command on a device",
        "description": "Commands run one at a time against the live simulation. State changes (interface shutdown, route add) take effect at once and the protocols react in simulated real time. ping and traceroute answer when they finish in simulated time.",
        "operationId": "execute",
        "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/CommandRequest"}}}},
        "responses": {
          "200": {"description": "The command ran (see succeeded)", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/CommandReply"}}}},
          "400": {"$ref": "#/components/responses/Error"},
          "401": {"$ref": "#/components/responses/Error"},
          "404": {"$ref": "#/components/responses/Error"},
          "413": {"$ref": "#/components/responses/Error"}
        }
      }
    },
    "/v1/captures": {
      "post": {
        "summary": "Start a packet capture",
        "description": "The daemon writes the frames it carries from now on with the same filters, formats and bytes as netsim run --pcap, timestamped in simulated time. The file is written to a temporary file beside the destination and renamed into place when the capture stops (or the daemon does).",
        "operationId": "startCapture",
        "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/CaptureRequest"}}}},
        "responses": {
          "201": {"description": "The capture runs", "headers": {"Location": {"schema": {"type": "string"}}}, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Capture"}}}},
          "400": {"description": "Malformed body (Error), or a filter, format or file the daemon rejects (CaptureError)", "content": {"application/json": {"schema": {"oneOf": [{"$ref": "#/components/schemas/CaptureError"}, {"$ref": "#/components/schemas/Error"}]}}}},
          "401": {"$ref": "#/components/responses/Error"},
          "409": {"$ref": "#/components/responses/Error"},
          "413": {"$ref": "#/components/responses/Error"}
        }
      },
      "get": {
        "summary": "The running captures, by ID, with what each has captured so far",
        "operationId": "captures",
        "responses": {
          "200": {"description": "Captures", "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/Capture"}}}}},
          "401": {"$ref": "#/components/responses/Error"}
        }
      },
      "delete": {
        "summary": "Stop every running capture",
        "operationId": "stopAllCaptures",
        "responses": {
          "200": {"description": "The stopped captures", "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/Capture"}}}}},
          "401": {"$ref": "#/components/responses/Error"}
        }
      }
    },
    "/v1/captures/{id}": {
      "get": {
        "summary": "One running capture",
        "operationId": "capture",
        "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}],
        "responses": {
          "200": {"description": "The capture", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Capture"}}}},
          "401": {"$ref": "#/components/responses/Error"},
          "404": {"$ref": "#/components/responses/Error"}
        }
      },
      "delete": {
        "summary": "Stop a capture and put its file in place",
        "operationId": "stopCapture",
        "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}],
        "responses": {
          "200": {"description": "What the capture holds (state written), or why it could not be written (state failed)", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Capture"}}}},
          "401": {"$ref": "#/components/responses/Error"},
          "404": {"$ref": "#/components/responses/Error"}
        }
      }
    },
    "/v1/events": {
      "get": {
        "summary": "Server-sent events: every event of the daemon log as it happens",
        "description": "Each event is 'id: SEQ' and 'data: ' followed by an Event object on one line. Lines starting with ':' are keep-alive comments. The stream ends when the daemon stops.",
        "operationId": "events",
        "parameters": [{"name": "history", "in": "query", "required": false, "description": "Send the last N events first (0-1000).", "schema": {"type": "integer", "minimum": 0, "maximum": 1000, "default": 0}}],
        "responses": {
          "200": {"description": "The event stream", "content": {"text/event-stream": {"schema": {"type": "string"}}}},
          "400": {"$ref": "#/components/responses/Error"},
          "401": {"$ref": "#/components/responses/Error"}
        }
      }
    }
  },
  "security": [{}, {"bearer": []}]
}
"""#
}
