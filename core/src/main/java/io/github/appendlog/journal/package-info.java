/**
 * The optional local journal ({@code journalDirectory}): encoded entries in CRC32C-checked frames
 * in segment files, written by the pipeline's journal thread and read by the sender, and the records
 * that make appends exactly once across a crash (intent before an append, landed after it). See
 * {@link io.github.appendlog.journal.Journal}.
 *
 * <p>An appender's directory holds:
 * <ul>
 *   <li>{@code lock}: locked while a process has the journal open (the OS releases it when the
 *       process dies); it holds that process's pid;
 *   <li>{@code seg-<first seq, 20 digits>.log}: segments of frames (layout in {@code FrameFormat});
 *       a segment is deleted once a landed record covering its last entry is on the disk;
 *   <li>{@code appends.log}: the intent and landed records (layout in {@code RecordCodec}), and
 *       {@code appends.log.tmp} for the moment a compaction rewrites it;
 *   <li>{@code corrupt/}: files found bad at open or while reading, moved aside (the last few kept).
 * </ul>
 */
package io.github.appendlog.journal;
