"""Mutations of real resumes for the fuzzers: ``tests/test_fuzz.py`` (a budget in CI) and
``bench/fuzz.py`` (the full run). Seeded, so that a failure replays; the mutated copies
are written to temporary folders only, never into the project.
"""

from __future__ import annotations

import io
import random
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path

Mutation = Callable[[bytes, random.Random], bytes]


def mutate_bytes(data: bytes, rng: random.Random) -> bytes:
    """One to four random edits: flips, overwrites, cuts, insertions, copies, numbers."""
    buffer = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        if not buffer:
            buffer.extend(rng.randbytes(8))
        choice = rng.random()
        at = rng.randrange(len(buffer))
        if choice < 0.25:
            for _ in range(rng.randint(1, 8)):
                spot = rng.randrange(len(buffer))
                buffer[spot] ^= 1 << rng.randrange(8)
        elif choice < 0.4:
            chunk = rng.choice([b"\x00", b"\xff", b"0", b"9999999999", b"-1", b"<<", b">>", b"obj"])
            buffer[at : at + len(chunk)] = chunk
        elif choice < 0.5:
            del buffer[at:]
        elif choice < 0.65:
            buffer[at:at] = rng.randbytes(rng.randint(1, 64))
        elif choice < 0.8:
            width = rng.randint(1, 256)
            source = rng.randrange(len(buffer))
            buffer[at:at] = buffer[source : source + width]
        else:
            # A number the parser trusts: an offset, a length, an object number, a count.
            digits = [
                i
                for i in range(max(0, at - 200), min(len(buffer), at + 200))
                if 48 <= buffer[i] <= 57
            ]
            if digits:
                spot = rng.choice(digits)
                buffer[spot : spot + 1] = str(
                    rng.choice([0, 1, 7, 255, 65536, 2**31, 10**12])
                ).encode()
    return bytes(buffer)


def mutate_docx(data: bytes, rng: random.Random) -> bytes:
    """Mutate inside a member (mostly the XML) and zip it again, so that the damage
    reaches python-docx and lxml instead of stopping at the zip checksum."""
    if rng.random() < 0.2:
        return mutate_bytes(data, rng)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = [(info, archive.read(info)) for info in archive.infolist()]
    xml = [i for i, (info, _) in enumerate(members) if info.filename.endswith((".xml", ".rels"))]
    target = rng.choice(xml) if xml and rng.random() < 0.9 else rng.randrange(len(members))
    info, content = members[target]
    members[target] = (info, mutate_bytes(content, rng))
    if rng.random() < 0.1:
        del members[rng.randrange(len(members))]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for info, content in members:
            archive.writestr(info.filename, content)
    return out.getvalue()


def mutation_for(path: Path) -> Mutation:
    """The mutation of a seed file: DOCX inside its members, anything else as bytes."""
    return mutate_docx if path.suffix.lower() == ".docx" else mutate_bytes


def write_mutants(seeds: Sequence[Path], count: int, folder: Path, seed: int) -> list[Path]:
    """``count`` mutated copies of ``seeds`` (taken in turn) in ``folder``, named after
    their number and their seed's ending; the same arguments give the same files."""
    rng = random.Random(seed)
    originals = [(path.suffix.lower(), path.read_bytes(), mutation_for(path)) for path in seeds]
    written = []
    for number in range(count):
        suffix, original, mutate = originals[number % len(originals)]
        path = folder / f"mutant-{number:05d}{suffix}"
        path.write_bytes(mutate(original, rng))
        written.append(path)
    return written
