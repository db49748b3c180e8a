#!/usr/bin/env python3
# Writes python_chain.zst (the frames of a content-only dictionary chain,
# concatenated) and python_chain.last (the content of the last link), made with
# python-zstandard's documented recipe (ZstdDecompressor.decompress_content_dict_chain).
# test/batch.cpp checks zstdio decodes them.  Run here: python3 make_python_chain.py
import zstandard

inputs = []
doc = b""
for i in range(30):
    doc += b"version %d: line %d of a growing document, with some text that repeats.\n" % (i, i) * (i % 4 + 1)
    inputs.append(doc)

frames = [zstandard.ZstdCompressor().compress(inputs[0])]
for i, raw in enumerate(inputs[1:]):
    dict_data = zstandard.ZstdCompressionDict(inputs[i], dict_type=zstandard.DICT_TYPE_RAWCONTENT)
    frames.append(zstandard.ZstdCompressor(dict_data=dict_data).compress(raw))

assert zstandard.ZstdDecompressor().decompress_content_dict_chain(frames) == inputs[-1]
with open("python_chain.zst", "wb") as f:
    f.write(b"".join(frames))
with open("python_chain.last", "wb") as f:
    f.write(inputs[-1])
print(zstandard.__version__, len(frames), "frames")
