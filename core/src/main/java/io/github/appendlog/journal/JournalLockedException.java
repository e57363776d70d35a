package io.github.appendlog.journal;

import java.io.IOException;

/** Another live process holds the journal directory's lock. */
public final class JournalLockedException extends IOException {
    private static final long serialVersionUID = 1L;

    public JournalLockedException(String message) {
        super(message);
    }
}
