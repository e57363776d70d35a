package io.github.appendlog.reliability;

/**
 * The numbered lines the suite logs: {@code L|<app>|<thread>|<seq>|<payload>|E}, whose payload's
 * length and letters follow from the sequence number, so a torn or spliced line never passes as
 * whole. Threads count from 0 in each app; sequence numbers from 0 in each thread.
 */
final class NumberedLines {
    private static final String LETTERS = "abcdefghijklmnopqrstuvwxyz0123456789";

    private NumberedLines() {
    }

    static String line(String app, int thread, long seq) {
        return "L|" + app + "|" + thread + "|" + seq + "|" + payload(seq) + "|E";
    }

    /** Between 0 and 140 characters, a rotation of {@link #LETTERS} chosen by {@code seq}. */
    static String payload(long seq) {
        int length = (int) ((seq * 7919) % 141);
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            b.append(LETTERS.charAt((int) ((seq + i) % LETTERS.length())));
        }
        return b.toString();
    }
}
