"""IS-IS PDUs read straight out of a pcapng capture, for checks Wireshark does not make loudly:
the ISO 10589 checksum of every LSP (Wireshark shows a wrong one only in verbose text) and the
newest LSP of each ID on the wire.

Frames are 802.3 with an LLC header DSAP 0xFE, SSAP 0xFE, control 0x03; the IS-IS PDU follows.
"""

import struct

SECTION_HEADER = 0x0A0D0D0A
ENHANCED_PACKET = 6
BYTE_ORDER_MAGIC = 0x1A2B3C4D
LLC_ISIS = b"\xfe\xfe\x03"
LSP_TYPES = {18: 1, 20: 2}   # PDU type -> level
PDU_NAMES = {15: "L1 LAN IIH", 16: "L2 LAN IIH", 17: "P2P IIH", 18: "L1 LSP", 20: "L2 LSP",
             24: "L1 CSNP", 25: "L2 CSNP", 26: "L1 PSNP", 27: "L2 PSNP"}


class CaptureError(Exception):
    pass


def pcapng_frames(data):
    """The frames of a pcapng file as (number from 1, bytes), in file order."""
    frames, offset, endian = [], 0, "<"
    while offset + 12 <= len(data):
        block_type = struct.unpack_from(endian + "I", data, offset)[0]
        if block_type == SECTION_HEADER:
            magic = data[offset + 8:offset + 12]
            endian = "<" if struct.unpack("<I", magic)[0] == BYTE_ORDER_MAGIC else ">"
        length = struct.unpack_from(endian + "I", data, offset + 4)[0]
        if length < 12 or length % 4 or offset + length > len(data):
            raise CaptureError(f"pcapng block at byte {offset} has a bad length {length}")
        if block_type == ENHANCED_PACKET:
            captured = struct.unpack_from(endian + "I", data, offset + 20)[0]
            frames.append((len(frames) + 1, data[offset + 28:offset + 28 + captured]))
        offset += length
    return frames


def isis_pdu(frame):
    """The IS-IS PDU inside an 802.3/LLC frame, or None for any other frame."""
    if len(frame) < 17 + 8:
        return None
    length_or_type = struct.unpack_from(">H", frame, 12)[0]
    if length_or_type > 1500 or frame[14:17] != LLC_ISIS or frame[17] != 0x83:
        return None
    return frame[17:14 + length_or_type]


def fletcher_valid(region):
    """ISO 8473 / ISO 10589 Fletcher checksum: over the covered bytes, checksum field included,
    both running sums are 0 modulo 255 when the checksum is right."""
    c0 = c1 = 0
    for byte in region:
        c0 = (c0 + byte) % 255
        c1 = (c1 + c0) % 255
    return c0 == 0 and c1 == 0


def format_lsp_id(raw):
    system = raw[:6].hex()
    return f"{system[0:4]}.{system[4:8]}.{system[8:12]}.{raw[6]:02x}-{raw[7]:02x}"


class LSP:
    """The header of one LSP seen on the wire."""

    def __init__(self, number, pdu):
        self.number = number
        self.level = LSP_TYPES[pdu[4] & 0x1F]
        if len(pdu) < 27:
            raise CaptureError(f"frame #{number}: LSP shorter than its header")
        self.pdu_length, self.lifetime = struct.unpack_from(">HH", pdu, 8)
        if self.pdu_length > len(pdu) or self.pdu_length < 27:
            raise CaptureError(f"frame #{number}: LSP PDU length {self.pdu_length}, {len(pdu)} bytes captured")
        self.lsp_id = format_lsp_id(pdu[12:20])
        self.sequence, self.checksum = struct.unpack_from(">IH", pdu, 20)
        # Covered: LSP ID to the end of the PDU (everything after Remaining Lifetime).
        self.checksum_valid = fletcher_valid(pdu[12:self.pdu_length])

    @property
    def purge(self):
        return self.lifetime == 0

    def problem(self):
        """Why this LSP's checksum is wrong (None when right). A purge may carry checksum 0."""
        if self.purge and self.checksum == 0:
            return None
        if self.checksum == 0:
            return f"frame #{self.number}: {self.lsp_id} (L{self.level}) has checksum 0 and lifetime {self.lifetime}"
        if not self.checksum_valid:
            return f"frame #{self.number}: {self.lsp_id} (L{self.level}) checksum 0x{self.checksum:04x} is wrong"
        return None


def read(path):
    """(counts of PDU names, [LSP]) of every IS-IS PDU in a pcapng file."""
    with open(path, "rb") as handle:
        data = handle.read()
    counts, lsps = {}, []
    for number, frame in pcapng_frames(data):
        pdu = isis_pdu(frame)
        if pdu is None or len(pdu) < 8:
            continue
        kind = pdu[4] & 0x1F
        name = PDU_NAMES.get(kind, f"type {kind}")
        counts[name] = counts.get(name, 0) + 1
        if kind in LSP_TYPES:
            lsps.append(LSP(number, pdu))
    return counts, lsps


def newest(lsps):
    """{(level, LSP ID): sequence number} of the newest instance of each LSP on the wire, LSPs
    whose newest instance is a purge left out."""
    latest = {}
    for lsp in lsps:
        key = (lsp.level, lsp.lsp_id)
        if key not in latest or lsp.sequence >= latest[key].sequence:
            latest[key] = lsp
    return {key: lsp.sequence for key, lsp in latest.items() if not lsp.purge}
