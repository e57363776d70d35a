/**
 * The optional local journal ({@code journalDirectory}): encoded entries in CRC32C-checked frames
 * in segment files, written by the pipeline's journal thread and read by the sender, and the records
 * that make appends exactly once across a crash (intent before an append, landed after it). See
 * {@link io.github.appendlog.journal.Journal}.
 */
package io.github.appendlog.journal;
