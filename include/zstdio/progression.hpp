/// @file
/// Frame progression: how far the frame being compressed has got.
///
/// Returned by compressor::progression(), compression_object::frame_progression()
/// and basic_zstd_compressor::progression() (and their frame_progression()
/// aliases).
#ifndef ZSTDIO_PROGRESSION_HPP
#define ZSTDIO_PROGRESSION_HPP

#include <cstdint>

namespace zstdio {

/// How far the current frame has got (libzstd's ZSTD_frameProgression,
/// python-zstandard's frame_progression).  All zero until the frame's first
/// compress or flush call; after the frame ends, its final counts.  With
/// `threads` the counts include the work of libzstd's workers at the moment
/// of the call, which is what the zstd CLI's --adapt reads.
struct frame_progression {
    /// Input bytes given to the compressor so far (compressed or buffered).
    std::uint64_t ingested = 0;
    /// Input bytes compressed; ingested - consumed is buffered, waiting.
    std::uint64_t consumed = 0;
    /// Bytes of frame produced, including those still in libzstd's buffers.
    std::uint64_t produced = 0;
    /// Bytes of frame handed out of libzstd.  With threads, what the workers'
    /// output buffers have delivered (produced - flushed still waits there);
    /// without, libzstd reports produced.
    std::uint64_t flushed = 0;
    /// With threads: jobs started for this frame (libzstd's currentJobID);
    /// the input is cut into jobs of job_size.  0 without threads.
    unsigned current_job = 0;
    /// With threads: workers compressing at the moment of the call.  0
    /// without threads.
    unsigned active_workers = 0;
};

} // namespace zstdio

#endif
