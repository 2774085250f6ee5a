import NetSimWire
