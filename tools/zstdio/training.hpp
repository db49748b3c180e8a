// zstdio CLI — --train FILES -o DICT: building a dictionary from samples.
#ifndef ZSTDIO_CLI_TRAINING_HPP
#define ZSTDIO_CLI_TRAINING_HPP

#include "console.hpp"
#include "options.hpp"

namespace zstdio_cli {

/// Trains a dictionary of at most --maxdict bytes (default 110 KiB) on the
/// input files and writes it to -o (default "dictionary"), as `zstd --train`
/// 1.5.4 does: the same samples in the same order, so the same dictionary.
///
/// Each non-empty file is one sample of at most its first 128 KiB, or with
/// -B# is cut into samples of # bytes; -M# caps the bytes loaded.
/// Algorithms: fastcover (--train, --train-fastcover=...), cover
/// (--train-cover=...), legacy (--train-legacy=s=#); k = 0 or d = 0 means
/// optimize (on -T# threads).  The -# level tunes the entropy tables;
/// --dictID=# fixes the id (0 = random).  An existing output is replaced,
/// never left half written.
/// @return the exit status: 0; 14 for fewer than 5 samples; 1 when training
///         fails or a setting is not supported; 10, 11 for unreadable samples;
///         3, 4, 5 when the dictionary cannot be written (zstd's numbers).
int train_dictionary_file(const options& o, const console& con);

} // namespace zstdio_cli

#endif
