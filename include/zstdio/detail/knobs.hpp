// zstdio — detail: the one list of libzstd parameters zstdio exposes.
//
// compression_parameters and decompression_parameters (params.hpp) generate
// their `knob` enum and named accessors from these lists, and src/libzstd/experimental.cpp
// generates the knob names and the mapping to libzstd's parameters from the
// same lists, with static_asserts that the two agree.  Adding a knob is adding
// one row here (and its documentation in doc/parameters.md).
//
// A row is X(NAME, TYPE, LIBZSTD, EXPERIMENTAL, ACCESSORS):
//   NAME          the knob's enum value, accessor name and name in messages;
//   TYPE          the accessors' value type (stored as libzstd's int);
//   LIBZSTD       libzstd's parameter.  Only src/ expands it: public headers
//                 never include <zstd.h>, so here it is just a word;
//   EXPERIMENTAL  true for libzstd's ZSTD_STATIC_LINKING_ONLY parameters
//                 (usable only with the libzstd zstdio was built against);
//   ACCESSORS     `plain`: a generated getter (0 when unset) and chainable
//                 setter; `custom`: written by hand in params.hpp.
// The order of the rows is the order of the enum and of application.
#ifndef ZSTDIO_DETAIL_KNOBS_HPP
#define ZSTDIO_DETAIL_KNOBS_HPP

// Every ZSTD_cParameter (python-zstandard's ZstdCompressionParameters).
// Names follow zstd_params where a field exists (threads, checksum, ...).
#define ZSTDIO_COMPRESSION_KNOBS(X)                                                                \
    X(compression_level, int, ZSTD_c_compressionLevel, false, plain)                              \
    X(window_log, int, ZSTD_c_windowLog, false, plain)                                            \
    X(hash_log, int, ZSTD_c_hashLog, false, plain)                                                \
    X(chain_log, int, ZSTD_c_chainLog, false, plain)                                              \
    X(search_log, int, ZSTD_c_searchLog, false, plain)                                            \
    X(min_match, int, ZSTD_c_minMatch, false, plain)                                              \
    X(target_length, int, ZSTD_c_targetLength, false, plain)                                      \
    X(strategy, zstdio::strategy, ZSTD_c_strategy, false, plain)                                  \
    /* a bool for users, libzstd's switch value (1 on, 2 off) inside */                           \
    X(enable_long_distance_matching, bool, ZSTD_c_enableLongDistanceMatching, false, custom)      \
    X(ldm_hash_log, int, ZSTD_c_ldmHashLog, false, plain)                                         \
    X(ldm_min_match, int, ZSTD_c_ldmMinMatch, false, plain)                                       \
    X(ldm_bucket_size_log, int, ZSTD_c_ldmBucketSizeLog, false, plain)                            \
    X(ldm_hash_rate_log, int, ZSTD_c_ldmHashRateLog, false, plain)                                \
    X(content_size, bool, ZSTD_c_contentSizeFlag, false, plain)                                   \
    X(checksum, bool, ZSTD_c_checksumFlag, false, plain)                                          \
    /* the flag "write the dictionary id", as zstd_params::dict_id */                             \
    X(dict_id, bool, ZSTD_c_dictIDFlag, false, plain)                                             \
    X(threads, int, ZSTD_c_nbWorkers, false, plain)                                               \
    X(job_size, int, ZSTD_c_jobSize, false, plain)                                                \
    X(overlap_log, int, ZSTD_c_overlapLog, false, plain)                                          \
    X(format, frame_format, ZSTD_c_format, true, plain)                                           \
    X(target_cblock_size, int, ZSTD_c_targetCBlockSize, true, plain)                              \
    X(rsyncable, bool, ZSTD_c_rsyncable, true, plain)                                             \
    X(force_max_window, bool, ZSTD_c_forceMaxWindow, true, plain)                                 \
    X(literal_compression_mode, parameter_switch, ZSTD_c_literalCompressionMode, true, plain)     \
    X(src_size_hint, int, ZSTD_c_srcSizeHint, true, plain)                                        \
    X(enable_dedicated_dict_search, bool, ZSTD_c_enableDedicatedDictSearch, true, plain)          \
    X(use_block_splitter, parameter_switch, ZSTD_c_useBlockSplitter, true, plain)                 \
    X(use_row_match_finder, parameter_switch, ZSTD_c_useRowMatchFinder, true, plain)              \
    X(deterministic_ref_prefix, bool, ZSTD_c_deterministicRefPrefix, true, plain)                 \
    X(prefetch_cdict_tables, parameter_switch, ZSTD_c_prefetchCDictTables, true, plain)           \
    X(max_block_size, int, ZSTD_c_maxBlockSize, true, plain)

// Every user-settable ZSTD_dParameter (ZSTD_d_stableOutBuffer, a promise
// about the caller's output buffer, is zstdio's business, not a knob).
// Names follow zstd_params where a field exists.
#define ZSTDIO_DECOMPRESSION_KNOBS(X)                                                              \
    X(window_log_max, int, ZSTD_d_windowLogMax, false, plain)                                     \
    X(format, frame_format, ZSTD_d_format, true, plain)                                           \
    /* true = check, as zstd_params::verify_checksum: libzstd's                                   \
       forceIgnoreChecksum inverted (src/libzstd/knob_mapping.hpp) */                             \
    X(verify_checksum, bool, ZSTD_d_forceIgnoreChecksum, true, plain)                             \
    X(ref_multiple_ddicts, bool, ZSTD_d_refMultipleDDicts, true, plain)                           \
    X(disable_huffman_assembly, bool, ZSTD_d_disableHuffmanAssembly, true, plain)

#endif
