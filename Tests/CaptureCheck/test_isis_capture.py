"""Unit tests of the IS-IS capture reader (no tshark, no netsim needed):

    python3 -m unittest discover -s Tests/CaptureCheck -p 'test_*.py'
"""

import os
import struct
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import isis_capture  # noqa: E402

# A level-1 LSP as FRR 8.4's isisd sent it (0000.0000.0003.00-00, sequence 6, checksum 0x4594).
FRR_LSP = bytes.fromhex(
    "831b010012010000005b04ab00000000000300000000000645940b8101cc01040349000189027233f205c000020300"
    "8604c0000203160b0000000000010200000a008404c000020387110000000a180a0a000000000020c0000203")


def frame(pdu, destination="0180c2000014"):
    """An 802.3 frame with LLC DSAP/SSAP 0xFE, control 0x03 around an IS-IS PDU, padded to 60."""
    payload = isis_capture.LLC_ISIS + pdu
    data = bytes.fromhex(destination) + bytes.fromhex("020000000001") + struct.pack(">H", len(payload)) + payload
    return data + bytes(max(0, 60 - len(data)))


def pcapng(frames):
    """A little-endian pcapng file: section header, one Ethernet interface, the frames."""
    def block(kind, body):
        body += bytes(-len(body) % 4)
        length = len(body) + 12
        return struct.pack("<II", kind, length) + body + struct.pack("<I", length)
    out = block(isis_capture.SECTION_HEADER, struct.pack("<IHHq", isis_capture.BYTE_ORDER_MAGIC, 1, 0, -1))
    out += block(1, struct.pack("<HHI", 1, 0, 0))
    for number, data in enumerate(frames):
        out += block(isis_capture.ENHANCED_PACKET, struct.pack("<IIIII", 0, 0, number, len(data), len(data)) + data)
    return out


def with_sequence(pdu, sequence, lifetime=None):
    """The LSP with another sequence number (checksum left as it was) and lifetime."""
    pdu = bytearray(pdu)
    struct.pack_into(">I", pdu, 20, sequence)
    if lifetime is not None:
        struct.pack_into(">H", pdu, 10, lifetime)
    return bytes(pdu)


def with_checksum(pdu):
    """The LSP with a correct ISO 10589 checksum, computed as an originator does."""
    pdu = bytearray(pdu)
    pdu[24:26] = b"\0\0"
    region = pdu[12:struct.unpack_from(">H", pdu, 8)[0]]
    c0 = c1 = 0
    for byte in region:
        c0 = (c0 + byte) % 255
        c1 = (c1 + c0) % 255
    position = 24 - 12 + 1          # 1-based position of the first checksum byte in the region
    x = ((len(region) - position) * c0 - c1) % 255 or 255
    y = (510 - c0 - x) % 255 or 255
    pdu[24], pdu[25] = x, y
    return bytes(pdu)


class ISISCaptureTests(unittest.TestCase):
    def read(self, frames):
        handle = tempfile.NamedTemporaryFile(suffix=".pcapng", delete=False)
        handle.write(pcapng(frames))
        handle.close()
        try:
            return isis_capture.read(handle.name)
        finally:
            os.unlink(handle.name)

    def test_frr_lsp_checksum_verifies(self):
        counts, lsps = self.read([frame(FRR_LSP)])
        self.assertEqual(counts, {"L1 LSP": 1})
        lsp = lsps[0]
        self.assertEqual((lsp.level, lsp.lsp_id, lsp.sequence, lsp.checksum, lsp.lifetime),
                         (1, "0000.0000.0003.00-00", 6, 0x4594, 1195))
        self.assertTrue(lsp.checksum_valid)
        self.assertIsNone(lsp.problem())

    def test_any_changed_byte_is_caught(self):
        for offset in (12, 20, 24, 30, len(FRR_LSP) - 1):
            pdu = bytearray(FRR_LSP)
            pdu[offset] ^= 0x01
            _, lsps = self.read([frame(bytes(pdu))])
            self.assertIn("is wrong", lsps[0].problem(), f"byte {offset}")

    def test_remaining_lifetime_is_not_covered(self):
        _, lsps = self.read([frame(with_sequence(FRR_LSP, 6, lifetime=17))])
        self.assertIsNone(lsps[0].problem())

    def test_checksum_zero_only_on_purges(self):
        zero = bytearray(FRR_LSP)
        zero[24:26] = b"\0\0"
        _, lsps = self.read([frame(bytes(zero)), frame(with_sequence(bytes(zero), 6, lifetime=0))])
        self.assertIn("checksum 0", lsps[0].problem())
        self.assertIsNone(lsps[1].problem())

    def test_newest_instance_per_lsp(self):
        newer = with_checksum(with_sequence(FRR_LSP, 9))
        purge = with_sequence(FRR_LSP, 10, lifetime=0)
        level2 = bytearray(with_checksum(with_sequence(FRR_LSP, 3)))
        level2[4] = 20
        _, lsps = self.read([frame(newer), frame(FRR_LSP), frame(bytes(level2), "0180c2000015")])
        self.assertTrue(all(lsp.problem() is None for lsp in lsps))
        self.assertEqual(isis_capture.newest(lsps), {(1, "0000.0000.0003.00-00"): 9, (2, "0000.0000.0003.00-00"): 3})
        _, lsps = self.read([frame(newer), frame(purge)])
        self.assertEqual(isis_capture.newest(lsps), {})

    def test_other_frames_are_ignored(self):
        ipv4 = bytes(12) + b"\x08\x00" + bytes(46)
        counts, lsps = self.read([ipv4, frame(bytes.fromhex("831b01000f010000") + bytes(20))])
        self.assertEqual((counts, lsps), ({"L1 LAN IIH": 1}, []))

    def test_truncated_lsp_is_an_error(self):
        with self.assertRaises(isis_capture.CaptureError):
            self.read([frame(FRR_LSP[:40])])


class DatabaseStateTests(unittest.TestCase):
    def test_netsim_databases_by_system_id(self):
        sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(HERE)), "Tests", "FRRDifferential"))
        import isis_model
        import topology
        import tshark_check
        path = os.path.join(os.path.dirname(HERE), "FRRDifferential", "topologies", "isis-multiarea.yaml")
        model = isis_model.ISISModel(topology.load(path))
        databases = [[{"level": 1, "lsp_id": "a1.00-00", "sequence": "0x00000003"},
                      {"level": "level-2", "lsp_id": "0000.0000.0030.00-00", "sequence": 4},
                      {"level": 2, "lsp_id": "0000.0000.0030.01-00", "sequence": 2, "lifetime": 0}]]
        self.assertEqual(tshark_check.isis_database_state(databases, model),
                         {(1, "0000.0000.0011.00-00"): 3, (2, "0000.0000.0030.00-00"): 4})
        with self.assertRaises(RuntimeError):
            tshark_check.isis_database_state([{"lsps": []}], model)


if __name__ == "__main__":
    unittest.main()
