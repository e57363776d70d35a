package io.github.appendlog.delivery;

/**
 * Told of every append request just before it is sent, with where it goes and a fingerprint of its
 * body: the journal records it, so that after a crash the append is settled by that fingerprint
 * instead of being sent again blindly. Never throws: a recorder that cannot record reports it itself.
 */
interface AttemptRecorder {
    AttemptRecorder NONE = (key, attempt) -> { };

    void aboutToAppend(String key, AppendAttempt attempt);
}
