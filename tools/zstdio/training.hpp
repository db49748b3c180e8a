// zstdio CLI — --train FILES -o DICT: building a dictionary from samples.
#ifndef ZSTDIO_CLI_TRAINING_HPP
#define ZSTDIO_CLI_TRAINING_HPP

#include "console.hpp"
#include "options.hpp"

namespace zstdio_cli {

/// Trains a dictionary of at most --maxdict bytes on the input files (each
/// file is one sample) and writes it to -o (default "dictionary").
/// @return the exit status.
int train_dictionary_file(const options& o, const console& con);

} // namespace zstdio_cli

#endif
