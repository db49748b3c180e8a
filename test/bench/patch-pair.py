#!/usr/bin/env python3
"""Makes two versions of a large tar, as two releases of a source tree differ:
the input for the patch-from benchmark (test/bench/patch.sh).

    test/bench/patch-pair.py SOURCE.tar OLD.tar NEW.tar [--seed N]

OLD.tar holds every complete member of SOURCE.tar (a truncated last member,
as in the first 200 MB of a kernel tar, is left out).  NEW.tar is OLD.tar
after, chosen at random (reproducibly, from --seed):

- 3% of the files edited: a few lines changed, inserted (copied from
  elsewhere in the file, then changed) or deleted, and a new mtime;
- 0.5% of the files deleted;
- 0.3% new files, made of lines of other files, next to a random member;
- 1% of the files moved: renamed into another directory and written at its
  place in the archive.

Both tars are written by Python's tarfile in GNU format, so unchanged
members are byte-identical in both, as in two tars made by the same tool.
"""
import argparse
import copy
import io
import random
import sys
import tarfile


def read_members(path):
    """(TarInfo, bytes or None) of every complete member, in order."""
    members = []
    with tarfile.open(path) as source:
        try:
            for info in source:
                data = source.extractfile(info).read() if info.isfile() else None
                if data is not None and len(data) != info.size:
                    break
                members.append((info, data))
        except (tarfile.ReadError, EOFError, OSError):
            pass  # the truncated last member
    return members


def edit_lines(rng, data, edits):
    lines = data.split(b"\n")
    for _ in range(edits):
        if len(lines) < 2:
            break
        at = rng.randrange(len(lines))
        kind = rng.random()
        if kind < 0.5:  # a changed line
            lines[at] = lines[at] + b" /* v2: %d */" % rng.randrange(1 << 30)
        elif kind < 0.8:  # a few lines copied from elsewhere, then changed
            start = rng.randrange(len(lines))
            block = [line.replace(b"int", b"long") for line in lines[start:start + rng.randint(1, 10)]]
            lines[at:at] = block
        else:  # deleted lines
            del lines[at:at + rng.randint(1, 5)]
    return b"\n".join(lines)


def write_tar(path, members):
    with tarfile.open(path, "w", format=tarfile.GNU_FORMAT) as out:
        for info, data in members:
            out.addfile(info, io.BytesIO(data) if data is not None else None)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source")
    parser.add_argument("old")
    parser.add_argument("new")
    parser.add_argument("--seed", type=int, default=15)
    args = parser.parse_args()
    rng = random.Random(args.seed)

    members = read_members(args.source)
    write_tar(args.old, members)

    files = [i for i, (info, _) in enumerate(members) if info.isfile()]
    directories = [info.name for info, _ in members if info.isdir()]
    edited = set(rng.sample(files, len(files) * 3 // 100))
    deleted = set(rng.sample(files, len(files) * 5 // 1000))
    moved = set(rng.sample(files, len(files) // 100)) - deleted
    added = {}  # index -> new members written after it
    for n in range(len(files) * 3 // 1000):
        donors = rng.sample(files, 3)
        content = b"\n".join(edit_lines(rng, members[d][1], 2)[:4000] for d in donors)
        info = tarfile.TarInfo(members[donors[0]][0].name + ".new%d" % n)
        info.size = len(content)
        info.mtime = members[donors[0]][0].mtime + 86400
        info.mode = 0o644
        added.setdefault(rng.randrange(len(members)), []).append((info, content))

    moved_to = {}  # directory index -> moved members written after it
    directory_index = {info.name.rstrip("/"): i for i, (info, _) in enumerate(members) if info.isdir()}
    new_members = []
    for i in moved:
        info, data = members[i]
        target = rng.choice(directories).rstrip("/")
        renamed = tarfile.TarInfo(target + "/" + info.name.rsplit("/", 1)[-1] + ".moved")
        renamed.size, renamed.mtime, renamed.mode = info.size, info.mtime, info.mode
        renamed.uid, renamed.gid, renamed.uname, renamed.gname = info.uid, info.gid, info.uname, info.gname
        moved_to.setdefault(directory_index[target], []).append((renamed, data))
    for i, (info, data) in enumerate(members):
        if i not in deleted and i not in moved:
            if i in edited:
                data = edit_lines(rng, data, rng.randint(1, 6))
                info = copy.copy(info)
                info.size, info.mtime = len(data), info.mtime + 86400
            new_members.append((info, data))
        new_members.extend(moved_to.get(i, []))
        new_members.extend(added.get(i, []))
    write_tar(args.new, new_members)
    print("patch-pair: %d members; %d edited, %d deleted, %d moved, %d added"
          % (len(members), len(edited - deleted - moved), len(deleted), len(moved),
             sum(len(v) for v in added.values())), file=sys.stderr)


if __name__ == "__main__":
    main()
